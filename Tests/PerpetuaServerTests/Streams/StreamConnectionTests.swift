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
            // Over 16 KiB in one frame: refused by its size, not parsed.
            #"{"op":"subscribe","id":11,"args":[{"channel":"trades","symbol":"BTCUSDT"}],"pad":""# + String(repeating: "x", count: 17_000) + #""}"#,
        ]
        for text in bad { try await stream.sendText(text) }
        try await stream.ping()
        try await stream.subscribe([StreamArgument(channel: "trades", symbol: "BTCUSDT")], id: 10)
        #expect(await background.log.wait { $0.contains(.pong) && $0.contains { if case .reply = $0 { true } else { false } } })
        let errors = background.log.errors
        #expect(errors.count == bad.count)
        #expect(errors.map(\.id) == [.null, .null, .number("3"), .number("4"), .number("5"), .number("6"), .string("u-7"), .number("8"), .number("9"), .null, .null])
        #expect(errors.map(\.code) == [12001, 12001, 12001, 12001, 12002, 12001, 12001, 12001, 12001, 12001, 12001])
        #expect(errors.last?.message.contains("larger than 16384") == true)
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
        // The rate windows are read from a clock the test moves, so that every burst below
        // falls in one window however slowly the machine delivers it.
        let clock = Mutex(ContinuousClock.now)
        let server = try await LiveServer.start {
            $0.streams.maxSubscriptions = 3
            $0.streams.inboundClock = { clock.withLock { $0 } }
        }
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

        // A new window (the connection's first one started by the wall clock when it
        // opened): 10 messages per second pass, the next 5 of 15 pings get an error.
        clock.withLock { $0 = ContinuousClock.now + .seconds(1) }
        for _ in 0..<14 { try await stream.ping() }
        // The 15th is a request: its refusal names its id.
        try await stream.unsubscribe([StreamArgument(channel: "depth", symbol: "BTCUSDT")], id: 15)
        #expect(await background.log.wait { _ in background.log.errors.filter { $0.code == 11001 }.count == 5 })
        #expect(await background.log.wait { $0.filter { $0 == .pong }.count == 10 })
        let rateErrors = background.log.errors.filter { $0.code == 11001 }
        #expect(rateErrors.count == 5)
        #expect(rateErrors.first?.message.contains("messages per second") == true)
        #expect(rateErrors.map(\.id) == [.null, .null, .null, .null, .number("15")])
        // Within the same window, the 21st message is abuse: the connection closes.
        for _ in 0..<6 { try? await stream.ping() }
        let closed = await background.closedByServer()
        #expect(closed??.code == 1008)
        #expect(closed??.reason == "too many messages")
        #expect(background.log.errors.filter { $0.code == 11001 }.count == 10, "the 16th to 20th get errors, the 21st closes")
        await server.stop()
    }

    @Test("a slow consumer is disconnected (1008 slow consumer) while another subscriber keeps every update")
    func slowConsumer() async throws {
        // The slow connection holds every write after its subscribe reply (id 777), as if
        // its socket never drained: its bounded queue (8 messages) fills while the hub keeps
        // publishing, and the hub must close it without waiting.
        let stalled = StalledConnections()
        let server = try await LiveServer.start { configuration in
            configuration.streams.bufferCapacity = 8
            configuration.streams.holdsWrite = { id, text in
                if text.hasPrefix(#"{"event":"subscribe","id":777,"#) {
                    stalled.add(id)
                    return false
                }
                return stalled.contains(id)
            }
        }
        try await server.harness.addBTC()
        let user = try await server.harness.createUser("maker", deposit: "100000000")
        let fast = BackgroundStream(url: server.publicURL)
        try await fast.connected().subscribe([.depth("BTCUSDT")], id: 1)
        let slow = BackgroundStream(url: server.publicURL)
        try await slow.connected().subscribe([.depth("BTCUSDT")], id: 777)
        #expect(await fast.log.wait { !$0.isEmpty })
        #expect(await slow.log.wait { !$0.isEmpty })
        try await Task.sleep(for: .milliseconds(200))
        #expect(server.exchange.streams.connectionCount == 2)
        #expect(stalled.count == 1)

        // Sequential orders (one command per batch): each moves the book.
        var placed = 0
        func place(_ side: Side, ticks: Int) async throws {
            _ = try await server.exchange.submit(.placeOrder(OrderRequest(
                account: user, symbol: "BTCUSDT", side: side, type: .limit, quantity: Quantity(units: 100_000),
                price: Price(units: Int64(ticks) * 10_000_000))))
            placed += 1
        }
        while server.exchange.streams.slowConsumers == 0, placed < 200 {
            try await place(placed % 2 == 0 ? .buy : .sell, ticks: placed % 2 == 0 ? 640_000 - placed : 660_000 + placed)
        }
        #expect(server.exchange.streams.slowConsumers == 1)
        #expect(placed < 50, "the 8-message queue overflowed only after \(placed) updates")
        let closed = await slow.closedByServer()
        #expect(closed??.code == 1008)
        #expect(closed??.reason == "slow consumer")
        // Nothing after the subscribe reply reached the stalled client (the hook held the snapshot).
        #expect(slow.log.depth.isEmpty)

        // The fast one is still connected and saw every update in order.
        for _ in 0..<20 { try await place(.buy, ticks: 630_000 - placed) }
        let finalSeq = Int64(try await server.exchange.read { $0.market("BTCUSDT")!.depthSequence })
        #expect(await fast.log.wait { _ in fast.log.depth.last?.data.seq == finalSeq })
        var book = LocalOrderBook(symbol: "BTCUSDT")
        for message in fast.log.depth {
            let outcome = book.apply(message)
            if case .applied = outcome {} else { Issue.record("fast subscriber: \(outcome)") }
        }
        #expect(book.seq == finalSeq)
        #expect(fast.log.depth.count == placed + 1)
        #expect(server.exchange.streams.connectionCount == 1)
        _ = await fast.close()
        await server.stop()
    }
}

/// Connection ids whose writer the slow-consumer test stalls.
final class StalledConnections: Sendable {
    private let ids = Mutex<Set<UInt64>>([])
    func add(_ id: UInt64) { ids.withLock { _ = $0.insert(id) } }
    func contains(_ id: UInt64) -> Bool { ids.withLock { $0.contains(id) } }
    var count: Int { ids.withLock { $0.count } }
}
