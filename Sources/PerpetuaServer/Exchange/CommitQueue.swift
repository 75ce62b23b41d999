import PerpetuaJournal
import Synchronization

/// Committed batches on their way from the journal thread to the projector. Unlike a
/// stream of batches, ``next()`` hands over everything queued since the last call as one
/// run: under load the projector then writes one large transaction instead of many small
/// ones (each SQLite transaction has a fixed cost), and catches up instead of falling behind.
final class CommitQueue: Sendable {
    private struct State {
        var pending: [CommittedCommand] = []
        var waiter: CheckedContinuation<[CommittedCommand]?, Never>?
        var finished = false
    }

    private let state = Mutex(State())

    /// Queues a batch (called on the journal thread: appends and returns).
    func append(_ batch: [CommittedCommand]) {
        let waiter = state.withLock { state -> CheckedContinuation<[CommittedCommand]?, Never>? in
            guard !state.finished else { return nil }
            state.pending.append(contentsOf: batch)
            guard let waiter = state.waiter else { return nil }
            state.waiter = nil
            return waiter
        }
        guard let waiter else { return }
        waiter.resume(returning: takeAll())
    }

    private func takeAll() -> [CommittedCommand] {
        state.withLock { state in
            defer { state.pending.removeAll(keepingCapacity: true) }
            return state.pending
        }
    }

    /// Everything queued since the last call, waiting for at least one command; nil once
    /// finished and drained.
    func next() async -> [CommittedCommand]? {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> [CommittedCommand]?? in
                if !state.pending.isEmpty {
                    defer { state.pending.removeAll(keepingCapacity: true) }
                    return .some(state.pending)
                }
                if state.finished { return .some(nil) }
                state.waiter = continuation
                return .none
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    /// No more batches will come; a waiting ``next()`` returns nil once drained.
    func finish() {
        let waiter = state.withLock { state -> CheckedContinuation<[CommittedCommand]?, Never>? in
            state.finished = true
            defer { state.waiter = nil }
            return state.pending.isEmpty ? state.waiter : nil
        }
        waiter?.resume(returning: nil)
    }
}
