import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// A WebSocket client on a bare socket, for the heartbeat tests: it sends only what its
/// ``Behaviour`` says. A library client answers pings on its own, so it cannot play the
/// silent client, nor show which frames alone keep a connection open.
final class RawWebSocket: Sendable {
    enum Behaviour: Sendable {
        /// Sends nothing after the upgrade (not even a pong) until the server closes.
        case silent
        /// Answers each server ping with a pong, as browser and library clients do, and sends
        /// nothing else.
        case answersPings
        /// Sends a ping frame of its own every `interval` and nothing else (no pongs).
        case sendsPings(every: Duration)
    }

    /// The server's close frame.
    struct Close: Sendable, Equatable {
        var code: UInt16
        var reason: String
    }

    /// What the reading task has seen so far.
    struct Seen: Sendable {
        var upgraded = false
        var pings = 0
        var pongs = 0
        var close: Close?
        var closedAt: ContinuousClock.Instant?
        /// The socket ended (closed by either side, or the task failed).
        var ended = false
        var failure: String?
    }

    /// What the reading task and the test share.
    private final class Shared: Sendable {
        let seen = Mutex(Seen())
        func update(_ body: (inout Seen) -> Void) { seen.withLock { body(&$0) } }
    }

    private let state = Shared()
    private let task: Task<Void, Never>

    init(port: Int, path: String, behaviour: Behaviour) {
        let state = state
        task = Task {
            do {
                try await Self.run(port: port, path: path, behaviour: behaviour, state: state)
            } catch is CancellationError {
            } catch {
                state.update { $0.failure = "\(error)" }
            }
            state.update { $0.ended = true }
        }
    }

    var seen: Seen { state.seen.withLock { $0 } }

    /// Closes the socket from the client side (without a close frame) and waits for the task.
    func stop() async {
        task.cancel()
        await task.value
    }

    private static func run(port: Int, path: String, behaviour: Behaviour, state: Shared) async throws {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(string: [
                "GET \(path) HTTP/1.1", "Host: 127.0.0.1:\(port)", "Upgrade: websocket", "Connection: Upgrade",
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13", "", "",
            ].joined(separator: "\r\n")))
            try await withThrowingTaskGroup(of: Void.self) { group in
                if case .sendsPings(let interval) = behaviour {
                    group.addTask {
                        while true {
                            try await Task.sleep(for: interval)
                            try await outbound.write(maskedFrame(opcode: 0x9, payload: ByteBuffer(string: "client")))
                        }
                    }
                }
                try await read(inbound, outbound, behaviour: behaviour, state: state)
                group.cancelAll()
            }
        }
    }

    /// Reads the upgrade response, then frames, until the server's close frame or the end
    /// of the socket.
    private static func read(
        _ inbound: NIOAsyncChannelInboundStream<ByteBuffer>, _ outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>,
        behaviour: Behaviour, state: Shared
    ) async throws {
        var buffer = ByteBuffer()
        var upgraded = false
        for try await chunk in inbound {
            buffer.writeImmutableBuffer(chunk)
            if !upgraded {
                let bytes = Array(buffer.readableBytesView)
                guard let end = bytes.indices.dropLast(3).first(where: { bytes[$0..<$0 + 4] == [13, 10, 13, 10] }) else { continue }
                let head = String(decoding: bytes[..<end], as: UTF8.self)
                guard head.hasPrefix("HTTP/1.1 101") else {
                    throw StreamTestError("no upgrade: \(head)")
                }
                buffer.moveReaderIndex(forwardBy: end + 4)
                upgraded = true
                state.update { $0.upgraded = true }
            }
            while let (opcode, payload) = nextFrame(&buffer) {
                switch opcode {
                case 0x9:
                    state.update { $0.pings += 1 }
                    if case .answersPings = behaviour {
                        try await outbound.write(maskedFrame(opcode: 0xA, payload: payload))
                    }
                case 0xA:
                    state.update { $0.pongs += 1 }
                case 0x8:
                    var payload = payload
                    let code = payload.readInteger(as: UInt16.self) ?? 1005
                    let reason = payload.readString(length: payload.readableBytes) ?? ""
                    state.update {
                        $0.close = Close(code: code, reason: reason)
                        $0.closedAt = ContinuousClock.now
                    }
                    // The close handshake is not the subject here: dropping the socket ends it.
                    return
                default:
                    break
                }
            }
        }
    }

    /// The next complete frame of what the server sent (unmasked, RFC 6455 §5.2), if the
    /// buffer holds one.
    private static func nextFrame(_ buffer: inout ByteBuffer) -> (opcode: UInt8, payload: ByteBuffer)? {
        let start = buffer.readerIndex
        guard let first = buffer.getInteger(at: start, as: UInt8.self),
              let second = buffer.getInteger(at: start + 1, as: UInt8.self) else { return nil }
        var header = 2
        var length = Int(second & 0x7F)
        if length == 126 {
            guard let extended = buffer.getInteger(at: start + 2, as: UInt16.self) else { return nil }
            header = 4
            length = Int(extended)
        } else if length == 127 {
            guard let extended = buffer.getInteger(at: start + 2, as: UInt64.self) else { return nil }
            header = 10
            length = Int(extended)
        }
        guard buffer.readableBytes >= header + length else { return nil }
        buffer.moveReaderIndex(forwardBy: header)
        return (first & 0x0F, buffer.readSlice(length: length)!)
    }

    /// A client's control frame: FIN, masked as a client must mask (payload under 126 bytes).
    private static func maskedFrame(opcode: UInt8, payload: ByteBuffer) -> ByteBuffer {
        let mask = (0..<4).map { _ in UInt8.random(in: .min ... .max) }
        var frame = ByteBuffer()
        frame.writeInteger(0x80 | opcode)
        frame.writeInteger(0x80 | UInt8(payload.readableBytes))
        frame.writeBytes(mask)
        for (index, byte) in payload.readableBytesView.enumerated() { frame.writeInteger(byte ^ mask[index % 4]) }
        return frame
    }
}
