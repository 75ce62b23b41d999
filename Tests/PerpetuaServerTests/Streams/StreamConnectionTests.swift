import Foundation
import NIOCore
import NIOPosix
import PerpetuaClient
import PerpetuaCore
import PerpetuaEngine
import PerpetuaJournal
import PerpetuaServer
import Synchronization
import Testing

/// Connection discipline of API.md §6.1: replies and errors, limits, slow consumers.
@Suite("Stream connections")
struct StreamConnectionTests {
    @Test("malformed and invalid messages get error replies with the request id; the connection keeps working")
    func malformedMessages() async throws {
        let server = try await LiveServer.start { $0.streams.maxMessagesPerSecond = 100 }
        try await server.harness.addBTC()
        let background = BackgroundStream(url: server.publicURL)
        let stream = try await background.connected()
        let bad = [
            "hello",
            "{}",
            #"{"op":"subscribe","id":3}"#,
            #"{"op":"subscribe","id":4,"args":[{"channel":"nope","symbol":"BTCUSDT"}]}"#,
            #"{"op":"subscribe","id":5,"args":[{"channel":"depth","symbol":"btc-usdt"}]}"#,
            #"{"op":"subscribe","id":6,"args":[{"channel":"kline","symbol":"BTCUSDT","interval":"7m"}]}"#,
            #"{"op":"unsubscribe","id":"u-7","args":[{"channel":"trades","symbol":"BTCUSDT"}]}"#,
            #"{"op":"subscribe","id":8,"args":[{"channel":"depth"}]}"#,
            #"{"op":"dance","id":9,"args":[]}"#,
            #"[1,2,3]"#,
        ]
        for text in bad { try await stream.sendText(text) }
        try await stream.ping()
        try await stream.subscribe([StreamArgument(channel: "trades", symbol: "BTCUSDT")], id: 10)
        #expect(await background.log.wait { $0.contains(.pong) && $0.contains { if case .reply = $0 { true } else { false } } })
        let errors = background.log.errors
        #expect(errors.count == bad.count)
        #expect(errors.map(\.id) == [.null, .null, .number("3"), .number("4"), .number("5"), .number("6"), .string("u-7"), .number("8"), .number("9"), .null])
        #expect(errors.map(\.code) == [12001, 12001, 12001, 12001, 12002, 12001, 12001, 12001, 12001, 12001])
        #expect(errors[4].message.contains("did you mean BTCUSDT"))
        #expect(errors[3].message.contains("depth"))
        let reply = background.log.replies.first
        #expect(reply?.event == "subscribe" && reply?.id == .number("10"))
        #expect(reply?.arg.channel == .string("trades") && reply?.arg.symbol == .string("BTCUSDT"))
        _ = await background.close()
        await server.stop()
    }

    @Test("at most N subscriptions; past the message rate an error, past twice the rate the connection closes (1008)")
    func limits() async throws {
        let server = try await LiveServer.start { $0.streams.maxSubscriptions = 3 }
        try await server.harness.addBTC()
        let background = BackgroundStream(url: server.publicURL)
        let stream = try await background.connected()
        try await stream.subscribe(
            [StreamArgument(channel: "depth", symbol: "BTCUSDT"), StreamArgument(channel: "trades", symbol: "BTCUSDT"),
             StreamArgument(channel: "ticker", symbol: "BTCUSDT")], id: 1)
        try await stream.subscribe([StreamArgument(channel: "markPrice", symbol: "BTCUSDT")], id: 2)
        #expect(await background.log.wait { !$0.isEmpty && background.log.errors.count == 1 })
        #expect(background.log.replies.count == 3)
        #expect(background.log.errors.first?.id == .number("2"))
        #expect(background.log.errors.first?.message.contains("at most 3 subscriptions") == true)
        // Unsubscribing frees a slot.
        try await stream.unsubscribe([StreamArgument(channel: "trades", symbol: "BTCUSDT")], id: 3)
        try await stream.subscribe([StreamArgument(channel: "markPrice", symbol: "BTCUSDT")], id: 4)
        #expect(await background.log.wait { _ in background.log.replies.count == 5 })
        #expect(background.log.replies.map(\.event) == ["subscribe", "subscribe", "subscribe", "unsubscribe", "subscribe"])
        try await Task.sleep(for: .milliseconds(1100))

        // 10 per second: 15 pings in a burst give 8 pongs (2 messages were already counted? no: a
        // new window) — count what the server says rather than assume the window edge.
        for _ in 0..<15 { try await stream.ping() }
        #expect(await background.log.wait { _ in background.log.errors.contains { $0.code == 11001 } })
        let rateErrors = background.log.errors.filter { $0.code == 11001 }
        #expect(!rateErrors.isEmpty && rateErrors.count <= 5)
        #expect(rateErrors.first?.message.contains("messages per second") == true)
        // Past twice the limit within a second: closed as abuse.
        for _ in 0..<25 { try? await stream.ping() }
        let closed = await background.closedByServer()
        #expect(closed??.code == 1008)
        #expect(closed??.reason == "too many messages")
        await server.stop()
    }

