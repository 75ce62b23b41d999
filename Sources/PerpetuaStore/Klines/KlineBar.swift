/// The bar of one series that the aggregator is filling, in raw units so that updating it
/// per trade costs a few integer operations.
struct KlineBar: Hashable, Sendable {
    var openTime: Int64
    /// The next bar's open time: an event before it lands in this bar.
    var nextOpenTime: Int64
    var open: Int64
    var high: Int64
    var low: Int64
    var close: Int64
    var volume: Int64
    /// Σ price units × quantity units, at 10⁻¹⁶.
    var quoteVolume: Int128
    var tradeCount: Int64

    init(openTime: Int64, nextOpenTime: Int64, price: Int64, volume: Int64, quoteVolume: Int128, tradeCount: Int64) {
        self.openTime = openTime
        self.nextOpenTime = nextOpenTime
        self.open = price
        self.high = price
        self.low = price
        self.close = price
        self.volume = volume
        self.quoteVolume = quoteVolume
        self.tradeCount = tradeCount
    }

    mutating func add(price: Int64, volume: Int64, quoteVolume: Int128, tradeCount: Int64) {
        if price > high { high = price }
        if price < low { low = price }
        close = price
        self.volume += volume
        self.quoteVolume += quoteVolume
        self.tradeCount += tradeCount
    }
}
