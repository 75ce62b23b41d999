import NIOCore
import NIOEmbedded
import NIOWebSocket
@testable import PerpetuaServer
import Synchronization
import Testing

/// The outbound side of a stream connection without a socket: frames as NIO's decoder reads
/// them, writes through the head-of-pipeline writer, the writability rule for slow
/// consumers, the hub's pings, and the inbound activity the writer reports.
@Suite("Stream outbound")
struct StreamOutboundTests {
    @Test("a StreamFrame is one complete text frame at each header size, as NIO's decoder reads it")
    func frameEncoding() throws {
        for length in [0, 1, 125, 126, 127, 65_535, 65_536, 70_000] {
            let text = String(repeating: "é", count: length / 2) + String(repeating: "x", count: length % 2)
            let frame = StreamFrame(text)
            #expect(frame.text == text)
            let channel = EmbeddedChannel(handler: ByteToMessageHandler(WebSocketFrameDecoder(maxFrameSize: 1 << 20)))
            try channel.writeInbound(frame.bytes)
            let decoded = try #require(try channel.readInbound(as: WebSocketFrame.self), "length \(length)")
            #expect(decoded.fin && decoded.opcode == .text && decoded.maskKey == nil)
            #expect(String(buffer: decoded.data) == text)
            #expect(try channel.readInbound(as: WebSocketFrame.self) == nil)
            _ = try channel.finish()
        }
    }

    /// A connection on an embedded channel, its writer at the head of the pipeline.
    static func connection(capacity: Int) throws -> (StreamConnection, EmbeddedChannel) {
        let channel = EmbeddedChannel()
        let writer = StreamFrameWriter()
        try channel.pipeline.syncOperations.addHandler(writer, position: .first)
        let connection = StreamConnection(
            id: 1, capacity: capacity, writer: NIOLoopBound(writer, eventLoop: channel.embeddedEventLoop),
            flusher: StreamFlusher(eventLoop: channel.embeddedEventLoop))
        return (connection, channel)
    }

    static func written(_ channel: EmbeddedChannel) throws -> [String] {
        var texts: [String] = []
        while let bytes = try channel.readOutbound(as: ByteBuffer.self) {
            texts.append(StreamFrame.decoding(bytes))
        }
        return texts
    }

    @Test("queued messages go out in order on the next event-loop turn, each batch flushed")
    func writesInOrder() throws {
        let (connection, channel) = try Self.connection(capacity: 8)
        connection.send("a")
        connection.send("b")
        #expect(try Self.written(channel).isEmpty, "nothing before the flusher runs")
        channel.embeddedEventLoop.run()
        #expect(try Self.written(channel) == ["a", "b"])
        connection.send("c")
        channel.embeddedEventLoop.run()
        #expect(try Self.written(channel) == ["c"])
        #expect(connection.closeReason == nil)
    }

    @Test("while the channel is not writable messages wait; writable again, they go out; past the capacity, slow consumer")
    func writability() throws {
        let (connection, channel) = try Self.connection(capacity: 3)
        connection.send("1")
        channel.isWritable = false  // NIO holds more than its high-water mark after this write
        channel.embeddedEventLoop.run()
        #expect(try Self.written(channel) == ["1"])
        connection.send("2")
        connection.send("3")
        channel.embeddedEventLoop.run()
        #expect(try Self.written(channel).isEmpty, "blocked: the queue waits for writability")

        channel.isWritable = true
        channel.pipeline.fireChannelWritabilityChanged()
        #expect(try Self.written(channel) == ["2", "3"])
        #expect(connection.closeReason == nil)

        // Blocked again, the queue fills: the fourth message past a capacity of 3 closes it.
        channel.isWritable = false
        connection.send("4")
        channel.embeddedEventLoop.run()
        #expect(try Self.written(channel) == ["4"])
        for text in ["5", "6", "7"] { connection.send(text) }
        #expect(connection.closeReason == nil)
        connection.send("8")
        #expect(connection.closeReason == .slowConsumer)
        // The queue is dropped: nothing more goes out even when the channel drains.
        channel.isWritable = true
        channel.pipeline.fireChannelWritabilityChanged()
        channel.embeddedEventLoop.run()
        #expect(try Self.written(channel).isEmpty)
    }

    @Test("private events carry a gapless per-connection seq; after finish nothing more is queued")
    func privateSequenceAndFinish() throws {
        let (connection, channel) = try Self.connection(capacity: 8)
        connection.sendEvent("ORDER_UPDATE", eventTime: 5, data: "{}")
        connection.sendEvent("BALANCE_UPDATE", eventTime: 6, data: "{}")
        channel.embeddedEventLoop.run()
        #expect(try Self.written(channel) == [
            #"{"event":"ORDER_UPDATE","eventTime":5,"seq":1,"data":{}}"#,
            #"{"event":"BALANCE_UPDATE","eventTime":6,"seq":2,"data":{}}"#,
        ])
        connection.finish()
        connection.send("late")
        channel.embeddedEventLoop.run()
        #expect(try Self.written(channel).isEmpty)
    }

    @Test("pings go out once per interval, behind what is queued, as frames NIO's decoder reads as pings; none once closing")
    func pings() throws {
        let (connection, channel) = try Self.connection(capacity: 8)
        let opened = connection.opened
        connection.send("a")
        connection.pingIfDue(every: .seconds(20), now: opened + .seconds(19))
        connection.pingIfDue(every: .seconds(20), now: opened + .seconds(20))
        connection.pingIfDue(every: .seconds(20), now: opened + .seconds(39))
        channel.embeddedEventLoop.run()
        var frames: [ByteBuffer] = []
        while let bytes = try channel.readOutbound(as: ByteBuffer.self) { frames.append(bytes) }
        #expect(frames.count == 2, "the message, then one ping at 20 s (not at 19 s, nor again at 39 s)")
        #expect(frames.first.map(StreamFrame.decoding) == "a")
        let decoder = EmbeddedChannel(handler: ByteToMessageHandler(WebSocketFrameDecoder(maxFrameSize: 1 << 20)))
        try decoder.writeInbound(frames[1])
        let ping = try #require(try decoder.readInbound(as: WebSocketFrame.self))
        #expect(ping.fin && ping.opcode == .ping && ping.data.readableBytes == 0)
        _ = try decoder.finish()

        connection.pingIfDue(every: .seconds(20), now: opened + .seconds(40))
        channel.embeddedEventLoop.run()
        #expect(try channel.readOutbound(as: ByteBuffer.self) != nil)
        connection.close(.idle)
        connection.pingIfDue(every: .seconds(20), now: opened + .seconds(60))
        channel.embeddedEventLoop.run()
        #expect(try channel.readOutbound(as: ByteBuffer.self) == nil, "the close frame is the last thing written")
    }

    @Test("every inbound read, a pong as much as a message, is activity for the idle rule; it passes on unchanged")
    func inboundIsActivity() async throws {
        let (connection, channel) = try Self.connection(capacity: 8)
        let writer = try channel.pipeline.syncOperations.handler(type: StreamFrameWriter.self)
        writer.listener = connection
        try await Task.sleep(for: .milliseconds(5))
        let before = ContinuousClock.now
        #expect(connection.lastInbound < before)
        let pong = ByteBuffer(bytes: [0x8A, 0x80, 1, 2, 3, 4])  // a client's empty pong, masked
        try channel.writeInbound(pong)
        #expect(connection.lastInbound >= before)
        #expect(try channel.readInbound(as: ByteBuffer.self) == pong)
        // Not a message: the rate limit's window is untouched.
        #expect(connection.state.withLock { $0.windowCount } == 0)
    }
}
