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

    /// A linger running in a task of its own, and whether it has ended.
    struct Lingering {
        let task: Task<Void, Never>
        let flag: EndedFlag

        init(_ queue: CommitQueue, holding first: UInt64, until count: Int, atMost delay: Duration) {
            let flag = EndedFlag()
            self.flag = flag
            task = Task {
                await queue.linger(holding: first, until: count, atMost: delay)
                flag.value.store(true, ordering: .relaxed)
            }
        }

        /// Whether it ended within `grace` (a wait that should not end is given time to).
        func ended(within grace: Duration = .milliseconds(50)) async -> Bool {
            try? await Task.sleep(for: grace)
            return flag.value.load(ordering: .relaxed)
        }
    }

    final class EndedFlag: Sendable {
        let value = Atomic<Bool>(false)
    }

    @Test("a linger ends once enough commands are queued, and they are all there")
    func lingerUntilCount() async throws {
        let queue = CommitQueue()
        let lingering = Lingering(queue, holding: 1, until: 3, atMost: .seconds(3600))
        queue.append(Self.batch(2...2))
        #expect(await !lingering.ended(), "one command of three ended the linger")
        queue.append(Self.batch(3...4))
        try await finishes("linger after three commands") { await lingering.task.value }
        #expect(queue.takeQueued().map(\.sequence) == [2, 3, 4])
        #expect(queue.takeQueued().isEmpty)
    }

    @Test("a linger ends after its delay with nothing queued")
    func lingerDelay() async throws {
        let queue = CommitQueue()
        let clock = ContinuousClock()
        let began = clock.now
        try await finishes("linger of 20 ms") { await queue.linger(holding: 1, until: 1, atMost: .milliseconds(20)) }
        #expect(clock.now - began >= .milliseconds(20), "the linger ended before its delay")
        #expect(queue.takeQueued().isEmpty)
    }

    @Test("urge(through:) ends a linger over a command the reader needs, and only such a linger")
    func urgeThrough() async throws {
        let queue = CommitQueue()
        // The consumer holds commands from 5 on: a reader up to 4 does not need them.
        let holdingFive = Lingering(queue, holding: 5, until: 100, atMost: .seconds(3600))
        queue.urge(through: 4)
        #expect(await !holdingFive.ended(), "an urge through 4 ended a linger over 5")
        queue.urge(through: 5)
        try await finishes("linger over 5 urged through 5") { await holdingFive.task.value }

        // Urged before anyone lingers: a later linger over an urged command returns at once,
        // one over later commands waits (here until the queue finishes).
        queue.urge(through: 10)
        try await finishes("linger over 8 after an urge through 10") {
            await queue.linger(holding: 8, until: 100, atMost: .seconds(3600))
        }
        let holdingEleven = Lingering(queue, holding: 11, until: 100, atMost: .seconds(3600))
        #expect(await !holdingEleven.ended(), "an urge through 10 ended a linger over 11")
        queue.finish()
        try await finishes("linger ended by finish") { await holdingEleven.task.value }
        try await finishes("linger after finish") { await queue.linger(holding: 12, until: 100, atMost: .seconds(3600)) }
    }

    @Test("an earlier linger's timer does not end a later linger")
    func staleTimer() async throws {
        let queue = CommitQueue()
        // Ended by its count long before its 30 ms timer fires.
        let first = Lingering(queue, holding: 1, until: 2, atMost: .milliseconds(30))
        queue.append(Self.batch(2...3))
        try await finishes("linger ended by its count") { await first.task.value }
        #expect(queue.takeQueued().map(\.sequence) == [2, 3])
        let second = Lingering(queue, holding: 4, until: 100, atMost: .seconds(3600))
        #expect(await !second.ended(within: .milliseconds(100)), "an earlier call's timer ended a later linger")
        queue.finish()
        try await finishes("second linger ended by finish") { await second.task.value }
    }
}
