import PerpetuaCore
import PerpetuaEngine

/// Runs a ``MatchingWorkload`` against ``OrderBook`` and measures it.
///
/// Every command is followed by the same bookkeeping in every pass: count the trade and
/// reject events, then read the top ``depthLevels`` levels of both sides through
/// ``OrderBook/level(side:rank:)`` and fold them into a checksum. The read is part of the
/// measured work on purpose: the targets are for a book that keeps top-N depth current,
/// and the checksum keeps the optimiser from dropping the read.
///
/// One event buffer is reused for the whole run and the book is sized up front, so the
/// loop itself allocates nothing.
public struct MatchingRunner: Sendable {
    /// Levels read per side after each command.
    public var depthLevels: Int

    public init(depthLevels: Int = 5) {
        self.depthLevels = depthLevels
    }

    /// Both passes and the gate: the answer `perpetua bench matching` prints.
    public func run(_ workload: MatchingWorkload) -> MatchingReport {
        let throughput = throughputPass(workload)
        let latency = latencyPass(workload)
        var failure: String?
        if throughput.counts != latency.counts {
            failure = "the throughput and latency passes disagree (\(throughput.counts) vs \(latency.counts)): the book is not deterministic"
        } else if let expectation = workload.expectation {
            failure = expectation.mismatch(in: throughput.counts)
        }
        return MatchingReport(
            workload: workload.name, counts: throughput.counts, elapsedNs: throughput.elapsedNs,
            latency: latency.summary, failure: failure, gateSource: workload.expectation?.source
        )
    }

    /// A fresh book, the warm-up untimed, then the measured commands timed as one loop.
    public func throughputPass(_ workload: MatchingWorkload) -> (counts: MatchingCounts, elapsedNs: UInt64) {
        var book = workload.makeBook()
        var events: [BookEvent] = []
        events.reserveCapacity(256)
        warmUp(workload, book: &book, events: &events)
        var counts = MatchingCounts()
        let start = MonotonicClock.nanoseconds()
        workload.commands.withUnsafeBufferPointer { commands in
            for command in commands {
                execute(command, book: &book, events: &events, counts: &counts)
            }
        }
        let elapsed = MonotonicClock.nanoseconds() &- start
        finish(book: book, counts: &counts, commandCount: workload.commands.count)
        return (counts, elapsed)
    }

    /// A fresh book, the warm-up untimed, then one clock reading before each measured
    /// command and one after the last; latencies are the differences.
    public func latencyPass(_ workload: MatchingWorkload) -> (counts: MatchingCounts, summary: LatencySummary) {
        var book = workload.makeBook()
        var events: [BookEvent] = []
        events.reserveCapacity(256)
        warmUp(workload, book: &book, events: &events)
        let count = workload.commands.count
        // Written (not just reserved) here, so its pages are faulted in before timing.
        var stamps = [UInt64](repeating: 0, count: count + 1)
        var counts = MatchingCounts()
        stamps.withUnsafeMutableBufferPointer { stamps in
            workload.commands.withUnsafeBufferPointer { commands in
                for index in 0..<count {
                    stamps[index] = MonotonicClock.nanoseconds()
                    execute(commands[index], book: &book, events: &events, counts: &counts)
                }
            }
            stamps[count] = MonotonicClock.nanoseconds()
        }
        finish(book: book, counts: &counts, commandCount: count)
        var latencies = [UInt64](repeating: 0, count: count)
        for index in 0..<count { latencies[index] = stamps[index + 1] &- stamps[index] }
        return (counts, LatencySummary(sorting: &latencies))
    }

    /// Applies commands to a book with the same per-command work as the timed passes,
    /// adding to `counts`. For harnesses that time the call themselves.
    public func apply(
        _ commands: [WorkloadCommand], to book: inout OrderBook, events: inout [BookEvent], counts: inout MatchingCounts
    ) {
        commands.withUnsafeBufferPointer { commands in
            for command in commands {
                execute(command, book: &book, events: &events, counts: &counts)
            }
        }
        counts.commands += commands.count
    }

    // MARK: The loop body

    private func warmUp(_ workload: MatchingWorkload, book: inout OrderBook, events: inout [BookEvent]) {
        var ignored = MatchingCounts()
        apply(workload.warmUp, to: &book, events: &events, counts: &ignored)
    }

    private func finish(book: OrderBook, counts: inout MatchingCounts, commandCount: Int) {
        counts.commands = commandCount
        counts.resting = book.orderCount
        counts.bidLevels = book.levelCount(side: .buy)
        counts.askLevels = book.levelCount(side: .sell)
    }

    @inline(__always)
    private func execute(
        _ command: WorkloadCommand, book: inout OrderBook, events: inout [BookEvent], counts: inout MatchingCounts
    ) {
        events.removeAll(keepingCapacity: true)
        switch command {
        case .place(let order):
            book.place(order, into: &events)
        case .cancel(let orderId):
            book.cancel(orderId: orderId, into: &events)
        case .amend(let orderId, let priceTicks, let lots):
            book.amend(orderId: orderId, priceTicks: priceTicks, lots: lots, into: &events)
        }
        var traded = false
        for event in events {
            switch event {
            case .trade:
                counts.fills &+= 1
                traded = true
            case .rejected:
                counts.rejected &+= 1
            default:
                break
            }
        }
        if traded { counts.tradeCommands &+= 1 }
        // Two calls rather than a loop over `[.buy, .sell]`, which would allocate per command.
        counts.depthChecksum = foldDepth(of: book, side: .sell, into: foldDepth(of: book, side: .buy, into: counts.depthChecksum))
    }

    /// Reads the side's top ``depthLevels`` levels and folds them into `checksum`.
    @inline(__always)
    private func foldDepth(of book: OrderBook, side: Side, into checksum: UInt64) -> UInt64 {
        var checksum = checksum
        for rank in 0..<depthLevels {
            guard let level = book.level(side: side, rank: rank) else { break }
            checksum = Self.fold(checksum, UInt64(bitPattern: level.priceTicks))
            checksum = Self.fold(checksum, UInt64(bitPattern: level.lots))
            checksum = Self.fold(checksum, UInt64(truncatingIfNeeded: level.orderCount))
        }
        return Self.fold(checksum, 0xFF)
    }

    /// One FNV-1a step over a whole word: cheap, order-sensitive, good enough to notice a
    /// level that differs between runs.
    @inline(__always)
    private static func fold(_ hash: UInt64, _ word: UInt64) -> UInt64 {
        (hash ^ word) &* 0x0000_0100_0000_01B3
    }
}
