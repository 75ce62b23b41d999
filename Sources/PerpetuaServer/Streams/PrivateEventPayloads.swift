import PerpetuaCore
import PerpetuaEngine

/// `ORDER_UPDATE` data: the order as REST shows it, plus the fill that caused the update.
struct OrderUpdatePayload: Encodable, Sendable {
    struct LastFill: Encodable, Sendable {
        var tradeId: String
        var price: String
        var qty: String
        var fee: String
        var feeAsset = "USDT"
        var role: String
        var realizedPnl: String
    }

    var order: OrderResource
    @Null var lastFill: LastFill?

    enum CodingKeys: String, CodingKey { case lastFill }

    init(_ snapshot: OrderSnapshot, spec: SymbolSpec?) {
        order = OrderResource(snapshot, spec: spec)
        lastFill = snapshot.lastFill.map { fill in
            LastFill(
                tradeId: String(fill.tradeId), price: spec?.text(fill.price) ?? fill.price.description,
                qty: spec?.text(fill.quantity) ?? fill.quantity.description, fee: fill.fee.description,
                role: fill.role.rawValue, realizedPnl: fill.realizedPnl.description)
        }
    }

    /// The order's keys and `lastFill` in one object.
    func encode(to encoder: any Encoder) throws {
        try order.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(_lastFill, forKey: .lastFill)
    }
}

/// `MARGIN_CALL` data.
struct MarginCallPayload: Encodable, Sendable {
    var marginRatio: String
}

/// `LIQUIDATION` data: what the liquidation engine did with one position.
struct LiquidationPayload: Encodable, Sendable {
    var symbol: String
    /// The liquidated position's side, LONG or SHORT (as in position resources).
    var side: String
    var quantity: String
    var bankruptcyPrice: String
    var markPrice: String
    var closedInBook: String
    var closedByAdl: String
    var liquidationFee: String
    var time: Int64

    init(_ record: LiquidationRecord, spec: SymbolSpec?) {
        func price(_ value: Price) -> String { spec?.text(value) ?? value.description }
        func size(_ value: Quantity) -> String { spec?.text(value) ?? value.description }
        symbol = record.symbol
        side = record.side == .buy ? "LONG" : "SHORT"
        quantity = size(record.quantity)
        bankruptcyPrice = price(record.bankruptcyPrice)
        markPrice = price(record.markPrice)
        closedInBook = size(record.closedInBook)
        closedByAdl = size(record.closedByAdl)
        liquidationFee = record.liquidationFee.description
        time = record.time
    }
}

/// `LISTEN_KEY_EXPIRED` data.
struct ListenKeyExpiredPayload: Encodable, Sendable {
    var listenKey: String
    var expiredAt: Int64
}

/// `markPrice` channel data.
struct MarkPricePayload: Encodable, Sendable {
    var symbol: String
    var markPrice: String
    var indexPrice: String
    var fundingRate: String
    var nextFundingTime: Int64
    var time: Int64

    init(_ record: MarkPriceRecord, spec: SymbolSpec?) {
        func price(_ value: Price) -> String { spec?.text(value) ?? value.description }
        symbol = record.symbol
        markPrice = price(record.markPrice)
        indexPrice = price(record.indexPrice)
        fundingRate = record.estimatedFundingRate.description
        nextFundingTime = record.nextFundingTime
        time = record.time
    }
}
