/// The outcome of running a workload: a throughput pass and a latency pass over fresh
/// books, and whether the book's counts pass the workload's gate.
public struct MatchingReport: Hashable, Sendable {
    /// The workload's name.
    public var workload: String
    /// Counts from the throughput pass (the latency pass must agree).
    public var counts: MatchingCounts
    /// Wall time of the throughput pass's loop.
    public var elapsedNs: UInt64
    /// Per-command latency from the latency pass.
    public var latency: LatencySummary
    /// Why the run does not count, or `nil` when it passed: a gate mismatch, or the two
    /// passes disagreeing (a book that is not deterministic).
    public var failure: String?
    /// Where the counts the run was checked against come from, or `nil` when the
    /// workload had none at this size.
    public var gateSource: String?

    public init(
        workload: String, counts: MatchingCounts, elapsedNs: UInt64, latency: LatencySummary, failure: String?,
        gateSource: String?
    ) {
        self.workload = workload
        self.counts = counts
        self.elapsedNs = elapsedNs
        self.latency = latency
        self.failure = failure
        self.gateSource = gateSource
    }

    /// Commands per second in the throughput pass.
    public var opsPerSec: Double {
        elapsedNs == 0 ? 0 : Double(counts.commands) * 1e9 / Double(elapsedNs)
    }
}
