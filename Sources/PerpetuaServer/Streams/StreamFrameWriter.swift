import NIOCore

/// A handler at the head end of a stream connection's pipeline through which
/// ``StreamConnection`` writes its encoded frames (``StreamFrame``) straight to the socket.
///
/// Written from the tail, each frame would pass every handler of the WebSocket pipeline
/// (the async channel's, the frame encoder) for a thousand subscribers per update. The
/// frames Hummingbird writes (pings, pongs, the close frame) pass it untouched, in the order
/// they were written.
///
/// It also tells the connection when the channel is writable again, which is how a
/// connection whose client stopped reading resumes, or overflows its queue; and when the
/// client sent anything. Inbound bytes pass it before the frame decoder, so it hears the
/// pongs and pings that Hummingbird answers or absorbs and never hands on as messages,
/// which the idle rule must count: a client that answers pings is not silent.
final class StreamFrameWriter: ChannelDuplexHandler {
    /// Whatever passes it, in either direction, is forwarded as it is.
    typealias InboundIn = Any
    typealias OutboundIn = Any
    typealias OutboundOut = ByteBuffer

    private var context: ChannelHandlerContext?
    /// The connection waiting for the channel to become writable.
    private var waiting: StreamConnection?
    /// The connection told of inbound bytes. Weak: the connection holds the writer.
    weak var listener: StreamConnection?

    /// Adds a writer at the front of `channel`'s pipeline.
    static func install(on channel: any Channel) async throws -> NIOLoopBound<StreamFrameWriter> {
        try await channel.eventLoop.submit {
            let writer = StreamFrameWriter()
            try channel.pipeline.syncOperations.addHandler(writer, position: .first)
            return NIOLoopBound(writer, eventLoop: channel.eventLoop)
        }.get()
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        waiting = nil
        listener = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        listener?.heard()
        context.fireChannelRead(data)
    }

    var isWritable: Bool { context?.channel.isWritable ?? true }

    /// Writes a frame (a closed channel drops it; the reader notices the close).
    func write(_ frame: StreamFrame) {
        context?.write(wrapOutboundOut(frame.bytes), promise: nil)
    }

    func flush() {
        context?.flush()
    }

    /// Calls `connection.writable()` when the channel is writable again.
    func resume(_ connection: StreamConnection) {
        waiting = connection
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable, let connection = waiting {
            waiting = nil
            connection.writable()
        }
        context.fireChannelWritabilityChanged()
    }
}
