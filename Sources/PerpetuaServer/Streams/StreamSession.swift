import Foundation
import HummingbirdWebSocket
import NIOCore
import NIOWebSocket
import PerpetuaCore
import Synchronization

/// Runs one WebSocket connection: a reader that enforces the inbound rules (text `ping`,
/// rate limit, size) and hands other messages to `onMessage`, and the close: when anyone
/// asks the connection to close (the hub, the sweep, the reader), what is queued goes out
/// (unless the queue overflowed or the peer is gone), then the close frame with its code
/// and reason, and a client that reads nothing is not waited for longer than a few seconds.
/// Outbound messages do not pass through here: ``StreamConnection`` writes them into the
/// channel.
enum StreamSession {
    static func run(
        hub: StreamHub, connection: StreamConnection, inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter,
        onMessage: @escaping @Sendable (String) -> Void
    ) async {
        let settings = hub.settings
        let reader = Task {
            do {
                for try await message in inbound.messages(maxSize: settings.maxInboundBytes) {
                    let count = connection.countInbound(now: settings.inboundClock?() ?? .now)
                    if count > 2 * settings.maxMessagesPerSecond {
                        connection.close(.rateAbuse)
                        break
                    }
                    if count > settings.maxMessagesPerSecond {
                        // The id is read all the same (at most as many times a second as
                        // the limit allows before the close), so the client knows which
                        // request was ignored.
                        let id: String = if case .text(let text) = message, text.utf8.count <= settings.maxInboundBytes {
                            StreamRequest.replyId(text)
                        } else { "null" }
                        connection.send(StreamRequest.errorReply(
                            id: id, code: .rateLimited,
                            message: "more than \(settings.maxMessagesPerSecond) messages per second; this one was ignored, and the connection closes past \(2 * settings.maxMessagesPerSecond)"))
                        continue
                    }
                    guard case .text(let text) = message else {
                        connection.send(StreamRequest.errorReply(
                            id: "null", code: .invalidParameter, message: "binary messages are not supported; send JSON text"))
                        continue
                    }
                    // A single frame is not held to `messages(maxSize:)`, which bounds only
                    // what fragments add up to.
                    guard text.utf8.count <= settings.maxInboundBytes else {
                        connection.send(StreamRequest.errorReply(
                            id: "null", code: .invalidParameter,
                            message: "message of \(text.utf8.count) bytes is larger than \(settings.maxInboundBytes); this one was ignored"))
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
        // Ends the queue: what is in it goes out first (LISTEN_KEY_EXPIRED before the close
        // frame), unless the reason drops it.
        connection.finish()
        if !reason.dropsQueue { await Self.race(seconds: 3) { await connection.drained() } }
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
