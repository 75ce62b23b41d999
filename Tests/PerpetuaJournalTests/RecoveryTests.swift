import Foundation
import PerpetuaCore
import PerpetuaEngine
@testable import PerpetuaJournal
import Testing

@Suite("Recovery from the journal")
struct RecoveryTests {
    typealias F = JournalFixtures

    /// Counts what the committed stream carried, to show the run was not vacuous.
    struct Tally {
        var commands = 0
        var refused = 0
        var trades = 0
        var fundings = 0
        var lastSequence: UInt64 = 0
        var contiguous = true
    }

    /// Drives `count` random commands (plus the timers the clock advances fire) through a
    /// sequencer with the real, fsync'd journal, without waiting for each one.
    static func drive(_ sequencer: Sequencer, traffic: inout RandomTraffic, count: Int) async throws {
        let acknowledged = Locked(0)
        var submitted = 0
        func submit(_ command: EngineCommand) {
            submitted += 1
            sequencer.submit(command) { result in
                if case .success = result { acknowledged.mutate { $0 += 1 } }
            }
        }
        while submitted < count {
            switch traffic.next() {
            case .command(let command): submit(command)
            case .advance(let milliseconds): try await sequencer.advanceClock(by: milliseconds)
            }
        }
        // A read is a barrier: everything before it is durable when it answers.
        _ = try await sequencer.read { $0.lastSequence }
        #expect(acknowledged.value == submitted)
    }

    @Test("20,000 random commands through the sequencer: the engine recovered from the journal has the live state hash")
    func longRandomRun() async throws {
        let dir = TemporaryDirectory("recovery")
        defer { dir.remove() }
        let journalDirectory = JournalFormat.directory(inDataDirectory: dir.path)
        let tally = Locked(Tally())
        let onCommitted: @Sendable ([CommittedCommand]) -> Void = { batch in
            tally.mutate { t in
                for committed in batch {
                    if committed.sequence != t.lastSequence + 1 { t.contiguous = false }
                    t.lastSequence = committed.sequence
                    t.commands += 1
                    if committed.result.error != nil { t.refused += 1 }
                    for event in committed.result.events {
                        if case .trade = event { t.trades += 1 }
                        if case .fundingRate = event { t.fundings += 1 }
                    }
                }
            }
        }
        let sequencer = try Sequencer.open(
            dataDirectory: dir.path, journal: JournalConfiguration(maxSegmentBytes: 256 << 10),
            clock: .manual(startingAt: F.startTime), onCommitted: onCommitted)
        var traffic = RandomTraffic(seed: 20_251_121)
        for command in traffic.opening() { _ = try await sequencer.submit(command) }
        try await Self.drive(sequencer, traffic: &traffic, count: 20_000)

        let liveHash = try await sequencer.read { $0.stateHash() }
        let live = await sequencer.shutdown()
        #expect(live.stateHash() == liveHash)
        let t = tally.value
        #expect(t.contiguous && t.lastSequence == live.lastSequence)
        #expect(t.trades > 1_000, "the run should trade: \(t)")
        #expect(t.refused < t.commands / 2, "most commands should be valid: \(t)")
        #expect(t.fundings > 0, "the run should cross a funding time: \(t)")
        #expect(FileManager.default.fileExists(atPath: journalDirectory))
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: journalDirectory)) ?? []).count > 1, "the journal should rotate")

        // The journal alone (no snapshot).
        let log = LogLines()
        let recovered = try JournalRecovery.recover(directory: journalDirectory, logger: log.logger)
        #expect(recovered.lastSequence == live.lastSequence)
        #expect(recovered.engine.stateHash() == liveHash)
        #expect(log.lines.isEmpty)
        try recovered.engine.checkInvariants()

        // A snapshot's engine plus the journal after it.
        let (envelopes, _) = try readJournal(journalDirectory)
        let cut = envelopes.count / 3
        var snapshot = Engine()
        for envelope in envelopes[..<cut] { _ = snapshot.apply(envelope) }
        let fromSnapshot = try JournalRecovery.recover(directory: journalDirectory, from: (snapshot, UInt64(cut)))
        #expect(fromSnapshot.engine.stateHash() == liveHash)
        #expect(fromSnapshot.summary.recordsRead == envelopes.count - cut)

        // A restart continues where the journal ends, in a new segment, and recovers again.
        let restarted = try Sequencer.open(dataDirectory: dir.path, clock: .manual(startingAt: live.time))
        #expect(try await restarted.read { $0.stateHash() } == liveHash)
        try await Self.drive(restarted, traffic: &traffic, count: 500)
        let afterRestart = await restarted.shutdown()
        #expect(afterRestart.lastSequence > live.lastSequence)
        let again = try JournalRecovery.recover(directory: journalDirectory)
        #expect(again.engine.stateHash() == afterRestart.stateHash())
        #expect(again.lastSequence == afterRestart.lastSequence)
    }

    @Test("a torn tail written by a crash is cut at start-up and the sequencer continues after it")
    func restartAfterTornTail() async throws {
        let dir = TemporaryDirectory("torn-restart")
        defer { dir.remove() }
        let journalDirectory = JournalFormat.directory(inDataDirectory: dir.path)
        let first = try Sequencer.open(dataDirectory: dir.path, clock: .manual(startingAt: F.startTime))
        var traffic = RandomTraffic(seed: 99)
        for command in traffic.opening() { _ = try await first.submit(command) }
        try await Self.drive(first, traffic: &traffic, count: 300)
        let live = await first.shutdown()
        // A crash in the middle of the next write: half a record at the end.
        let segment = TemporaryDirectory.segments(in: journalDirectory).last!
        let handle = try #require(FileHandle(forWritingAtPath: segment))
        handle.seekToEndOfFile()
        handle.write(Data([40, 0, 0, 0, 1, 2, 3, 4, 9, 9, 9]))
        handle.closeFile()
        let log = LogLines()
        let second = try Sequencer.open(dataDirectory: dir.path, clock: .manual(startingAt: live.time), logger: log.logger)
        #expect(log.lines.count == 1)
        #expect(try await second.read { $0.stateHash() } == live.stateHash())
        let committed = try await second.submit(.deposit(account: 1, amount: F.amount("1")))
        #expect(committed.sequence == live.lastSequence + 1)
        let end = await second.shutdown()
        #expect(try JournalRecovery.recover(directory: journalDirectory).engine.stateHash() == end.stateHash())
    }
}
