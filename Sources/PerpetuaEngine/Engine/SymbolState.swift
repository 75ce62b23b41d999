import PerpetuaCore

/// One symbol's market state inside the engine: its book, prices and funding samples.
struct SymbolState: Sendable {
    var spec: SymbolSpec
    var book: OrderBook
    var indexPrice: Price?
    var markPrice: Price?
    var lastPrice: Price?
    var lastFundingRate: Rate = .zero
    var nextFundingTime: Int64 = 0
    /// Σ premium-index samples (rate units) and their count since the last settlement.
    var premiumSum: Int128 = 0
    var premiumCount: Int64 = 0
    /// Ring of (mid − index) samples in price units for the mark price's P2, and their sum.
    var basisSamples: [Int64] = []
    var basisNext = 0
    var basisSum: Int128 = 0
    /// Untriggered condition orders on this symbol, in id order (the evaluation order).
    var conditionIds: [UInt64] = []

    init(spec: SymbolSpec, capacity: Int) {
        self.spec = spec
        book = OrderBook(priceBandRate: spec.priceBandRate, capacity: capacity)
    }

    /// The price of `type`, falling back to the index (and the last price to the mark)
    /// as MECHANICS.md prescribes for a market without trades.
    func price(_ type: TriggerPriceType) -> Price? {
        switch type {
        case .last: lastPrice ?? indexPrice
        case .mark: markPrice ?? indexPrice
        case .index: indexPrice
        }
    }

    /// The price margin is computed at: the mark, else the index, else the last trade.
    var riskPrice: Price? { markPrice ?? indexPrice ?? lastPrice }
}
