/// Percentiles of per-command latency, in nanoseconds.
///
/// Floating point is fine here: these are timing statistics, never money.
public struct LatencySummary: Hashable, Sendable {
    public var samples: Int
    public var p50Ns: UInt64
    public var p90Ns: UInt64
    public var p99Ns: UInt64
    public var p999Ns: UInt64
    public var maxNs: UInt64
    public var meanNs: Double

    public init(samples: Int, p50Ns: UInt64, p90Ns: UInt64, p99Ns: UInt64, p999Ns: UInt64, maxNs: UInt64, meanNs: Double) {
        self.samples = samples
        self.p50Ns = p50Ns
        self.p90Ns = p90Ns
        self.p99Ns = p99Ns
        self.p999Ns = p999Ns
        self.maxNs = maxNs
        self.meanNs = meanNs
    }

    /// Summarises raw samples (sorted in place) by the nearest-rank method.
    public init(sorting samples: inout [UInt64]) {
        samples.sort()
        let count = samples.count
        func rank(_ perMillion: Int) -> UInt64 {
            guard count > 0 else { return 0 }
            // Nearest rank: the smallest sample with at least q of all samples at or below it.
            let index = (count * perMillion + 999_999) / 1_000_000 - 1
            return samples[max(0, min(count - 1, index))]
        }
        var total: UInt64 = 0
        for sample in samples { total &+= sample }
        self.init(
            samples: count,
            p50Ns: rank(500_000),
            p90Ns: rank(900_000),
            p99Ns: rank(990_000),
            p999Ns: rank(999_000),
            maxNs: samples.last ?? 0,
            meanNs: count == 0 ? 0 : Double(total) / Double(count)
        )
    }
}
