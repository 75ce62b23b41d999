/// SplitMix64: a small seeded generator, so a demo run is reproducible from its seed.
struct DemoRandom: Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `0..<bound`.
    mutating func below(_ bound: UInt64) -> UInt64 { next() % bound }

    /// An approximately standard normal variate in thousandths (Irwin–Hall: the sum of 12
    /// uniforms minus 6), in integers so no floating point touches a price.
    mutating func normalMillis() -> Int64 {
        var sum: Int64 = 0
        for _ in 0..<12 { sum += Int64(below(1000)) }
        return sum - 6000
    }
}
