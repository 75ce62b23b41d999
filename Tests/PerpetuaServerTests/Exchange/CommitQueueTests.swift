import PerpetuaCore
import PerpetuaEngine
import PerpetuaJournal
@testable import PerpetuaServer
import Synchronization
import Testing

/// The projector's queue: runs handed over whole, and the linger that gathers small runs
/// into larger transactions without holding up a reader.
@Suite("Commit queue")
struct CommitQueueTests {
    static func batch(_ sequences: ClosedRange<UInt64>) -> [CommittedCommand] {
        sequences.map { sequence in
            CommittedCommand(
                envelope: CommandEnvelope(sequence: sequence, timestamp: 0, command: .deposit(account: 1, amount: .zero)),
                result: EngineResult())
        }
    }

    @Test("next() hands over everything queued since the last call as one run, in order")
    func wholeRuns() async {
        let queue = CommitQueue()
        queue.append(Self.batch(1...2))
        queue.append(Self.batch(3...5))
        #expect(await queue.next()?.map(\.sequence) == [1, 2, 3, 4, 5])
        queue.append(Self.batch(6...6))
        #expect(await queue.next()?.map(\.sequence) == [6])
        queue.finish()
        #expect(await queue.next() == nil)
    }

    @Test("a linger ends once enough commands are queued, and they are all there")
    func lingerUntilCount() async throws {
        let queue = CommitQueue()
        let ended = Atomic<Bool>(false)
        let lingering = Task {
            await queue.linger(until: 3, atMost: .seconds(3600))
            ended.store(true, ordering: .relaxed)
        }
        queue.append(Self.batch(1...1))
        try? await Task.sleep(for: .milliseconds(50))
        let endedNow = ended.load(ordering: .relaxed)
        #expect(!endedNow, "one command of three must not end the linger")
        queue.append(Self.batch(2...3))
        try await finishes("linger after three commands") { await lingering.value }
        #expect(queue.takeQueued().map(\.sequence) == [1, 2, 3])
        #expect(queue.takeQueued().isEmpty)
    }

    @Test("a linger ends after its delay with nothing queued")
    func lingerDelay() async throws {
        let queue = CommitQueue()
        try await finishes("linger of 10 ms") { await queue.linger(until: 1, atMost: .milliseconds(10)) }
        #expect(queue.takeQueued().isEmpty)
    }

    @Test("urge() ends a linger now, or the next one when none is waiting; a stale timer ends nothing")
    func urge() async throws {
        let queue = CommitQueue()
        // Urged while lingering.
        let first = Task { await queue.linger(until: 100, atMost: .milliseconds(30)) }
        try? await Task.sleep(for: .milliseconds(5))
        queue.urge()
        try await finishes("urged linger") { await first.value }

        // The first linger's 30 ms timer fires during the second one and must not end it.
        let ended = Atomic<Bool>(false)
        let second = Task {
            await queue.linger(until: 100, atMost: .seconds(3600))
            ended.store(true, ordering: .relaxed)
        }
        try? await Task.sleep(for: .milliseconds(100))
        let endedNow = ended.load(ordering: .relaxed)
        #expect(!endedNow, "an earlier call's timer ended a later linger")
        queue.urge()
        try await finishes("second urged linger") { await second.value }

        // Urged with nobody lingering: the next linger returns at once, the one after waits
        // (here until the queue finishes).
        queue.urge()
        try await finishes("linger after an urge") { await queue.linger(until: 100, atMost: .seconds(3600)) }
        let thirdEnded = Atomic<Bool>(false)
        let third = Task {
            await queue.linger(until: 100, atMost: .seconds(3600))
            thirdEnded.store(true, ordering: .relaxed)
        }
        try? await Task.sleep(for: .milliseconds(50))
        let thirdEndedNow = thirdEnded.load(ordering: .relaxed)
        #expect(!thirdEndedNow, "one urge ended two lingers")
        queue.finish()
        try await finishes("linger ended by finish") { await third.value }
    }
}
