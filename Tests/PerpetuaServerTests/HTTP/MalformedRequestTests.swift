import Foundation
import NIOCore
import NIOPosix
import Testing

/// Requests that are not HTTP/1.1 at all, and broken WebSocket upgrades, on a real socket:
/// each is answered with 400 and the envelope's 12001, and the connection closes (it used to
/// stay open, unanswered, or was dropped).
@Suite("Malformed HTTP requests")
struct MalformedRequestTests {
    @Test("garbage, an unknown method, a bad Content-Length, oversized headers and a WebSocket upgrade without its key answer 400 12001 and close")
    func answered() async throws {
        let server = try await LiveServer.start()
        let cases: [(request: String, reason: String)] = [
            ("GARBAGE\r\n\r\n", "unknown method"),
            ("FOO /v1/time HTTP/1.1\r\nHost: x\r\n\r\n", "unknown method"),
            ("POST /v1/time HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", "bad Content-Length"),
            ("GET /v1/time HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "a", count: 100_000) + "\r\n\r\n", "the headers are too large"),
        ]
        let upgrade = "Host: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        let upgrades = [
            "GET /v1/ws/public HTTP/1.1\r\n" + upgrade + "Sec-WebSocket-Version: 13\r\n\r\n",
            "GET /v1/ws/public HTTP/1.1\r\n" + upgrade + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n",
        ]
        for request in upgrades {
            let answer = try await Self.exchange(request, port: server.port)
            #expect(answer.hasPrefix("HTTP/1.1 400 Bad Request\r\n"), "\(answer.prefix(80))")
            #expect(answer.contains(#""code":12001"#) && answer.contains("not a valid WebSocket upgrade"), "\(answer)")
        }
        for (request, reason) in cases {
            let answer = try await Self.exchange(request, port: server.port)
            #expect(answer.hasPrefix("HTTP/1.1 400 Bad Request\r\n"), "\(request.prefix(30)): \(answer.prefix(80))")
            #expect(answer.lowercased().contains("x-request-id: "))
            #expect(answer.lowercased().contains("connection: close"))
            let body = try #require(answer.components(separatedBy: "\r\n\r\n").last)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
            #expect(object["code"] as? Int == 12001)
            #expect((object["msg"] as? String)?.contains("not a valid HTTP/1.1 request (\(reason))") == true, "\(body)")
            #expect((object["data"] as? [String: Any])?["field"] as? String == "request")
        }
        // Valid requests before a malformed one are answered, then the connection closes.
        let pipelined = try await Self.exchange(
            "GET /v1/time HTTP/1.1\r\nHost: x\r\n\r\nGET /v1/version HTTP/1.1\r\nHost: x\r\n\r\nGARBAGE\r\n\r\n", port: server.port)
        #expect(pipelined.components(separatedBy: "HTTP/1.1 200 OK").count == 3, "\(pipelined)")
        #expect(!pipelined.contains("400 Bad Request"))
        await server.stop()
    }

    /// Sends `request` and reads until the server closes the connection (the test fails,
    /// rather than hangs, if it does not within 30 s).
    static func exchange(_ request: String, port: Int) async throws -> String {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
            }
        return try await withThrowingTaskGroup(of: String?.self) { group in
            group.addTask {
                try await channel.executeThenClose { inbound, outbound in
                    try await outbound.write(ByteBuffer(string: request))
                    var received = ByteBuffer()
                    for try await chunk in inbound { received.writeImmutableBuffer(chunk) }
                    return String(buffer: received)
                }
            }
            group.addTask {
                try await Task.sleep(for: .seconds(30))
                return nil
            }
            let first = try await group.next()!
            group.cancelAll()
            guard let first else {
                channel.channel.close(promise: nil)
                throw MalformedRequestTestError("the server neither answered nor closed within 30 s")
            }
            return first
        }
    }
}

struct MalformedRequestTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
