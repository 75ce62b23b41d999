import PerpetuaCore
import PerpetuaEngine
@testable import PerpetuaJournal
import Testing

@Suite("Sequencer queue")
struct SequencerQueueTests {
    /// An entry that carries its number in its envelope's sequence.
    static func entry(_ number: UInt64) -> SequencerEntry {
        SequencerEntry(
            envelope: CommandEnvelope(sequence: number, timestamp: 0, command: .deposit(account: 1, amount: .zero)),
            result: nil, waiter: .none)
    }

    static func numbers(_ batch: [[SequencerEntry]]) -> [UInt64] {
        batch.joined().map { $0.envelope!.sequence }
    }

    @Test("hand-offs come out whole and in order, and the engine's array is replaced, not copied")
    func wholeChunks() {
        var queue = SequencerQueue()
        var entries = (1...3).map(Self.entry)
        queue.append(&entries, capacity: 8)
        #expect(entries.isEmpty && entries.capacity >= 8)
        entries = (4...5).map(Self.entry)
        queue.append(&entries, capacity: 8)
        var empty: [SequencerEntry] = []
        queue.append(&empty, capacity: 8)
        #expect(queue.count == 5)

        var batch: [[SequencerEntry]] = []
        queue.take(upTo: 100, into: &batch)
        #expect(batch.map(\.count) == [3, 2])
        #expect(Self.numbers(batch) == [1, 2, 3, 4, 5])
        #expect(queue.isEmpty && queue.count == 0)
    }

    @Test("the batch limit holds: a hand-off that straddles it is cut, and the rest comes next")
    func limitCutsAChunk() {
        var queue = SequencerQueue()
        for range in [1...4, 5...10, 11...11] as [ClosedRange<UInt64>] {
            var entries = range.map(Self.entry)
            queue.append(&entries, capacity: 16)
        }
        var taken: [UInt64] = []
        var sizes: [Int] = []
        while !queue.isEmpty {
            var batch: [[SequencerEntry]] = []
            let before = queue.count
            queue.take(upTo: 3, into: &batch)
            #expect(queue.count == before - batch.joined().count)
            sizes.append(batch.joined().count)
            taken += Self.numbers(batch)
        }
        #expect(taken == Array(1...11))
        #expect(sizes.allSatisfy { $0 <= 3 })
        #expect(sizes == [3, 3, 3, 2], "each batch filled to the limit")
    }

    @Test("emptied arrays go back to the engine thread with their capacity")
    func recycling() {
        var queue = SequencerQueue()
        var entries = (1...64).map(Self.entry)
        queue.append(&entries, capacity: 1)
        var batch: [[SequencerEntry]] = []
        queue.take(upTo: 1_000, into: &batch)
        let capacity = batch[0].capacity
        batch[0].removeAll(keepingCapacity: true)
        queue.recycle(&batch)
        #expect(batch.isEmpty)

        entries = [Self.entry(65)]
        queue.append(&entries, capacity: 1)
        #expect(entries.capacity == capacity, "the recycled array, not a new one")
    }
}
