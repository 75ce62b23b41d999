import Foundation

/// Gathers the results of one ``Sequencer/submit(contentsOf:completion:)`` call on the
/// journal thread and answers once the last of its commands is durable: one callback per
/// batch instead of one per command, which is what lets a load generator keep the engine
/// busy without a closure and a wake-up per command.
final class SequencerBatchCollector: @unchecked Sendable {
    private let completion: @Sendable (Result<[CommittedCommand], any Error>) -> Void
    private let count: Int
    /// Touched only by the journal thread, in sequence order.
    private var results: [CommittedCommand] = []
    /// Failures can be reported from both threads; the first one answers.
    private let lock = NSLock()
    private var answered = false

    init(count: Int, completion: @escaping @Sendable (Result<[CommittedCommand], any Error>) -> Void) {
        self.count = count
        self.completion = completion
        results.reserveCapacity(count)
    }

    /// Records one durable command; the last one answers the caller.
    func add(_ committed: CommittedCommand) {
        results.append(committed)
        if results.count == count, claim() {
            // Handed over and dropped here, so the results (and their events) are freed on
            // the journal thread once the caller is done with them, not on the engine
            // thread when its request releases the collector.
            let all = results
            results = []
            completion(.success(all))
        }
    }

    func fail(_ error: any Error) {
        if claim() { completion(.failure(error)) }
    }

    private func claim() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if answered { return false }
        answered = true
        return true
    }
}
