import Foundation
import PerpetuaCore
import PerpetuaEngine
@testable import PerpetuaJournal
import Testing

@Suite("Sequencer")
struct SequencerTests {
    typealias F = JournalFixtures

    static func deposit(_ account: UInt64, _ whole: Int64) -> EngineCommand {
        .deposit(account: account, amount: Amount(units: whole * fixedPointOne))
    }

    @Test("a result is returned only after its command is durable, and subscribers wait too")
    func resultAfterDurability() async throws {
        let sink = GatedJournalSink()
        let published = Locked(0)
        let sequencer = Sequencer(
            engine: Engine(), journal: sink, clock: .manual(startingAt: F.startTime),
            onCommitted: { batch in published.mutate { $0 += batch.count } })
        sink.hold()
        let finished = Locked(false)
        let task = Task {
            let committed = try await sequencer.submit(Self.deposit(1, 100))
            finished.mutate { $0 = true }
            return committed
        }
        #expect(await eventually { sink.isBlocked })
        try await Task.sleep(for: .milliseconds(150))
        #expect(!finished.value, "the submitter heard back before the commit returned")
        #expect(published.value == 0, "a subscriber saw the command before it was durable")
        // A read is a barrier too: it does not answer before the deposit is durable.
        let balance = Task { try await sequencer.read { $0.asset(account: 1)?.walletBalance } }
        try await Task.sleep(for: .milliseconds(50))
        sink.release()
        let committed = try await task.value
        #expect(committed.sequence == 1)
        #expect(committed.envelope.timestamp == F.startTime)
        #expect(committed.result.error == nil)
        #expect(try await balance.value == F.amount("100"))
        #expect(published.value == 1)
        #expect(sequencer.lastDurableSequence == 1)
        await sequencer.shutdown()
    }

    @Test("a submitter hears back only once lastDurableSequence includes its command")
    func durableBeforeAnswer() async throws {
        let sequencer = Sequencer(engine: Engine(), journal: GatedJournalSink(), clock: .manual(startingAt: F.startTime))
        for round in 1...20 {
            // The completion runs on the journal thread as the commit answers it: what it
            // reads is what any caller could read once answered (the server's history
            // reads take lastDurableSequence as the point they wait for).
            let (last, durable) = try await withCheckedThrowingContinuation { continuation in
                sequencer.submit(contentsOf: [Self.deposit(1, 1), Self.deposit(2, Int64(round))]) { result in
                    continuation.resume(with: result.map { ($0.last!.sequence, sequencer.lastDurableSequence) })
                }
            }
            #expect(durable >= last, "round \(round): answered at sequence \(last) while \(durable) was durable")
        }
        await sequencer.shutdown()
    }

