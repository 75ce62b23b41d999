import PerpetuaCore
import PerpetuaEngine

/// Runs an ``EngineWorkload`` against the full ``Engine`` and measures it, like
/// ``MatchingRunner`` does for the bare book.
///
/// Each pass starts from a fresh engine, applies the setup and the warm-up untimed, then
/// the measured commands. After every command the loop does the same small bookkeeping
/// in both passes: count a refusal, the events, and the trades among them, and for a
/// placed order record the id the engine gave it. That record is how the run proves the
/// pre-built cancels and amends named the orders the generator meant (see
/// ``EngineWorkload``): after the loop every recorded id must equal the generator's.
public struct EngineRunner: Sendable {
    public init() {}

    /// Both passes and the gate: the answer `perpetua bench engine` prints.
    public func run(_ workload: EngineWorkload) -> EngineReport {
        let throughput = throughputPass(workload)
        let latency = latencyPass(workload)
        var failure: String?
        if let problem = workload.problem {
            failure = problem
        } else if throughput.counts != latency.counts {
            failure = "the throughput and latency passes disagree (\(throughput.counts) vs \(latency.counts)): the engine is not deterministic"
        } else {
            failure = Self.mismatch(throughput.counts, workload.expectation)
        }
        return EngineReport(
            workload: workload.name, counts: throughput.counts, elapsedNs: throughput.elapsedNs, latency: latency.summary,
            failure: failure, gateSource: workload.expectation.source)
    }

    /// Everything that is wrong with a pass's counts, or `nil`.
    public static func mismatch(_ counts: EngineCounts, _ expectation: WorkloadExpectation) -> String? {
        var problems: [String] = []
        if counts.setupRejected != 0 { problems.append("\(counts.setupRejected) setup commands refused") }
        if counts.warmUpRejected != 0 { problems.append("\(counts.warmUpRejected) warm-up commands refused") }
        if counts.idMismatches != 0 { problems.append("\(counts.idMismatches) orders got an unexpected engine id") }
        if let problem = expectation.mismatch(in: counts.matchingCounts) { problems.append(problem) }
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }

    /// A fresh engine, setup and warm-up untimed, then the measured commands timed as one loop.
    public func throughputPass(_ workload: EngineWorkload) -> (counts: EngineCounts, elapsedNs: UInt64) {
        var state = prepare(workload)
        var counts = EngineCounts()
        let start = MonotonicClock.nanoseconds()
        execute(all: workload.commands, places: workload.commandPlaces, state: &state, counts: &counts)
        let elapsed = MonotonicClock.nanoseconds() &- start
        finish(workload, state: state, counts: &counts)
        return (counts, elapsed)
    }

    /// A fresh engine, setup and warm-up untimed, then one clock reading before each measured
    /// command and one after the last; latencies are the differences.
    public func latencyPass(_ workload: EngineWorkload) -> (counts: EngineCounts, summary: LatencySummary) {
        var state = prepare(workload)
        var counts = EngineCounts()
        let count = workload.commands.count
        // Written (not just reserved) here, so its pages are faulted in before timing.
        var stamps = [UInt64](repeating: 0, count: count + 1)
        stamps.withUnsafeMutableBufferPointer { stamps in
            workload.commands.withUnsafeBufferPointer { commands in
                workload.commandPlaces.withUnsafeBufferPointer { places in
                    for index in 0..<count {
                        stamps[index] = MonotonicClock.nanoseconds()
                        execute(commands[index], isPlace: places[index], state: &state, counts: &counts)
                    }
                }
            }
            stamps[count] = MonotonicClock.nanoseconds()
        }
        finish(workload, state: state, counts: &counts)
        var latencies = [UInt64](repeating: 0, count: count)
        for index in 0..<count { latencies[index] = stamps[index + 1] &- stamps[index] }
        return (counts, LatencySummary(sorting: &latencies))
    }

    /// Runs the whole workload untimed and returns the engine at the end with the counts,
    /// for tests that inspect the final state (invariants, balances).
    public func apply(_ workload: EngineWorkload) -> (engine: Engine, counts: EngineCounts) {
        var state = prepare(workload)
        var counts = EngineCounts()
        execute(all: workload.commands, places: workload.commandPlaces, state: &state, counts: &counts)
        finish(workload, state: state, counts: &counts)
        return (state.engine, counts)
    }

    // MARK: The loop body

    /// The engine and what the loop records besides counts.
    struct PassState {
        var engine: Engine
        /// Engine id of each generator order, indexed by generator id (slot 0 unused).
        var engineIds: [UInt64]
        /// Orders placed so far: the generator id of the next one minus one.
        var placed = 0
        var setupRejected = 0
        var warmUpRejected = 0
    }

    private func prepare(_ workload: EngineWorkload) -> PassState {
        let (engine, setupFailures) = workload.makeEngine()
        var state = PassState(engine: engine, engineIds: [UInt64](repeating: 0, count: workload.totalPlaces + 1))
        state.setupRejected = setupFailures
        var ignored = EngineCounts()
        execute(all: workload.warmUp, places: workload.warmUpPlaceFlags, state: &state, counts: &ignored)
        state.warmUpRejected = ignored.rejected
        return state
    }

    private func finish(_ workload: EngineWorkload, state: PassState, counts: inout EngineCounts) {
        counts.commands = workload.commands.count
        counts.setupRejected = state.setupRejected
        counts.warmUpRejected = state.warmUpRejected
        // A different number of placed orders is one mismatch; then each differing id.
        var mismatches = state.placed == workload.totalPlaces ? 0 : 1
        for id in 1..<state.engineIds.count where state.engineIds[id] != UInt64(id) { mismatches += 1 }
        counts.idMismatches = mismatches
        let engine = state.engine
        var resting = 0
        for account in engine.accountIds { resting += engine.openOrders(account: account, symbol: workload.spec.symbol).count }
        counts.resting = resting
        if let depth = engine.depth(workload.spec.symbol, limit: Int.max) {
            counts.bidLevels = depth.bids.count
            counts.askLevels = depth.asks.count
        }
    }

    @inline(__always)
    private func execute(
        _ envelope: CommandEnvelope, isPlace: Bool, state: inout PassState, counts: inout EngineCounts
    ) {
        let result = state.engine.apply(envelope)
        if result.error != nil { counts.rejected &+= 1 }
        if isPlace {
            state.placed &+= 1
            if state.placed < state.engineIds.count { state.engineIds[state.placed] = result.orderId ?? 0 }
        }
        let events = result.events.count
        counts.events &+= events
        // A command that does not trade reports at most its order and the depth change, so
        // only longer event lists need scanning for trades (the count stays exact).
        if events > 2 {
            var trades = 0
            for event in result.events {
                if case .trade = event { trades &+= 1 }
            }
            counts.fills &+= trades
            if trades > 0 { counts.tradeCommands &+= 1 }
        }
    }

    /// Applies `envelopes` in order; `places[i]` tells whether envelope `i` places an order.
    @inline(__always)
    private func execute(
        all envelopes: [CommandEnvelope], places: [Bool], state: inout PassState, counts: inout EngineCounts
    ) {
        envelopes.withUnsafeBufferPointer { envelopes in
            places.withUnsafeBufferPointer { places in
                for index in 0..<envelopes.count {
                    execute(envelopes[index], isPlace: places[index], state: &state, counts: &counts)
                }
            }
        }
    }
}
