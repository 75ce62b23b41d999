import Foundation
import NIOCore
import NIOWebSocket
import Synchronization

/// One WebSocket connection's outbound side as the hub sees it: a bounded queue of encoded
/// messages that the hub fills without ever waiting, and the reason the connection should
/// close, once there is one.
///
/// Messages are queued as UTF-8 `ByteBuffer`s: a broadcast encodes its text once and every
/// subscriber's frame points at the same bytes, where a `String` per connection was copied
/// into a fresh buffer by each connection's writer.
///
/// A full queue means the client reads slower than the market moves: the connection is
/// closed with 1008 "slow consumer" and the message is dropped. Nobody else waits for it.
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
        var lastInbound: ContinuousClock.Instant
    }

    let id: UInt64
    let opened: ContinuousClock.Instant
    /// For private connections: the account and listen key.
    let account: UInt64?
    let listenKey: String?
    /// When the listen key expires on the exchange clock, as last read from the store.
    let listenKeyExpiry: Atomic<Int64>
    let messages: AsyncStream<ByteBuffer>
    private let continuation: AsyncStream<ByteBuffer>.Continuation
    let state: Mutex<State>

    init(id: UInt64, capacity: Int, account: UInt64? = nil, listenKey: String? = nil, expiresAt: Int64 = .max) {
        self.id = id
        self.account = account
        self.listenKey = listenKey
        listenKeyExpiry = Atomic(expiresAt)
        let now = ContinuousClock.now
        opened = now
        let (messages, continuation) = AsyncStream.makeStream(of: ByteBuffer.self, bufferingPolicy: .bufferingOldest(capacity))
        self.messages = messages
        self.continuation = continuation
        state = Mutex(State(windowStart: now, lastInbound: now))
    }

    /// Queues a message; a full queue closes the connection as a slow consumer.
    func send(_ text: String) {
        send(ByteBuffer(string: text))
    }

    /// Queues an encoded message (shared, not copied, by every connection it is sent to).
    func send(_ message: ByteBuffer) {
        if case .dropped = continuation.yield(message) { close(.slowConsumer) }
    }

    /// Queues a private event with this connection's next `seq`.
    func sendEvent(_ event: String, eventTime: Int64, data: String) {
        state.withLock { state in
            guard state.closeReason == nil else { return }
            state.privateSequence += 1
            let text = #"{"event":"\#(event)","eventTime":\#(eventTime),"seq":\#(state.privateSequence),"data":\#(data)}"#
            if case .dropped = continuation.yield(ByteBuffer(string: text)) {
                Self.requestClose(&state, .slowConsumer)
            }
        }
    }

    /// Asks the connection to close; the first reason wins.
    func close(_ reason: CloseReason) {
        state.withLock { Self.requestClose(&$0, reason) }
    }

    private static func requestClose(_ state: inout State, _ reason: CloseReason) {
        guard state.closeReason == nil else { return }
        state.closeReason = reason
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

    /// Ends the outbound queue (the writer stops after what is queued).
    func finish() { continuation.finish() }

    /// Counts an inbound message; returns how many the current second has seen.
    func countInbound(now: ContinuousClock.Instant = .now) -> Int {
        state.withLock { state in
            state.lastInbound = now
            if now - state.windowStart >= .seconds(1) {
                state.windowStart = now
                state.windowCount = 0
            }
            state.windowCount += 1
            return state.windowCount
        }
    }

    var lastInbound: ContinuousClock.Instant { state.withLock { $0.lastInbound } }
}
