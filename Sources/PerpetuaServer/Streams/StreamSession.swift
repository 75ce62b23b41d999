import Foundation
import HummingbirdWebSocket
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
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await text in connection.messages {
                    if connection.closeReason != nil { break }
                    do {
                        try await outbound.write(.text(text))
                    } catch {
                        connection.close(.peerClosed)
                        break
                    }
                }
            }
            group.addTask {
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
            if reason != .peerClosed {
                let closing = Task { try? await outbound.close(reason.code, reason: reason.text) }
                await withTaskGroup(of: Void.self) { race in
                    race.addTask { _ = await closing.value }
                    race.addTask { try? await Task.sleep(for: .seconds(3)) }
                    await race.next()
                    race.cancelAll()
                    closing.cancel()
                }
            }
            group.cancelAll()
        }
        hub.close(connection)
    }
}
