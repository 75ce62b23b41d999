import PerpetuaCore
import PerpetuaStore

/// The current bar of one subscribed (symbol, price type, interval), kept from trades (TRADE)
/// or mark-price ticks (MARK, INDEX) the way the store's aggregator builds history.
struct KlineTracker: Sendable {
    let interval: KlineInterval
    var bar: Kline?
    /// Changed since the last push.
    var dirty = false
    /// The last command the seed bar from the store already holds: the projector can run
    /// ahead of the fan-out, so commands up to here reach the tracker after the store
    /// counted them, and are skipped.
    var seededThrough: UInt64

    init(interval: KlineInterval, bar: Kline?, seededThrough: UInt64 = 0) {
        self.interval = interval
        self.bar = bar
        self.seededThrough = seededThrough
    }

    mutating func record(price: Price, quantity: Quantity?, time: Int64, sequence: UInt64) {
        guard sequence > seededThrough else { return }
        let open = interval.openTime(containing: time)
        if var current = bar, current.openTime == open {
            current.high = max(current.high, price)
            current.low = min(current.low, price)
            current.close = price
            if let quantity {
                current.volume = Quantity(units: current.volume.units + quantity.units)
                current.quoteVolume = ExactProduct(units: current.quoteVolume.units + Int128(price.units) * Int128(quantity.units))
                current.tradeCount += 1
            }
            bar = current
        } else if bar == nil || bar!.openTime < open {
            bar = Kline(
                openTime: open, closeTime: interval.closeTime(ofBarOpeningAt: open), open: price, high: price, low: price,
                close: price, volume: quantity ?? .zero,
                quoteVolume: ExactProduct(units: quantity.map { Int128(price.units) * Int128($0.units) } ?? 0),
                tradeCount: quantity == nil ? 0 : 1)
        }
        dirty = true
    }
}
