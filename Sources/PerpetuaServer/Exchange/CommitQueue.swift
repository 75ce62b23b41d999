import PerpetuaJournal
import Synchronization

/// Committed batches on their way from the journal thread to the projector. Unlike a
/// stream of batches, ``next()`` hands over everything queued since the last call as one
/// run: under load the projector then writes one large transaction instead of many small
/// ones (each SQLite transaction has a fixed cost), and catches up instead of falling behind.
/// ``linger(holding:until:atMost:)`` lets the consumer wait a little for more before it
/// writes, unless a reader needs what it holds.
final class CommitQueue: Sendable {
    private struct State {
        var pending: [CommittedCommand] = []
        var waiter: CheckedContinuation<[CommittedCommand]?, Never>?
        var finished = false
        var lingerer: Lingerer?
        var lingerCalls: UInt64 = 0
        /// The highest sequence number a reader has asked to see stored (``urge(through:)``).
        var urgedThrough: UInt64 = 0
    }

    /// A consumer waiting in ``linger(holding:until:atMost:)``.
    private struct Lingerer {
        var continuation: CheckedContinuation<Void, Never>
        /// The first sequence number of the run the consumer holds: an urge through it or
        /// beyond ends the wait.
        var holding: UInt64
        /// Queued commands that end the wait.
        var count: Int
        /// Which call this is, so that an earlier call's timer cannot end it.
        var call: UInt64
        var timer: Task<Void, Never>?
    }

    private let state = Mutex(State())

    /// Queues a batch (called on the journal thread: appends and returns).
    func append(_ batch: [CommittedCommand]) {
        let (waiter, lingerer) = state.withLock { state -> (CheckedContinuation<[CommittedCommand]?, Never>?, Lingerer?) in
            guard !state.finished else { return (nil, nil) }
            state.pending.append(contentsOf: batch)
            var lingerer: Lingerer?
            if let current = state.lingerer, state.pending.count >= current.count {
                state.lingerer = nil
                lingerer = current
            }
            defer { state.waiter = nil }
            return (state.waiter, lingerer)
        }
        Self.end(lingerer)
        guard let waiter else { return }
        waiter.resume(returning: takeAll())
    }

    /// Whatever is queued now, without waiting (may be empty).
    func takeQueued() -> [CommittedCommand] { takeAll() }

    /// Called by the consumer holding a run whose first command is `first`: waits until
    /// `count` more commands are queued, `delay` has passed, a reader asks for `first` or a
    /// later command (``urge(through:)``), or the queue finishes, whichever comes first.
    /// One consumer at a time.
    func linger(holding first: UInt64, until count: Int, atMost delay: Duration) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let call = state.withLock { state -> UInt64? in
                if state.urgedThrough >= first || state.finished || state.pending.count >= count { return nil }
                state.lingerCalls += 1
                state.lingerer = Lingerer(continuation: continuation, holding: first, count: count, call: state.lingerCalls)
                return state.lingerCalls
            }
            guard let call else { return continuation.resume() }
            let timer = Task {
                try? await Task.sleep(for: delay)
                guard !Task.isCancelled else { return }
                self.endLinger { $0.call == call }
            }
            // The wait may already have ended; then the timer is not needed.
            let running = state.withLock { state -> Bool in
                guard state.lingerer?.call == call else { return false }
                state.lingerer?.timer = timer
                return true
            }
            if !running { timer.cancel() }
        }
    }

    /// A reader needs every command up to `sequence` stored: a consumer holding one of them
    /// stops lingering, now or when it next would.
    func urge(through sequence: UInt64) {
        state.withLock { state in state.urgedThrough = max(state.urgedThrough, sequence) }
        endLinger { $0.holding <= sequence }
    }

    private func endLinger(if matches: (Lingerer) -> Bool) {
        let lingerer = state.withLock { state -> Lingerer? in
            guard let lingerer = state.lingerer, matches(lingerer) else { return nil }
            state.lingerer = nil
            return lingerer
        }
        Self.end(lingerer)
    }

    private static func end(_ lingerer: Lingerer?) {
        guard let lingerer else { return }
        lingerer.timer?.cancel()
        lingerer.continuation.resume()
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
