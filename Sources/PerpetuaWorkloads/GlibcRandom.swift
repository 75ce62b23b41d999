/// glibc's `rand()` (the `TYPE_3` additive feedback generator behind `srand`/`random`),
/// reimplemented so that a workload gets the exact sequence of `srand(seed)` followed by
/// `rand()` calls without touching the C library's process-wide state.
///
/// The Liquibook insert workload is defined by that sequence, and its published fill and
/// resting counts only hold for it. The global `rand()` is shared by every thread, so two
/// generators running at once (parallel tests, a benchmark harness) would interleave and
/// silently change the workload; this value type cannot. Its output is checked against
/// glibc's own `rand()` in the tests.
public struct GlibcRandom: Sendable {
    /// The 31 words of state, `r[i] = r[i-31] + r[i-3]` modulo 2³².
    private var state: [UInt32]
    private var front = 3
    private var rear = 0

    /// The generator after `srand(seed)`.
    public init(seed: UInt32) {
        var words = [UInt32](repeating: 0, count: 31)
        // glibc treats seed 0 as 1 and keeps the running word in an int32_t, so a seed
        // above Int32.max starts out negative.
        var word = Int64(Int32(bitPattern: seed == 0 ? 1 : seed))
        words[0] = UInt32(truncatingIfNeeded: word)
        for i in 1..<31 {
            // Park-Miller "minimal standard" step by Schrage's method, exactly as srandom_r.
            let hi = word / 127_773
            let lo = word % 127_773
            var next = 16_807 * lo - 2_836 * hi
            if next < 0 { next += 2_147_483_647 }
            word = Int64(Int32(truncatingIfNeeded: next))
            words[i] = UInt32(truncatingIfNeeded: word)
        }
        state = words
        // srandom_r discards the first 10 × 31 outputs to mix the state.
        for _ in 0..<310 { _ = next() }
    }

    /// The next value of `rand()`, in `0...Int32.max`.
    public mutating func next() -> Int32 {
        state[front] &+= state[rear]
        let result = state[front] >> 1
        front = front == 30 ? 0 : front + 1
        rear = rear == 30 ? 0 : rear + 1
        return Int32(bitPattern: result)
    }
}
