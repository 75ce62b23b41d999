/// FNV-1a over 64-bit words: a stable hash for state comparison across processes and
/// machines (Swift's `Hasher` is seeded per process, so it cannot serve recovery checks).
public struct StateHasher: Sendable {
    /// The hash so far.
    public private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    public init() {}

    /// Mixes in one 64-bit word, byte by byte.
    public mutating func combine(_ word: UInt64) {
        var w = word
        for _ in 0..<8 {
            value ^= w & 0xFF
            value = value &* 0x0000_0100_0000_01B3
            w >>= 8
        }
    }

    /// Mixes in a signed word.
    public mutating func combine(_ word: Int64) { combine(UInt64(bitPattern: word)) }
}
