import Foundation
import HummingbirdWebSocket
import NIOCore
import NIOWebSocket
import PerpetuaCore
import Synchronization

/// Runs one WebSocket connection: a writer that drains the connection's queue to the socket,
/// a reader that enforces the inbound rules (text `ping`, rate limit, size) and hands other
/// messages to `onMessage`, and the close: when anyone asks the connection to close (the
/// hub, the sweep, the reader), the close frame goes out with its code and reason, and a
/// client that reads nothing is not waited for longer than a few seconds.
enum StreamSession {
    static func run(
        hub: StreamHub, connection: StreamConnection, inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter,
        onMessage: @escaping @Sendable (String) -> Void
    ) async {
        let settings = hub.settings
        let beforeWrite = settings.beforeWrite
        // The writer drains the queue to the socket. It stops at once on a slow consumer
        // (its queue is what overflowed) or a gone peer; on other closes it first writes what
        // is queued (LISTEN_KEY_EXPIRED goes out before the close frame).
        let writer = Task {
            for await message in connection.messages {
                if let reason = connection.closeReason, reason == .slowConsumer || reason == .peerClosed { break }
                if let beforeWrite { await beforeWrite(connection.id, String(buffer: message)) }
                if Task.isCancelled { break }
                do {
                    try await outbound.write(.custom(WebSocketFrame(fin: true, opcode: .text, data: message)))
                } catch {
                    connection.close(.peerClosed)
                    break
                }
            }
        }
        let reader = Task {
            do {
                for try await message in inbound.messages(maxSize: settings.maxInboundBytes) {
                    let count = connection.countInbound()
                    if count > 2 * settings.maxMessagesPerSecond {
                        connection.close(.rateAbuse)
                        break
                    }
                    if count > settings.maxMessagesPerSecond {
                        connection.send(StreamRequest.errorReply(
                            id: "null", code: .rateLimited,
                            message: "more than \(settings.maxMessagesPerSecond) messages per second; this one was ignored, and the connection closes past \(2 * settings.maxMessagesPerSecond)"))
                        continue
                    }
                    guard case .text(let text) = message else {
                        connection.send(StreamRequest.errorReply(
                            id: "null", code: .invalidParameter, message: "binary messages are not supported; send JSON text"))
                        continue
                    }
                    if text == "ping" {
                        connection.send("pong")
                        continue
                    }
                    onMessage(text)
                }
            } catch {}
            connection.close(.peerClosed)
        }
        let reason = await connection.waitForClose()
        if reason == .slowConsumer { hub.slowConsumerCount.add(1, ordering: .relaxed) }
        if reason != .slowConsumer && reason != .peerClosed {
            // Ends the queue: the writer finishes after what is already in it.
            connection.finish()
            await Self.race(seconds: 3) { await writer.value }
        }
        writer.cancel()
        if reason != .peerClosed {
            // A client that reads nothing is not waited for longer than a few seconds.
            await Self.race(seconds: 3) { try? await outbound.close(reason.code, reason: reason.text) }
        }
        reader.cancel()
        await Self.race(seconds: 3) { await reader.value }
        hub.close(connection)
    }

    /// Runs `body` for at most `seconds`.
    static func race(seconds: Int64, _ body: @escaping @Sendable () async -> Void) async {
        let work = Task { await body() }
        await withTaskGroup(of: Void.self) { race in
            race.addTask { await work.value }
            race.addTask { try? await Task.sleep(for: .seconds(seconds)) }
            await race.next()
            race.cancelAll()
            work.cancel()
        }
    }
}
