import Foundation
import NIOCore
import NIOWebSocket
import Synchronization

/// One WebSocket connection's outbound side as the hub sees it: a bounded queue of encoded
/// messages that the hub fills without ever waiting, written straight into the connection's
/// socket, and the reason the connection should close, once there is one.
///
/// Why not a writer task per connection: a depth update goes to every subscriber, and with
/// a task each message cost a task wake-up, a hop to the event loop and a flush for each
/// connection. Here ``send(_:)`` only queues, and marks the connection on its event loop's
/// ``StreamFlusher``; one event-loop task per update and loop then writes every marked
/// connection's queue in one go. While the channel is not writable (NIO holds more unsent
/// bytes than its high-water mark), new messages wait in the queue.
///
/// Messages are queued as encoded frames (``StreamFrame``): a broadcast encodes its frame once
/// and every subscriber's write points at the same bytes. They go out through a
/// ``StreamFrameWriter`` at the head of the pipeline.
///
/// A full queue means the client reads slower than the market moves: the connection is
/// closed with 1008 "slow consumer" and its queue is dropped. Nobody else waits for it.
final class StreamConnection: Sendable {
    /// Why the server closes (or closed) a connection.
    struct CloseReason: Sendable, Equatable {
        var code: WebSocketErrorCode
        var text: String

        static let slowConsumer = CloseReason(code: .policyViolation, text: "slow consumer")
        static let idle = CloseReason(code: .normalClosure, text: "idle for too long")
        static let lifetime = CloseReason(code: .normalClosure, text: "connection lifetime reached; reconnect")
        static let rateAbuse = CloseReason(code: .policyViolation, text: "too many messages")
        static let listenKeyExpired = CloseReason(code: .policyViolation, text: "listen key expired")
        static let listenKeyClosed = CloseReason(code: .normalClosure, text: "listen key closed")
        static let peerClosed = CloseReason(code: .normalClosure, text: "")
        static let shutdown = CloseReason(code: .goingAway, text: "server shutting down")

        /// Whether what is queued is dropped rather than written before the close frame:
        /// the queue is what overflowed, or there is nobody left to read it.
        var dropsQueue: Bool { self == .slowConsumer || self == .peerClosed }
    }

    struct State: Sendable {
        var closeReason: CloseReason?
        var closeWaiter: CheckedContinuation<CloseReason, Never>?
        /// The per-connection sequence of private events.
        var privateSequence: Int64 = 0
        var subscriptions: Set<StreamChannelKey> = []
        /// Inbound rate: the current one-second window and how many messages it saw.
        var windowStart: ContinuousClock.Instant
        var windowCount = 0
        /// When the client last sent anything at all: a message, a pong, a ping.
        var lastInbound: ContinuousClock.Instant
        var lastPing: ContinuousClock.Instant
        /// Messages not yet handed to NIO.
        var queue: [StreamFrame] = []
        /// Marked on the flusher: a new message needs no mark.
        var marked = false
        /// Waiting for the channel to become writable: a new message needs no mark.
        var blocked = false
        /// No more messages are queued (the close frame is next).
        var finished = false
        /// The test hook held a message: nothing more is written.
        var stalled = false
        var drainWaiters: [CheckedContinuation<Void, Never>] = []
    }

    let id: UInt64
    let opened: ContinuousClock.Instant
    /// For private connections: the account and listen key.
    let account: UInt64?
    let listenKey: String?
    /// When the listen key expires on the exchange clock, as last read from the store.
    let listenKeyExpiry: Atomic<Int64>
    let state: Mutex<State>
    private let capacity: Int
    private let writer: NIOLoopBound<StreamFrameWriter>
    private let flusher: StreamFlusher
    private let holdsWrite: (@Sendable (UInt64, String) -> Bool)?

    init(
        id: UInt64, capacity: Int, writer: NIOLoopBound<StreamFrameWriter>, flusher: StreamFlusher,
        holdsWrite: (@Sendable (UInt64, String) -> Bool)? = nil,
        account: UInt64? = nil, listenKey: String? = nil, expiresAt: Int64 = .max
    ) {
        self.id = id
        self.capacity = capacity
        self.writer = writer
        self.flusher = flusher
        self.holdsWrite = holdsWrite
        self.account = account
        self.listenKey = listenKey
        listenKeyExpiry = Atomic(expiresAt)
        let now = ContinuousClock.now
        opened = now
        state = Mutex(State(windowStart: now, lastInbound: now, lastPing: now))
    }

    /// Queues a message; a full queue closes the connection as a slow consumer.
    func send(_ text: String) {
        send(StreamFrame(text))
    }

    /// Queues an encoded message (shared, not copied, by every connection it is sent to).
    func send(_ message: StreamFrame) {
        let mark = state.withLock { enqueue(message, &$0) }
        if mark { flusher.mark(self) }
    }

    /// Queues a private event with this connection's next `seq`.
    func sendEvent(_ event: String, eventTime: Int64, data: String) {
        let mark = state.withLock { state -> Bool in
            guard state.closeReason == nil else { return false }
            state.privateSequence += 1
            let text = #"{"event":"\#(event)","eventTime":\#(eventTime),"seq":\#(state.privateSequence),"data":\#(data)}"#
            return enqueue(StreamFrame(text), &state)
        }
        if mark { flusher.mark(self) }
    }

