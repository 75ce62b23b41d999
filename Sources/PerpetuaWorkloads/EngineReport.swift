/// The outcome of ``EngineRunner/run(_:)``: a throughput pass and a latency pass over fresh
/// engines, and whether the engine's counts pass the workload's gate.
public struct EngineReport: Hashable, Sendable {
    public var workload: String
    /// Counts from the throughput pass (the latency pass must agree).
    public var counts: EngineCounts
    /// Wall time of the throughput pass's loop.
    public var elapsedNs: UInt64
    /// Per-command latency from the latency pass.
    public var latency: LatencySummary
    /// Why the run does not count, or `nil` when it passed.
    public var failure: String?
    /// Where the expected counts come from.
    public var gateSource: String

    public init(
        workload: String, counts: EngineCounts, elapsedNs: UInt64, latency: LatencySummary, failure: String?, gateSource: String
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
