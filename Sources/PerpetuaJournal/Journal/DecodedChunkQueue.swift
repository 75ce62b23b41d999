import Foundation
import PerpetuaEngine

/// The bounded hand-off between ``JournalReader/readAhead(after:chunkSize:_:)``'s reading
/// thread, which checks and decodes records, and the caller's thread, which applies them:
/// whole arrays of envelopes, so the two threads meet once per chunk, not once per record.
///
/// `@unchecked Sendable` because every stored property is guarded by `condition`.
final class DecodedChunkQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var chunks: [[CommandEnvelope]] = []
    private let depth: Int
    private var outcome: Result<JournalReadSummary, any Error>?
    private var cancelled = false

    /// A queue that holds at most `depth` chunks: the reader waits when the consumer is
    /// that far behind, so memory stays bounded however long the journal.
    init(depth: Int) {
        precondition(depth > 0)
        self.depth = depth
    }

    /// Queues a chunk, waiting while the queue is full. Returns `false`, dropping the chunk,
    /// once the consumer has stopped.
    func put(_ chunk: [CommandEnvelope]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while chunks.count >= depth, !cancelled { condition.wait() }
        guard !cancelled else { return false }
        chunks.append(chunk)
        condition.broadcast()
        return true
    }

    /// The reader is done: with the summary, or with the error that stopped it.
    func finish(_ result: Result<JournalReadSummary, any Error>) {
        condition.lock()
        outcome = result
        condition.broadcast()
        condition.unlock()
    }

    /// The next chunk in order, or `nil` once the reader has finished and everything it
    /// queued was taken.
    func take() -> [CommandEnvelope]? {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty, outcome == nil { condition.wait() }
        guard !chunks.isEmpty else { return nil }
        let chunk = chunks.removeFirst()
        condition.broadcast()
        return chunk
    }

    /// The consumer stops early: queued chunks are dropped and the reader's next ``put(_:)``
    /// returns `false`.
    func cancel() {
        condition.lock()
        cancelled = true
        chunks.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for the reader's outcome.
    func result() -> Result<JournalReadSummary, any Error> {
        condition.lock()
        defer { condition.unlock() }
        while outcome == nil { condition.wait() }
        return outcome!
    }
}