    /// Appends to the queue; returns whether the connection must be marked for a flush.
    private func enqueue(_ message: StreamFrame, _ state: inout State) -> Bool {
        guard !state.finished, state.closeReason?.dropsQueue != true else { return false }
        guard state.queue.count < capacity else {
            Self.requestClose(&state, .slowConsumer)
            state.queue = []
            return false
        }
        state.queue.append(message)
        guard !state.marked, !state.blocked, !state.stalled else { return false }
        state.marked = true
        return true
    }

    /// Writes the queue to the channel as one batch and flushes it; on the channel's event
    /// loop (the flusher calls it). While NIO holds more than its high-water mark of unsent
    /// bytes (the client is not reading), the queue waits for the channel to become writable
    /// again, and grows: past its capacity the client is a slow consumer.
    func writeQueued() {
        let writer = writer.value
        // Not blocked: a connection waiting for writability is not marked.
        let batch = state.withLock { state -> [StreamFrame] in
            state.marked = false
            guard !state.stalled, state.closeReason?.dropsQueue != true, !state.queue.isEmpty else {
                Self.resumeIfDrained(&state)
                return []
            }
            defer { state.queue = [] }
            return state.queue
        }
        guard !batch.isEmpty else { return }
        var written = 0
        for message in batch {
            if let holdsWrite, holdsWrite(id, message.text) { break }
            written += 1
        }
        if written < batch.count {
            // The test hook holds this message: it and every later one stay queued for good.
            state.withLock { state in
                state.stalled = true
                state.queue.insert(contentsOf: batch[written...], at: 0)
            }
        }
        guard written > 0 else { return }
        for message in batch[..<written] { writer.write(message) }
        writer.flush()
        let drained = state.withLock { state -> Bool in
            state.blocked = !writer.isWritable
            Self.resumeIfDrained(&state)
            return !state.blocked
        }
        if !drained { writer.resume(self) }
    }

    /// The channel is writable again (``StreamFrameWriter``); on its event loop.
    func writable() {
        let write = state.withLock { state -> Bool in
            state.blocked = false
            guard !state.marked, !state.queue.isEmpty else { return false }
            state.marked = true
            return true
        }
        if write { writeQueued() }
    }

    /// Waits until everything queued is written (or dropped); the caller bounds the wait.
    func drained() async {
        await withCheckedContinuation { continuation in
            state.withLock { state in
                if Self.isDrained(state) {
                    continuation.resume()
                } else {
                    state.drainWaiters.append(continuation)
                }
            }
        }
    }

    /// Nothing is being written, and nothing queued will be.
    private static func isDrained(_ state: State) -> Bool {
        state.queue.isEmpty || state.stalled || state.closeReason?.dropsQueue == true
    }

    private static func resumeIfDrained(_ state: inout State) {
        guard isDrained(state), !state.drainWaiters.isEmpty else { return }
        for waiter in state.drainWaiters { waiter.resume() }
        state.drainWaiters = []
    }

    /// Asks the connection to close; the first reason wins.
    func close(_ reason: CloseReason) {
        state.withLock { Self.requestClose(&$0, reason) }
    }

    private static func requestClose(_ state: inout State, _ reason: CloseReason) {
        guard state.closeReason == nil else { return }
        state.closeReason = reason
        if reason.dropsQueue { state.queue = [] }
        resumeIfDrained(&state)
        if let waiter = state.closeWaiter {
            state.closeWaiter = nil
            waiter.resume(returning: reason)
        }
    }

    var closeReason: CloseReason? { state.withLock { $0.closeReason } }

    /// Waits until someone asks the connection to close.
    func waitForClose() async -> CloseReason {
        await withCheckedContinuation { continuation in
            state.withLock { state in
                if let reason = state.closeReason {
                    continuation.resume(returning: reason)
                } else {
                    state.closeWaiter = continuation
                }
            }
        }
    }

    /// Takes no more messages: the close frame comes next.
    func finish() {
        state.withLock { state in
            state.finished = true
            Self.resumeIfDrained(&state)
        }
    }

    /// Counts an inbound message for the rate limit; returns how many the current second has
    /// seen. Data messages only: the idle rule hears every frame through ``heard(now:)``.
    func countInbound(now: ContinuousClock.Instant = .now) -> Int {
        state.withLock { state in
            if now - state.windowStart >= .seconds(1) {
                state.windowStart = now
                state.windowCount = 0
            }
            state.windowCount += 1
            return state.windowCount
        }
    }

    /// The client sent something (``StreamFrameWriter`` sees its bytes before any handler
    /// does). A pong or a ping frame counts: a client that only answers the server's pings
    /// is not silent, and the private stream gives it nothing else to send.
    func heard(now: ContinuousClock.Instant = .now) {
        state.withLock { $0.lastInbound = now }
    }

    var lastInbound: ContinuousClock.Instant { state.withLock { $0.lastInbound } }

    /// Queues a WebSocket ping when the last one is `interval` old (the hub's sweep asks).
    /// Behind what is already queued, so it never splits the stream of messages, and never
    /// after the close has been asked for: the close frame is the last thing written.
    func pingIfDue(every interval: Duration, now: ContinuousClock.Instant = .now) {
        let mark = state.withLock { state -> Bool in
            guard state.closeReason == nil, now - state.lastPing >= interval else { return false }
            state.lastPing = now
            return enqueue(.ping, &state)
        }
        if mark { flusher.mark(self) }
    }
}
