import Foundation
import HummingbirdWSClient
import Logging
import NIOCore
import NIOWebSocket

/// A connection to a Perpetua WebSocket stream (API.md §6) for the duration of a closure.
///
/// ```swift
/// let close = try await PerpetuaStream.connect(url: client.publicStreamURL) { stream in
///     try await stream.subscribe([.depth("BTCUSDT")], id: 1)
///     for try await message in stream.messages { … }
/// }
/// ```
/// The closure gets the decoded messages and a way to send; the connection closes when the
/// closure returns. A text `ping` goes out every `pingInterval` so that the server does not
/// close the connection as idle.
public struct PerpetuaStream: Sendable {
    /// Decoded messages in arrival order; ends when the server closes the connection.
    public let messages: AsyncThrowingStream<StreamMessage, any Error>
    let outbound: WebSocketOutboundWriter
    private let encoder: JSONEncoder

    /// How the server closed the connection (code and reason), or nil if the client did.
    public struct Closed: Sendable {
        public var code: Int
        public var reason: String?
    }

    /// Connects to `url` (`ws://host:port/v1/ws/public`), runs `body`, and closes. Returns
    /// the server's close frame when the server closed first.
    @discardableResult
    public static func connect(
        url: String, pingInterval: Duration = .seconds(20), maxFrameSize: Int = 1 << 22,
        logger: Logger = Logger(label: "perpetua.stream"),
        _ body: @escaping @Sendable (PerpetuaStream) async throws -> Void
    ) async throws -> Closed? {
        let configuration = WebSocketClientConfiguration(maxFrameSize: maxFrameSize, autoPing: .disabled)
        let frame = try await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) { inbound, outbound, _ in
            let (messages, continuation) = AsyncThrowingStream.makeStream(of: StreamMessage.self)
            let stream = PerpetuaStream(messages: messages, outbound: outbound)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    do {
                        for try await message in inbound.messages(maxSize: maxFrameSize) {
                            guard case .text(let text) = message, let decoded = StreamMessage.decode(text) else { continue }
                            continuation.yield(decoded)
                        }
                        continuation.finish()
                    } catch {
                        continuation.finish(throwing: error)
                    }
                }
                group.addTask {
                    while true {
                        try await Task.sleep(for: pingInterval)
                        try await outbound.write(.text("ping"))
                    }
                }
                defer { group.cancelAll() }
                try await body(stream)
            }
        }
        return frame.map { Closed(code: Int(UInt16(webSocketErrorCode: $0.closeCode)), reason: $0.reason) }
    }

    init(messages: AsyncThrowingStream<StreamMessage, any Error>, outbound: WebSocketOutboundWriter) {
        self.messages = messages
        self.outbound = outbound
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        self.encoder = encoder
    }

    /// Sends `{"op": "subscribe", "id": id, "args": args}`.
    public func subscribe(_ args: [StreamArgument], id: Int) async throws {
        try await send(op: "subscribe", args: args, id: id)
    }

    /// Sends `{"op": "unsubscribe", "id": id, "args": args}`.
    public func unsubscribe(_ args: [StreamArgument], id: Int) async throws {
        try await send(op: "unsubscribe", args: args, id: id)
    }

    /// Sends the text `ping` (answered with ``StreamMessage/pong``).
    public func ping() async throws { try await outbound.write(.text("ping")) }

    /// Sends raw text (tests of malformed input).
    public func sendText(_ text: String) async throws { try await outbound.write(.text(text)) }

    private struct Request: Encodable {
        var op: String
        var id: Int
        var args: [StreamArgument]
    }

    private func send(op: String, args: [StreamArgument], id: Int) async throws {
        let data = try encoder.encode(Request(op: op, id: id, args: args))
        try await outbound.write(.text(String(decoding: data, as: UTF8.self)))
    }
}

extension PerpetuaClient {
    /// `ws://…/v1/ws/public` for this client's base URL.
    public var publicStreamURL: String { streamBase + "/v1/ws/public" }

    /// `ws://…/v1/ws/private?listenKey=…`.
    public func privateStreamURL(listenKey: String) -> String {
        streamBase + "/v1/ws/private?listenKey=" + (listenKey.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? listenKey)
    }

    private var streamBase: String {
        if baseURL.hasPrefix("https://") { return "wss://" + baseURL.dropFirst(8) }
        if baseURL.hasPrefix("http://") { return "ws://" + baseURL.dropFirst(7) }
        return baseURL
    }
}
