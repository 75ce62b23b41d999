import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket
import Synchronization

/// One `bench ws` subscriber as a bare NIO channel handler: it reads the depth stream's
/// frames on the event loop where they arrive.
///
/// Why not `WebSocketClient`: the load generator shares the two cores with the server it
/// measures, and an async client costs each of the thousand subscribers a task wake-up and
/// an `AsyncSequence` hop per message, which the benchmark would then count as the
/// server's latency. The handler parses the frame's bytes in place (``SubscriberStats``).
enum BenchDepthSubscriber {
    /// Connects, upgrades and subscribes to `BTCUSDT` depth.
    static func connect(
        host: String, port: Int, path: String, stats: SubscriberStats, flags: BenchFlags, group: any EventLoopGroup
    ) async throws {
        let upgraded = try await ClientBootstrap(group: group)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connect(host: host, port: port) { channel -> EventLoopFuture<EventLoopFuture<(any Channel)?>> in
                channel.eventLoop.makeCompletedFuture {
                    let upgrader = NIOTypedWebSocketClientUpgrader<(any Channel)?>(maxFrameSize: 1 << 22) { channel, _ in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandler(Handler(stats: stats, flags: flags), position: .first)
                            return channel
                        }
                    }
                    var headers = HTTPHeaders()
                    headers.add(name: "Host", value: "\(host):\(port)")
                    headers.add(name: "Content-Length", value: "0")
                    let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: path, headers: headers)
                    let configuration = NIOTypedHTTPClientUpgradeConfiguration<(any Channel)?>(
                        upgradeRequestHead: head, upgraders: [upgrader],
                        notUpgradingCompletionHandler: { $0.eventLoop.makeSucceededFuture(nil) })
                    return try channel.pipeline.syncOperations.configureUpgradableHTTPClientPipeline(
                        configuration: .init(upgradeConfiguration: configuration))
                }
            }
        guard let channel = try await upgraded.get() else { throw BenchSubscriberError.notUpgraded }
        // Not from the handler: writes fail until the upgrade handler has left the pipeline.
        let subscribe = #"{"op":"subscribe","id":1,"args":[{"channel":"depth","symbol":"BTCUSDT"}]}"#
        try await channel.writeAndFlush(Handler.text(subscribe, allocator: channel.allocator))
        flags.subscribed.add(1, ordering: .relaxed)
    }

    enum BenchSubscriberError: Error { case notUpgraded }

    /// Reads the socket's bytes itself, placed at the head of the pipeline: the server's
    /// frames are unmasked and one per message, so a few lines of RFC 6455 §5.2 replace the
    /// frame decoder and the pipeline hops behind it. It records every text frame, answers
    /// server pings, and sends the text `ping` every 15 s so that the server's 60 s idle rule
    /// never applies.
    final class Handler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer

        let stats: SubscriberStats
        let flags: BenchFlags
        private var pings: RepeatedTask?
        /// The start of a frame that has not fully arrived.
        private var partial: ByteBuffer?

        init(stats: SubscriberStats, flags: BenchFlags) {
            self.stats = stats
            self.flags = flags
        }

        func handlerAdded(context: ChannelHandlerContext) {
            let channel = context.channel
            pings = context.eventLoop.scheduleRepeatedTask(initialDelay: .seconds(15), delay: .seconds(15)) { _ in
                channel.writeAndFlush(Self.text("ping", allocator: channel.allocator), promise: nil)
            }
        }

        func handlerRemoved(context: ChannelHandlerContext) {
            pings?.cancel()
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var buffer = unwrapInboundIn(data)
            if var partial {
                partial.writeBuffer(&buffer)
                buffer = partial
                self.partial = nil
            }
            while let (opcode, header, length) = Self.frame(in: buffer) {
                switch opcode {
                case 0x1:
                    buffer.withUnsafeReadableBytes { raw in
                        stats.receive(UnsafeRawBufferPointer(rebasing: raw[header..<(header + length)]), window: flags.window)
                    }
                case 0x9:
                    let payload = buffer.getSlice(at: buffer.readerIndex + header, length: length)!
                    let pong = WebSocketFrame(fin: true, opcode: .pong, maskKey: .random(), data: payload)
                    context.channel.writeAndFlush(pong, promise: nil)
                case 0x8:
                    context.close(promise: nil)
                default:
                    break
                }
                buffer.moveReaderIndex(forwardBy: header + length)
            }
            if buffer.readableBytes > 0 { partial = buffer }
        }

        /// The opcode, header length and payload length of the complete frame at the start of
        /// `buffer`, or `nil` while it has not all arrived.
        static func frame(in buffer: ByteBuffer) -> (opcode: UInt8, header: Int, length: Int)? {
            let start = buffer.readerIndex
            guard buffer.readableBytes >= 2, let first = buffer.getInteger(at: start, as: UInt8.self),
                  let second = buffer.getInteger(at: start + 1, as: UInt8.self) else { return nil }
            var header = 2
            var length = Int(second & 0x7F)
            if length == 126 {
                guard let extended = buffer.getInteger(at: start + 2, as: UInt16.self) else { return nil }
                length = Int(extended)
                header = 4
            } else if length == 127 {
                guard let extended = buffer.getInteger(at: start + 2, as: UInt64.self) else { return nil }
                length = Int(extended)
                header = 10
            }
            if second & 0x80 != 0 { header += 4 }  // servers do not mask; skip a key if one came
            guard buffer.readableBytes >= header + length else { return nil }
            return (first & 0x0F, header, length)
        }

        func channelInactive(context: ChannelHandlerContext) {
            if !flags.stop.load(ordering: .relaxed) { stats.failed.withLock { $0 = true } }
            pings?.cancel()
            context.fireChannelInactive()
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            stats.failed.withLock { $0 = true }
            context.close(promise: nil)
        }

        /// A client text frame (clients mask what they send, RFC 6455 §5.3).
        static func text(_ text: String, allocator: ByteBufferAllocator) -> WebSocketFrame {
            WebSocketFrame(fin: true, opcode: .text, maskKey: .random(), data: allocator.buffer(string: text))
        }
    }
}
