import NIOCore
import NIOHTTP1
import NIOWebSocket
import Synchronization

/// Answers a request that is not valid HTTP/1.1 (a garbage request line, an unknown
/// method, a bad `Content-Length`, headers past the decoder's limits), or a WebSocket
/// upgrade without its key or version, with 400 and the envelope's 12001, then closes the
/// connection.
///
/// Hummingbird's WebSocket-upgrading channel turns NIO's own protocol error handler off and
/// handles nothing in its place: such a request got no answer at all, and its connection
/// stayed open until the peer gave up; a bad upgrade was dropped without a word. One of
/// these handlers sits right after the request decoder, where the decoder's errors arrive,
/// and one after the upgrade handler, where its errors arrive. Neither reads what passes
/// through it (the types change once a connection is upgraded to a WebSocket), and each
/// writes its answer below the response encoder, as bytes.
///
/// Only a connection's first request is answered this way: a later one might find a
/// response still being written, which the answer must not cut into, so there the
/// connection stops reading, answers what it read before, and closes.
final class MalformedRequestResponder: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private var sawRequest = false
    /// Set once this connection's first request was answered as malformed (read off the
    /// event loop, by the connection's log filter).
    let answered: Answered

    /// `answered` is shared by the connection's two responders (after the decoder, and
    /// after the upgrade handler).
    init(answered: Answered = Answered()) {
        self.answered = answered
    }

    final class Answered: Sendable {
        private let value = Atomic<Bool>(false)
        var isSet: Bool { value.load(ordering: .acquiring) }
        func set() { value.store(true, ordering: .releasing) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        sawRequest = true
        context.fireChannelRead(data)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let problem: String
        if let parserError = error as? HTTPParserError {
            problem = "not a valid HTTP/1.1 request (\(Self.reason(parserError))); send a request line, headers and a body as HTTP/1.1 defines them"
        } else if error is NIOWebSocketUpgradeError {
            problem = "not a valid WebSocket upgrade; send Sec-WebSocket-Version: 13 and a Sec-WebSocket-Key with Upgrade: websocket and Connection: Upgrade"
        } else {
            context.fireErrorCaught(error)
            return
        }
        guard !sawRequest else {
            // Stop reading: the requests before this one are answered, then the connection
            // closes (its output half-closes once the last answer is out).
            context.close(mode: .input, promise: nil)
            return
        }
        sawRequest = true
        answered.set()
        if let below = try? context.pipeline.syncOperations.context(handlerType: HTTPResponseEncoder.self) {
            below.writeAndFlush(NIOAny(Self.answer(problem, allocator: context.channel.allocator)), promise: nil)
        }
        context.close(promise: nil)
    }

    /// The whole response, head and body.
    static func answer(_ problem: String, allocator: ByteBufferAllocator) -> ByteBuffer {
        let body = #"{"code":12001,"msg":"invalid parameter request: \#(problem)","data":{"field":"request"}}"#
        let head = "HTTP/1.1 400 Bad Request\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: \(body.utf8.count)\r\n"
            + "x-request-id: \(APIResponseMiddleware.ids.next())\r\nconnection: close\r\n\r\n"
        return allocator.buffer(string: head + body)
    }

    /// What was wrong, in words (the decoder's own names are its C library's).
    static func reason(_ error: HTTPParserError) -> String {
        switch error {
        case .headerOverflow: "the headers are too large"
        case .invalidMethod: "unknown method"
        case .invalidContentLength, .unexpectedContentLength: "bad Content-Length"
        case .invalidVersion: "bad HTTP version"
        case .invalidURL: "bad request target"
        case .invalidHeaderToken, .invalidConstant, .lfExpected, .invalidCharactersUsed: "malformed request line or header"
        default: "malformed request"
        }
    }
}
