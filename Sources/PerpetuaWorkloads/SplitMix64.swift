/// A small, fast, seedable pseudo-random generator (Steele, Lea and Flood's SplitMix64).
///
/// Workload generators need a sequence that is identical on every platform and Swift
/// version so that a benchmark run is reproducible from its seed alone. The standard
/// library's `SystemRandomNumberGenerator` cannot be seeded, and the algorithm behind
/// `Int.random(in:using:)` is not promised to stay the same, so bounded draws go through
/// ``uniform(_:)`` instead.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound` (`bound` > 0) by Lemire's multiply-high method. The bias is
    /// below 2⁻⁵⁰ for the small bounds workloads use, and the mapping never changes.
    public mutating func uniform(_ bound: Int) -> Int {
        precondition(bound > 0, "uniform(_:) needs a positive bound")
        return Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// True with probability `numerator / denominator`.
    public mutating func chance(_ numerator: Int, in denominator: Int) -> Bool {
        uniform(denominator) < numerator
    }
}
