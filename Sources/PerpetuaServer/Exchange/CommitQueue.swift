import PerpetuaJournal
import Synchronization

/// Committed batches on their way from the journal thread to the projector. Unlike a
/// stream of batches, ``next()`` hands over everything queued since the last call as one
/// run: under load the projector then writes one large transaction instead of many small
/// ones (each SQLite transaction has a fixed cost), and catches up instead of falling behind.
/// ``linger(until:atMost:)`` lets the consumer wait a little for more before it writes.
final class CommitQueue: Sendable {
    private struct State {
        var pending: [CommittedCommand] = []
        var waiter: CheckedContinuation<[CommittedCommand]?, Never>?
        var finished = false
        var lingerer: Lingerer?
        var lingerCalls: UInt64 = 0
        /// ``urge()`` was called while no consumer lingered: the next linger returns at once.
        var urged = false
    }

    /// A consumer waiting in ``linger(until:atMost:)``.
    private struct Lingerer {
        var continuation: CheckedContinuation<Void, Never>
        /// Queued commands that end the wait.
        var count: Int
        /// Which call this is, so that an earlier call's timer cannot end it.
        var call: UInt64
    }

    private let state = Mutex(State())

    /// Queues a batch (called on the journal thread: appends and returns).
    func append(_ batch: [CommittedCommand]) {
        let (waiter, lingerer) = state.withLock {
            state -> (CheckedContinuation<[CommittedCommand]?, Never>?, CheckedContinuation<Void, Never>?) in
            guard !state.finished else { return (nil, nil) }
            state.pending.append(contentsOf: batch)
            var lingerer: CheckedContinuation<Void, Never>?
            if let current = state.lingerer, state.pending.count >= current.count {
                state.lingerer = nil
                lingerer = current.continuation
            }
            defer { state.waiter = nil }
            return (state.waiter, lingerer)
        }
        lingerer?.resume()
        guard let waiter else { return }
        waiter.resume(returning: takeAll())
    }

    /// Whatever is queued now, without waiting (may be empty).
    func takeQueued() -> [CommittedCommand] { takeAll() }

    /// Waits until `count` commands are queued, `delay` has passed, ``urge()`` is called or
    /// the queue finishes, whichever comes first. One consumer at a time.
    func linger(until count: Int, atMost delay: Duration) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let call = state.withLock { state -> UInt64? in
                if state.urged || state.finished || state.pending.count >= count {
                    state.urged = false
                    return nil
                }
                state.lingerCalls += 1
                state.lingerer = Lingerer(continuation: continuation, count: count, call: state.lingerCalls)
                return state.lingerCalls
            }
            guard let call else { return continuation.resume() }
            Task {
                try? await Task.sleep(for: delay)
                self.endLinger { $0.call == call }
            }
        }
    }

    /// Ends the current (or the next) ``linger(until:atMost:)`` now: a reader waits for the
    /// projector.
    func urge() {
        state.withLock { state in
            if state.lingerer == nil { state.urged = true }
        }
        endLinger { _ in true }
    }

    private func endLinger(if matches: (Lingerer) -> Bool) {
        let continuation = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let lingerer = state.lingerer, matches(lingerer) else { return nil }
            state.lingerer = nil
            return lingerer.continuation
        }
        continuation?.resume()
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
        endLinger { _ in true }
        waiter?.resume(returning: nil)
    }
}
