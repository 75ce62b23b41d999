import Foundation
import PerpetuaServer
import Synchronization
import Testing

/// The heartbeat of API.md §6.1: the server pings every `pingIntervalSeconds`, any frame
/// from the client (a pong or a ping too, not only a message) ends a silence, and only a
/// connection silent for `idleTimeoutSeconds` is closed, by the idle rule (1000 "idle for
/// too long"). The intervals are shortened (ping 1 s, idle 4 s); the bounds leave seconds of
/// slack for a loaded machine.
@Suite("Stream heartbeat")
struct StreamHeartbeatTests {
    static let idleSeconds = 4

    static func start() async throws -> LiveServer {
        try await LiveServer.start { configuration in
            configuration.streams.pingIntervalSeconds = 1
            configuration.streams.idleTimeoutSeconds = idleSeconds
        }
    }

    /// Holds a connection open for well past the idle timeout and expects it still open.
    static func staysOpen(_ server: LiveServer, path: String, _ behaviour: RawWebSocket.Behaviour) async throws -> RawWebSocket.Seen {
        let client = RawWebSocket(port: server.port, path: path, behaviour: behaviour)
        #expect(try await eventually { server.exchange.streams.connectionCount == 1 })
        try await Task.sleep(for: .seconds(3 * idleSeconds))
        let seen = client.seen
        #expect(seen.upgraded)
        #expect(seen.failure == nil)
        #expect(seen.close == nil, "closed by the server: \(String(describing: seen.close))")
        #expect(!seen.ended)
        #expect(server.exchange.streams.connectionCount == 1)
        try await finishes(within: 30, "the client stops") { await client.stop() }
        return seen
    }

    @Test("a private-stream client that only answers the server's pings with pongs stays open past the idle timeout")
    func pongsAreActivity() async throws {
        let server = try await Self.start()
        let alice = try await server.harness.createUser("alice", deposit: "1000")
        let key = try await PrivateStreamTests.listenKey(server, user: alice)
        let seen = try await Self.staysOpen(server, path: "/v1/ws/private?listenKey=\(key)", .answersPings)
        // The server kept pinging (about one a second) and was answered each time.
        #expect(seen.pings >= Self.idleSeconds)
        await server.stop()
    }

    @Test("a client that sends only ping frames of its own stays open past the idle timeout, and gets pongs")
    func pingsAreActivity() async throws {
        let server = try await Self.start()
        let seen = try await Self.staysOpen(server, path: "/v1/ws/public", .sendsPings(every: .seconds(1)))
        #expect(seen.pongs >= 1)
        await server.stop()
    }

    @Test("a silent client (no pongs) is pinged, then closed by the idle rule at the idle timeout, not before")
    func silentIsClosedWhenIdle() async throws {
        let server = try await Self.start()
        let started = ContinuousClock.now
        let client = RawWebSocket(port: server.port, path: "/v1/ws/public", behaviour: .silent)
        #expect(try await eventually { client.seen.close != nil || client.seen.ended })
        let seen = client.seen
        #expect(seen.failure == nil)
        #expect(seen.close == RawWebSocket.Close(code: 1000, reason: "idle for too long"))
        // Not Hummingbird's "Ping timeout" (1001) at two ping intervals: the silence must
        // last the idle timeout, counted from after this test started.
        if let closedAt = seen.closedAt {
            #expect(closedAt - started >= .seconds(Self.idleSeconds), "closed after \(closedAt - started)")
        }
        #expect(seen.pings >= 1, "the server still pings")
        try await finishes(within: 30, "the client stops") { await client.stop() }
        #expect(try await eventually { server.exchange.streams.connectionCount == 0 })
        await server.stop()
    }
}
