import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// The request context of every route: Hummingbird's core storage, the socket peer (for
/// IP rate limits and whitelists), the request id, and the response headers that
/// middleware and handlers add along the way (rate-limit figures, cookies).
public struct APIRequestContext: RequestContext, WebSocketRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The socket peer; nil in router-only tests, where no socket exists.
    public let peer: SocketAddress?
    /// `X-Request-Id`: the client's, or one the server made.
    public var requestId = ""
    /// Headers every response of this request carries, success or error.
    public var responseHeaders = ResponseHeaders()
    /// The connection's channel: a stream connection writes its frames straight into it
    /// (``StreamConnection``).
    let channel: any Channel
    /// The WebSocket handler a stream route chose during the upgrade (API.md §6).
    public let webSocket = WebSocketHandlerReference<APIRequestContext>()

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peer = source.channel.remoteAddress
        channel = source.channel
    }
}
