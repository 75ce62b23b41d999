/// Builds klines from trades (TRADE) and mark ticks (MARK, INDEX) at every interval, one
/// open bar per series in memory. Bars that changed since the last drain are written by
/// the projector in the batch's transaction; bars of intervals in which nothing happened
/// are not stored but synthesised at query time from the previous close, so a quiet
/// symbol or a clock jump of months costs no rows.
///
/// After a restart the open bar of each series is reloaded from the store the first time
/// its symbol appears (``needsLoad(_:)``), so a bar interrupted by a crash continues
/// where its last committed state left off.
struct KlineAggregator {
    /// One symbol's open bars, indexed by ``slot(_:_:)``.
    private struct SymbolBars {
        var bars: [KlineBar?] = Array(repeating: nil, count: KlineAggregator.seriesPerSymbol)
        var dirty: [Bool] = Array(repeating: false, count: KlineAggregator.seriesPerSymbol)

        mutating func withSeries(_ body: (inout [KlineBar?], inout [Bool]) -> Void) {
            body(&bars, &dirty)
        }
    }

    /// A bar to write.
    struct Output {
        var symbol: String
        var priceType: KlinePriceType
        var interval: KlineInterval
        var bar: KlineBar
    }

    static let intervals = KlineInterval.allCases
    static let seriesPerSymbol = KlinePriceType.allCases.count * KlineInterval.allCases.count

    private var symbols: [String: SymbolBars] = [:]
    /// Bars that closed with changes not yet drained.
    private var closed: [Output] = []

    private static func slot(_ type: KlinePriceType, _ interval: KlineInterval) -> Int {
        type.ordinal * intervals.count + interval.ordinal
    }

    /// Whether the symbol's open bars must be read from the store before its next event.
    func needsLoad(_ symbol: String) -> Bool { symbols[symbol] == nil }

    /// Installs the latest stored bar of each series of `symbol` (missing series start
    /// empty).
    mutating func load(_ symbol: String, bars: [(KlinePriceType, KlineInterval, KlineBar)]) {
        var entry = SymbolBars()
        for (type, interval, bar) in bars { entry.bars[Self.slot(type, interval)] = bar }
        symbols[symbol] = entry
    }

    /// Forgets everything, after a failed write: the store's committed bars are the truth
    /// again and are reloaded on demand.
    mutating func reset() {
        symbols.removeAll()
        closed.removeAll()
    }

    /// A trade at `price` (units) for `quantity` (units).
    mutating func trade(symbol: String, price: Int64, quantity: Int64, time: Int64) {
        let quote = Int128(price) * Int128(quantity)
        record(symbol: symbol, type: .trade, price: price, volume: quantity, quoteVolume: quote, tradeCount: 1, time: time)
    }

    /// A mark-price tick: one MARK and one INDEX observation.
    mutating func markTick(symbol: String, markPrice: Int64, indexPrice: Int64, time: Int64) {
        record(symbol: symbol, type: .mark, price: markPrice, volume: 0, quoteVolume: 0, tradeCount: 0, time: time)
        record(symbol: symbol, type: .index, price: indexPrice, volume: 0, quoteVolume: 0, tradeCount: 0, time: time)
    }

    private mutating func record(
        symbol: String, type: KlinePriceType, price: Int64, volume: Int64, quoteVolume: Int128, tradeCount: Int64,
        time: Int64
    ) {
        precondition(symbols[symbol] != nil, "klines of \(symbol) used before load")
        let base = type.ordinal * Self.intervals.count
        var finishedBars: [Output] = []
        // Mutate in place: one hash lookup per event, not one per interval.
        symbols[symbol]!.withSeries { bars, dirty in
            for (offset, interval) in Self.intervals.enumerated() {
                let slot = base + offset
                if var bar = bars[slot], time < bar.nextOpenTime {
                    // Times never go back within a symbol; an earlier one would only come
                    // from a clock stepped back, and joins the open bar.
                    bar.add(price: price, volume: volume, quoteVolume: quoteVolume, tradeCount: tradeCount)
                    bars[slot] = bar
                } else {
                    if let finished = bars[slot], dirty[slot] {
                        finishedBars.append(Output(symbol: symbol, priceType: type, interval: interval, bar: finished))
                    }
                    let open = interval.openTime(containing: time)
                    bars[slot] = KlineBar(
                        openTime: open, nextOpenTime: interval.advance(open, by: 1), price: price, volume: volume,
                        quoteVolume: quoteVolume, tradeCount: tradeCount)
                }
                dirty[slot] = true
            }
        }
        if !finishedBars.isEmpty { closed.append(contentsOf: finishedBars) }
    }

    /// Every bar changed since the last drain, each once; marks them clean.
    mutating func drain() -> [Output] {
        var result = closed
        closed.removeAll()
        for symbol in Array(symbols.keys) {
            symbols[symbol]!.withSeries { bars, dirty in
                for type in KlinePriceType.allCases {
                    for interval in Self.intervals {
                        let slot = Self.slot(type, interval)
                        if dirty[slot], let bar = bars[slot] {
                            result.append(Output(symbol: symbol, priceType: type, interval: interval, bar: bar))
                            dirty[slot] = false
                        }
                    }
                }
            }
        }
        return result
    }
}