    @Test("commands of concurrent submitters keep each submitter's order, with contiguous sequence numbers")
    func orderUnderConcurrency() async throws {
        let dir = TemporaryDirectory("sequencer-order")
        defer { dir.remove() }
        let published = Locked<[UInt64]>([])
        let sequencer = try Sequencer.open(
            dataDirectory: dir.path, clock: .manual(startingAt: F.startTime),
            onCommitted: { batch in published.mutate { $0.append(contentsOf: batch.map(\.sequence)) } })
        let submitters = 8, each = 150
        let sequences = try await withThrowingTaskGroup(of: (Int, [UInt64]).self) { group in
            for submitter in 0..<submitters {
                group.addTask {
                    var seen: [UInt64] = []
                    for step in 1...each {
                        // The amount records the submitter's step, so the journal shows the order.
                        let committed = try await sequencer.submit(Self.deposit(UInt64(submitter + 1), Int64(step)))
                        seen.append(committed.sequence)
                    }
                    return (submitter, seen)
                }
            }
            var all: [Int: [UInt64]] = [:]
            for try await (submitter, seen) in group { all[submitter] = seen }
            return all
        }
        for (_, seen) in sequences { #expect(seen == seen.sorted() && Set(seen).count == each) }
        let total = UInt64(submitters * each)
        #expect(Set(sequences.values.flatMap { $0 }) == Set(1...total))
        #expect(published.value == Array(1...total))
        await sequencer.shutdown()
        let (journal, _) = try readJournal(JournalFormat.directory(inDataDirectory: dir.path))
        #expect(journal.map(\.sequence) == Array(1...total))
        for submitter in 1...submitters {
            let amounts = journal.compactMap { envelope -> Int64? in
                guard case .deposit(let account, let amount) = envelope.command, account == UInt64(submitter) else { return nil }
                return amount.units / fixedPointOne
            }
            #expect(amounts == Array(1...Int64(each)))
        }
    }

    @Test("group commit: commands that arrive during a flush share the next commit")
    func groupCommit() async throws {
        let sink = GatedJournalSink()
        let sequencer = Sequencer(engine: Engine(), journal: sink, clock: .manual(startingAt: F.startTime))
        sink.hold()
        let done = Locked(0)
        sequencer.submit(Self.deposit(1, 1)) { _ in done.mutate { $0 += 1 } }
        #expect(await eventually { sink.isBlocked })
        for i in 0..<200 {
            sequencer.submit(Self.deposit(UInt64(i % 5 + 1), 2)) { result in
                if case .success = result { done.mutate { $0 += 1 } }
            }
        }
        // The engine keeps applying while the flush is held. A read runs on the engine thread
        // between commands, so once a read submitted after the 200 has run, they are applied;
        // a second read runs a loop later, after the first loop handed its entries on.
        let applied = Locked(0)
        for _ in 0..<2 {
            let reads = applied.value
            Task { _ = try? await sequencer.read { _ in applied.mutate { $0 += 1 } } }
            #expect(await eventually { applied.value > reads })
        }
        #expect(done.value == 0)
        sink.release()
        #expect(await eventually { done.value == 201 })
        let batches = sink.committedBatches
        #expect(batches.first?.count == 1)
        #expect(batches.count == 2, "batch sizes \(batches.map(\.count))")
        #expect(batches.flatMap { $0 }.map(\.sequence) == Array(1...201))
        await sequencer.shutdown()
    }

    @Test("a batch submission runs back to back and answers once, after its last command is durable")
    func batchSubmission() async throws {
        let sink = GatedJournalSink()
        let sequencer = Sequencer(
            engine: Engine(), journal: sink, configuration: SequencerConfiguration(maxBatchCommands: 7),
            clock: .manual(startingAt: F.startTime))
        #expect(try await sequencer.submit(contentsOf: []).isEmpty)
        let singles = Task {
            var sequences: [UInt64] = []
            for _ in 0..<20 { sequences.append(try await sequencer.submit(Self.deposit(9, 1)).sequence) }
            return sequences
        }
        let batches = try await withThrowingTaskGroup(of: [CommittedCommand].self) { group in
            for account in 1...4 {
                group.addTask { try await sequencer.submit(contentsOf: (1...25).map { Self.deposit(UInt64(account), $0) }) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        _ = try await singles.value
        for batch in batches {
            #expect(batch.count == 25)
            // Contiguous: nothing else came between, although commits split the batch.
            #expect(batch.map(\.sequence) == Array(batch[0].sequence...batch[0].sequence + 24))
            #expect(batch.allSatisfy { $0.result.error == nil })
        }
        #expect(sink.committedBatches.allSatisfy { $0.count <= 7 })
        let engine = await sequencer.shutdown()
        #expect(engine.asset(account: 3)?.walletBalance == F.amount("325"))
    }

    @Test("batches respect the size limit")
    func batchSizeLimit() async throws {
        let sink = GatedJournalSink()
        let sequencer = Sequencer(
            engine: Engine(), journal: sink, configuration: SequencerConfiguration(maxBatchCommands: 16),
            clock: .manual(startingAt: F.startTime))
        sink.hold()
        let done = Locked(0)
        for _ in 0..<100 { sequencer.submit(Self.deposit(1, 1)) { _ in done.mutate { $0 += 1 } } }
        try await Task.sleep(for: .milliseconds(100))
        sink.release()
        #expect(await eventually { done.value == 100 })
        #expect(sink.committedBatches.allSatisfy { $0.count <= 16 })
        #expect(sink.committedBatches.count >= 7)
        await sequencer.shutdown()
    }

    @Test("a batch delay gathers commands that trickle in until the batch is full or the delay has passed")
    func batchDelay() async throws {
        // Full first: five commands with a ten-second delay. They are enqueued without
        // sleeping in between: under a loaded test run the cooperative pool can starve a
        // `Task.sleep` for longer than the delay, which committed the first one alone.
        let sink = GatedJournalSink()
        let sequencer = Sequencer(
            engine: Engine(), journal: sink,
            configuration: SequencerConfiguration(maxBatchCommands: 5, maxBatchDelay: .seconds(10)),
            clock: .manual(startingAt: F.startTime))
        let done = Locked(0)
        for _ in 0..<5 {
            sequencer.submit(Self.deposit(1, 1)) { _ in done.mutate { $0 += 1 } }
        }
        #expect(await eventually { done.value == 5 })
        #expect(sink.committedBatches.map(\.count) == [5])
        await sequencer.shutdown()

        // The delay first: one command waits for it.
        let lone = Sequencer(
            engine: Engine(), journal: GatedJournalSink(),
            configuration: SequencerConfiguration(maxBatchDelay: .milliseconds(200)), clock: .manual(startingAt: F.startTime))
        let started = Date()
        _ = try await lone.submit(Self.deposit(1, 1))
        #expect(Date().timeIntervalSince(started) >= 0.19)
        await lone.shutdown()
    }

    @Test("the manual clock fires every timer on the way, in time order, and never moves back")
    func manualClockTimers() async throws {
        let sink = GatedJournalSink()
        let start = F.startTime  // a midnight
        let sequencer = Sequencer(engine: Engine(), journal: sink, clock: .manual(startingAt: start))
        let first = try await sequencer.advanceClock(to: start + 5_000)
        #expect(first.map(\.command) == [.markPriceTick, .markPriceTick, .markPriceTick, .markPriceTick, .markPriceTick, .premiumSample])
        #expect(first.map(\.timestamp) == [1, 2, 3, 4, 5, 5].map { start + $0 * 1000 })
        #expect(first.map(\.sequence) == Array(1...6))
        // Commands take the clock's time.
        let deposit = try await sequencer.submit(Self.deposit(1, 10))
        #expect(deposit.envelope.timestamp == start + 5_000 && deposit.sequence == 7)
        await #expect(throws: SequencerError.clockMovedBack(current: start + 5_000, requested: start + 4_999)) {
            try await sequencer.advanceClock(to: start + 4_999)
        }
        await #expect(throws: SequencerError.clockMovedBack(current: start + 5_000, requested: start + 4_000)) {
            try await sequencer.advanceClock(by: -1_000)
        }
        // Nothing fires when the clock stays put.
        #expect(try await sequencer.advanceClock(to: start + 5_000).isEmpty)
        // The rest of the day: at the hour, funding after that instant's tick and sample; at
        // midnight the rollover last.
        let day = try await sequencer.advanceClock(by: 86_400_000 - 5_000)
        let expectedTimers: Int = (86_400 - 5) + (17_280 - 1) + 24 + 1
        #expect(day.count == expectedTimers)
        #expect(zip(day, day.dropFirst()).allSatisfy { $0.timestamp <= $1.timestamp && $0.sequence + 1 == $1.sequence })
        let hour = day.filter { $0.timestamp == start + 3_600_000 }.map(\.command)
        #expect(hour == [.markPriceTick, .premiumSample, .settleFunding(symbol: nil)])
        let midnight = day.filter { $0.timestamp == start + 86_400_000 }.map(\.command)
        #expect(midnight == [.markPriceTick, .premiumSample, .settleFunding(symbol: nil), .dailyRollover])
        #expect(day.last?.command == .dailyRollover)
        // Every timer was journaled in order, right after the deposit.
        let journaled = sink.committedBatches.flatMap { $0 }
        #expect(journaled.count == 7 + day.count)
        #expect(journaled.map(\.sequence) == Array(1...UInt64(journaled.count)))
        await sequencer.shutdown()
    }

    @Test("ManualClock alone: timers in order, ties in the fixed order, no moving back")
    func manualClockValue() throws {
        var clock = ManualClock(startingAt: 999)
        var fired: [(Int64, EngineCommand)] = []
        try clock.advance(to: 5_000) { fired.append(($0, $1)) }
        #expect(fired.map(\.0) == [1_000, 2_000, 3_000, 4_000, 5_000, 5_000])
        #expect(clock.now == 5_000)
        #expect(throws: SequencerError.clockMovedBack(current: 5_000, requested: 4_000)) { try clock.advance(to: 4_000) { _, _ in } }
        #expect(clock.now == 5_000)
        #expect(TimerSchedule.boundary(after: 3_600_000, period: 3_600_000) == 7_200_000)
        #expect(TimerSchedule.boundary(after: 3_599_999, period: 3_600_000) == 3_600_000)
        var schedule = TimerSchedule(after: 0)
        // The wall clock collapses missed occurrences into one per timer, except that each
        // missed midnight still rolls the day over.
        var late: [EngineCommand] = []
        while let (_, command) = schedule.nextCoalesced(now: 86_400_000 * 3 + 10) { late.append(command) }
        #expect(late == [.markPriceTick, .premiumSample, .settleFunding(symbol: nil), .dailyRollover, .dailyRollover, .dailyRollover])
        #expect(schedule.earliest == 86_400_000 * 3 + 1_000)
    }

    @Test("the wall clock issues mark-price ticks by itself, and cannot be advanced")
    func wallClock() async throws {
        let sink = GatedJournalSink()
        let sequencer = Sequencer(engine: Engine(), journal: sink, clock: .wall)
        await #expect(throws: SequencerError.notManualClock) { try await sequencer.advanceClock(by: 1) }
        #expect(await eventually(3) { sink.committedBatches.joined().contains { $0.command == .markPriceTick } })
        // Bracketed by wall time taken before and after: a starved test task may resume
        // long after the command was stamped.
        let before = SequencerClock.wallMilliseconds()
        let committed = try await sequencer.submit(Self.deposit(1, 1))
        let after = SequencerClock.wallMilliseconds()
        #expect(committed.envelope.timestamp >= before - 1_000 && committed.envelope.timestamp <= after)
        await sequencer.shutdown()
    }

    @Test("after shutdown, submissions are refused; queued ones still complete")
    func shutdown() async throws {
        let sink = GatedJournalSink()
        let sequencer = Sequencer(engine: Engine(), journal: sink, clock: .manual(startingAt: F.startTime))
        let done = Locked(0)
        for _ in 0..<50 { sequencer.submit(Self.deposit(1, 1)) { if case .success = $0 { done.mutate { $0 += 1 } } } }
        let engine = await sequencer.shutdown()
        #expect(done.value == 50)
        #expect(engine.lastSequence == 50)
        #expect(engine.asset(account: 1)?.walletBalance == F.amount("50"))
        await #expect(throws: SequencerError.stopped) { try await sequencer.submit(Self.deposit(1, 1)) }
        #expect(await sequencer.shutdown().stateHash() == engine.stateHash())
    }

    @Test("a failed commit fails its commands and stops the sequencer")
    func journalFailure() async throws {
        let sequencer = Sequencer(engine: Engine(), journal: FailingJournalSink(), clock: .manual(startingAt: F.startTime))
        await #expect(throws: SequencerError.self) { try await sequencer.submit(Self.deposit(1, 1)) }
        do {
            _ = try await sequencer.submit(Self.deposit(1, 1))
            Issue.record("a submission after a journal failure succeeded")
        } catch let error as SequencerError {
            guard case .journalFailed = error else { Issue.record("\(error)"); return }
        }
        await sequencer.shutdown()
    }
}