    @Test("a slow consumer is disconnected (1008 slow consumer) while another subscriber keeps every update")
    func slowConsumer() async throws {
        let server = try await LiveServer.start { $0.streams.bufferCapacity = 64 }
        try await server.harness.addBTC()
        let user = try await server.harness.createUser("maker", deposit: "100000000")
        let fast = BackgroundStream(url: server.publicURL)
        try await fast.connected().subscribe([.depth("BTCUSDT")], id: 1)
        let slow = try await RawSlowClient.connect(port: server.port, subscribe: #"{"op":"subscribe","id":1,"args":[{"channel":"depth","symbol":"BTCUSDT"}]}"#)
        #expect(await fast.log.wait { !$0.isEmpty })
        try await Task.sleep(for: .milliseconds(200))
        #expect(server.exchange.streams.connectionCount == 2)

        // Sequential orders (one command per batch): each moves the book.
        var placed = 0
        while server.exchange.streams.slowConsumers == 0, placed < 20_000 {
            _ = try await server.exchange.submit(.placeOrder(OrderRequest(
                account: user, symbol: "BTCUSDT", side: placed % 2 == 0 ? .buy : .sell, type: .limit,
                quantity: Quantity(units: 100_000),
                price: Price(units: Int64(placed % 2 == 0 ? 640_000 - placed % 500 : 660_000 + placed % 500) * 10_000_000))))
            placed += 1
        }
        #expect(server.exchange.streams.slowConsumers == 1)
        // The slow client reads again: what was queued, then the close frame.
        let closeFrame = try await slow.readUntilClose(seconds: 10)
        #expect(closeFrame?.code == 1008)
        #expect(closeFrame?.reason == "slow consumer")
        // The fast one is still connected and saw every update in order.
        for _ in 0..<20 {
            _ = try await server.exchange.submit(.placeOrder(OrderRequest(
                account: user, symbol: "BTCUSDT", side: .buy, type: .limit, quantity: Quantity(units: 100_000),
                price: Price(units: Int64(630_000 - placed % 500) * 10_000_000))))
            placed += 1
        }
        let finalSeq = Int64(try await server.exchange.read { $0.market("BTCUSDT")!.depthSequence })
        #expect(await fast.log.wait { _ in fast.log.depth.last?.data.seq == finalSeq })
        var book = LocalOrderBook(symbol: "BTCUSDT")
        for message in fast.log.depth {
            let outcome = book.apply(message)
            if case .applied = outcome {} else { Issue.record("fast subscriber: \(outcome)") }
        }
        #expect(book.seq == finalSeq)
        #expect(server.exchange.streams.connectionCount == 1)
        _ = await fast.close()
        await slow.close()
        await server.stop()
    }
}

/// A WebSocket client that speaks the handshake by hand on a socket with a tiny receive
/// buffer and then stops reading, so that the server's writes back up.
final class RawSlowClient: Sendable {
    let channel: any Channel
    let received: Mutex<[UInt8]>

    private init(channel: any Channel) {
        self.channel = channel
        self.received = Mutex([])
    }

    final class Collector: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        let sink: @Sendable ([UInt8]) -> Void
        init(sink: @escaping @Sendable ([UInt8]) -> Void) { self.sink = sink }
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let buffer = unwrapInboundIn(data)
            sink(Array(buffer.readableBytesView))
        }
    }

    static func connect(port: Int, subscribe: String) async throws -> RawSlowClient {
        let box = ReceivedBox()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.socketOption(.so_rcvbuf), value: 2048)
            .channelOption(.autoRead, value: false)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Collector { bytes in box.append(bytes) })
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        let client = RawSlowClient(channel: channel)
        box.target = client
        var request = ByteBuffer()
        request.writeString("GET /v1/ws/public HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        let payload = Array(subscribe.utf8)
        let mask: [UInt8] = [1, 2, 3, 4]
        request.writeInteger(UInt8(0x81))
        request.writeInteger(UInt8(0x80 | 126))
        request.writeInteger(UInt16(payload.count))
        request.writeBytes(mask)
        request.writeBytes(payload.enumerated().map { $0.element ^ mask[$0.offset % 4] })
        try await channel.writeAndFlush(request)
        return client
    }

    /// Starts reading and returns the close frame's code and reason once it arrives.
    func readUntilClose(seconds: Double) async throws -> (code: Int, reason: String)? {
        try await channel.setOption(.autoRead, value: true)
        channel.read()
        let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        while ContinuousClock.now < deadline {
            if let frame = Self.findClose(received.withLock { $0 }) { return frame }
            try await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    /// Walks the frames after the HTTP response and returns the first close frame.
    static func findClose(_ bytes: [UInt8]) -> (code: Int, reason: String)? {
        let marker = Array("\r\n\r\n".utf8)
        var start: Int?
        if bytes.count >= 4 {
            for i in 0...(bytes.count - 4) where Array(bytes[i..<i + 4]) == marker {
                start = i + 4
                break
            }
        }
        guard var i = start else { return nil }
        while i + 2 <= bytes.count {
            let opcode = bytes[i] & 0x0F
            var length = Int(bytes[i + 1] & 0x7F)
            var header = 2
            if length == 126 {
                guard i + 4 <= bytes.count else { return nil }
                length = Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
                header = 4
            } else if length == 127 {
                guard i + 10 <= bytes.count else { return nil }
                length = (2..<10).reduce(0) { $0 << 8 | Int(bytes[i + $1]) }
                header = 10
            }
            guard i + header + length <= bytes.count else { return nil }
            if opcode == 0x8 {
                let body = Array(bytes[(i + header)..<(i + header + length)])
                guard body.count >= 2 else { return (1005, "") }
                return (Int(body[0]) << 8 | Int(body[1]), String(decoding: body[2...], as: UTF8.self))
            }
            i += header + length
        }
        return nil
    }

    func close() async { try? await channel.close() }
}

/// Forwards bytes from the channel handler to the client once it exists.
final class ReceivedBox: @unchecked Sendable {
    private let lock = NSLock()
    private var pending: [UInt8] = []
    var target: RawSlowClient? {
        didSet {
            lock.lock(); defer { lock.unlock() }
            if let target { target.received.withLock { $0 += pending }; pending = [] }
        }
    }

    func append(_ bytes: [UInt8]) {
        lock.lock(); defer { lock.unlock() }
        if let target { target.received.withLock { $0 += bytes } } else { pending += bytes }
    }
}
