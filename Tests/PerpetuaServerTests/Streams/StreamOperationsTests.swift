import Foundation
import PerpetuaClient
import PerpetuaServer
import Testing

/// The stream hub as operations see it: its connections in `/metrics`, and SIGTERM's
/// drain closing every stream with a reason.
@Suite("Streams in metrics and the drain")
struct StreamOperationsTests {
    @Test("an open stream shows in perpetua_websocket_connections; the drain closes it with 1001")
    func metricsAndDrain() async throws {
        let server = try await LiveServer.start()
        let background = BackgroundStream(url: server.publicURL)
        _ = try await background.connected()
        #expect(try await eventually { server.exchange.streams.connectionCount >= 1 }, "the hub never registered the stream")
        let metrics = try await server.client().send(.get, "/metrics", auth: .none)
        let text = String(decoding: metrics.body, as: UTF8.self)
        let line = text.split(separator: "\n").first { $0.hasPrefix("perpetua_websocket_connections ") }
        #expect(line.map { Double($0.split(separator: " ").last!) } == 1.0, "metrics: \(line ?? "missing")")

        await server.harness.gateway.operations.beginDrain(reason: "SIGTERM")
        let closed = await background.closedByServer()
        #expect(closed??.code == 1001)
        #expect(closed??.reason == "server shutting down")
        await server.stop()
    }
}
