import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOHTTP1

/// Hummingbird's HTTP/1.1 channel with the WebSocket upgrade, plus an answer to requests
/// that are not HTTP at all (``MalformedRequestResponder``).
struct AnsweringChannel<Inner: ServerChildChannel>: ServerChildChannel {
    struct Value: ServerChildChannelValue {
        let inner: Inner.Value
        let answered: MalformedRequestResponder.Answered
        var channel: any Channel { inner.channel }
    }

    let inner: Inner

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        inner.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let operations = channel.pipeline.syncOperations
            let decoder = try operations.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            let responder = MalformedRequestResponder()
            try operations.addHandler(responder, position: .after(decoder))
            // The upgrade handler's errors (a WebSocket upgrade without its key) go past it.
            let upgrades = MalformedRequestResponder(answered: responder.answered)
            try operations.addHandler(upgrades, position: .last)
            return Value(inner: value, answered: responder.answered)
        }
    }

    func handle(value: Value, logger: Logger) async {
        // Once the responder has answered, the upgrade handler's promise fails as its
        // connection closes, and the inner channel logs that as an error: for a request
        // that was already answered, that line is noise (every port scan would write one).
        let answered = value.answered
        let filtered = Logger(label: logger.label) { _ in
            AnsweredConnectionLogFilter(base: logger.handler, answered: { answered.isSet })
        }
        await inner.handle(value: value.inner, logger: filtered)
    }
}

/// Forwards a connection's log lines, except those written after its malformed request was
/// answered.
struct AnsweredConnectionLogFilter: LogHandler {
    var base: any LogHandler
    let answered: @Sendable () -> Bool

    func log(
        level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String,
        function: String, line: UInt
    ) {
        guard !answered() else { return }
        base.log(level: level, message: message, metadata: metadata, source: source, file: file, function: function, line: line)
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { base[metadataKey: key] }
        set { base[metadataKey: key] = newValue }
    }

    var metadata: Logger.Metadata {
        get { base.metadata }
        set { base.metadata = newValue }
    }

    var logLevel: Logger.Level {
        get { base.logLevel }
        set { base.logLevel = newValue }
    }
}

extension HTTPServerBuilder {
    /// `.http1WebSocketUpgrade(webSocketRouter:configuration:)` with malformed requests
    /// answered (400, 12001) instead of left without a word.
    static func answeringHTTP1WebSocketUpgrade<WSResponderBuilder: HTTPResponderBuilder>(
        webSocketRouter: WSResponderBuilder, configuration: HTTP1WebSocketUpgradeChannel.Configuration
    ) -> HTTPServerBuilder where WSResponderBuilder.Responder.Context: WebSocketRequestContext {
        let webSocketResponder = webSocketRouter.buildResponder()
        return .init { responder in
            AnsweringChannel(inner: HTTP1WebSocketUpgradeChannel(
                responder: responder, webSocketResponder: webSocketResponder, configuration: configuration))
        }
    }
}
