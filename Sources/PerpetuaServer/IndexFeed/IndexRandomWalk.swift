import PerpetuaCore

/// The simulated index: a seeded random walk of about 0.01 % a step (a yearly volatility
/// near 60 % at one step a second), on the symbol's tick grid, in integers only.
struct IndexRandomWalk: Sendable {
    private var random: DemoRandom

    init(seed: UInt64) { random = DemoRandom(seed: seed) }

    /// The next price after `price`, on ticks of `tick` units, never below one tick.
    mutating func step(_ price: Price, tick: Int64) -> Price {
        Self.next(after: price, tick: tick, normalMillis: random.normalMillis())
    }

    /// The walk's step for a standard normal draw `z` in thousandths (shared with the demo).
    static func next(after price: Price, tick: Int64, normalMillis z: Int64) -> Price {
        let delta = Int128(price.units) * 100 * Int128(z) / 1_000_000_000
        let units = (price.units + Int64(delta)) / tick * tick
        return Price(units: max(tick, units))
    }
}
