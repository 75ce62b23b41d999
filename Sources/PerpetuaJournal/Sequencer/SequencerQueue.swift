/// The entries between the engine thread and the journal thread, kept as the engine's
/// hand-off arrays themselves.
///
/// The engine thread gives up a whole array of entries at a time and gets an emptied one
/// back, so handing over costs it no per-entry work. Copying entries into one flat queue
/// (which happened whenever the journal thread was busy flushing, so nearly always under
/// load) retained every entry's references there and released them again when the engine
/// cleared its array: about a tenth of the engine thread's time in `bench journal`. Here
/// the journal thread, which waits on `fsync` anyway, destroys the entries when it empties
/// the arrays for reuse.
///
/// Not thread-safe: the sequencer guards it with its journal lock.
struct SequencerQueue {
    private var chunks: [[SequencerEntry]] = []
    /// Emptied arrays, with their capacity, for the engine thread's next hand-offs.
    private var spares: [[SequencerEntry]] = []
    /// Entries in all chunks.
    private(set) var count = 0

    /// Spare arrays kept: enough for the chunks of a few full batches in flight.
    private static let maxSpares = 128

    var isEmpty: Bool { count == 0 }

    /// Moves `entries` to the end of the queue and leaves an empty array with capacity
    /// for `capacity` entries in its place.
    mutating func append(_ entries: inout [SequencerEntry], capacity: Int) {
        guard !entries.isEmpty else { return }
        count += entries.count
        var replacement = spares.popLast() ?? []
        if replacement.capacity < capacity { replacement.reserveCapacity(capacity) }
        swap(&entries, &replacement)
        chunks.append(replacement)
    }

    /// Takes entries from the front, at most `limit` of them, as whole chunks where they
    /// fit (only a chunk that straddles the limit is cut, which copies it).
    mutating func take(upTo limit: Int, into batch: inout [[SequencerEntry]]) {
        var taken = 0
        var whole = 0
        while whole < chunks.count, taken + chunks[whole].count <= limit {
            taken += chunks[whole].count
            whole += 1
        }
        batch.append(contentsOf: chunks[0..<whole])
        chunks.removeFirst(whole)
        if taken < limit, let first = chunks.first {
            let cut = limit - taken
            batch.append(Array(first[0..<cut]))
            chunks[0] = Array(first[cut...])
            taken = limit
        }
        count -= taken
    }

    /// Takes back arrays the journal thread has emptied.
    mutating func recycle(_ arrays: inout [[SequencerEntry]]) {
        while let array = arrays.popLast(), spares.count < Self.maxSpares {
            spares.append(array)
        }
        arrays.removeAll(keepingCapacity: true)
    }
}
