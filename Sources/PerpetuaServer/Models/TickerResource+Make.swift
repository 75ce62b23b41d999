import PerpetuaCore

extension TickerResource {
    /// The ticker from its parts, for REST (`/market/ticker`) and the `ticker` stream alike.
    static func make(
        spec: SymbolSpec, day: DayStatistics, lastPrice: Price?, markPrice: Price?, indexPrice: Price?, bestBid: Price?,
        bestAsk: Price?, now: Int64
    ) -> TickerResource {
        let last = day.last ?? lastPrice
        let open = day.open ?? last
        var change: String?
        var changePercent: String?
        if let last, let open {
            change = spec.text(Price(units: last.units - open.units))
            if open.units != 0 {
                // Percent with two decimals: hundredths of a percent, then back to 10⁻⁸ units.
                let hundredths = RoundingRule.halfAwayFromZero.divide(Int128(last.units - open.units) * 10_000, by: Int128(open.units))
                changePercent = Rate(units: Int64(clamping: hundredths) * 1_000_000).description
            }
        }
        return TickerResource(
            symbol: spec.symbol, last: spec.text(last), open: spec.text(open), high: spec.text(day.high ?? last),
            low: spec.text(day.low ?? last), volume: spec.text(day.volume),
            quoteVolume: Amount.display(exact: day.quoteVolume).description, change: change, changePercent: changePercent,
            markPrice: spec.text(markPrice), indexPrice: spec.text(indexPrice), bestBid: spec.text(bestBid),
            bestAsk: spec.text(bestAsk), tradeCount: day.tradeCount, time: now)
    }
}
