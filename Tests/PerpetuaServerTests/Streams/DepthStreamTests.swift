import Foundation
import PerpetuaClient
import PerpetuaCore
import PerpetuaEngine
import PerpetuaJournal
import PerpetuaServer
import Synchronization
import Testing

/// The `depth` channel against REST depth (API.md §6.1) over real sockets.
@Suite("Depth stream")
struct DepthStreamTests {
    /// Random trading on BTCUSDT (tick 0.1, step 0.001) by `users`, straight to the exchange.
    static func trade(_ exchange: Exchange, users: [UInt64], commands: Int, seed: UInt64) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, user) in users.enumerated() {
                group.addTask {
                    var random = SplitMix(seed: seed &+ UInt64(index) &* 7919)
                    var open: [UInt64] = []
                    for _ in 0..<commands {
                        let roll = random.next() % 100
                        let side: Side = random.next() % 2 == 0 ? .buy : .sell
                        let quantity = Quantity(units: Int64(1 + random.next() % 20) * 100_000)
                        let command: EngineCommand
                        if roll < 55 || open.isEmpty {
                            // Around 65000 ± 3: crossing sometimes, resting mostly.
                            let ticks = 650_000 + Int64(random.next() % 60) - (side == .buy ? 40 : 20)
                            command = .placeOrder(OrderRequest(
                                account: user, symbol: "BTCUSDT", side: side, type: .limit, quantity: quantity,
                                price: Price(units: ticks * 10_000_000)))
                        } else if roll < 65 {
                            command = .placeOrder(OrderRequest(
                                account: user, symbol: "BTCUSDT", side: side, type: .market, quantity: quantity, timeInForce: .ioc))
                        } else if roll < 85 {
                            let id = open.remove(at: Int(random.next() % UInt64(open.count)))
                            command = .cancelOrder(account: user, symbol: "BTCUSDT", order: .id(id))
                        } else {
                            let id = open[Int(random.next() % UInt64(open.count))]
                            let ticks = 650_000 + Int64(random.next() % 60) - 30
                            command = .amendOrder(AmendRequest(
                                account: user, symbol: "BTCUSDT", order: .id(id),
                                price: random.next() % 2 == 0 ? Price(units: ticks * 10_000_000) : nil,
                                quantity: Quantity(units: Int64(5 + random.next() % 20) * 100_000)))
                        }
                        let committed = try await exchange.submit(command)
                        if case .placeOrder(let request) = command, request.type == .limit, committed.result.error == nil,
                           let id = committed.result.orderId {
                            open.append(id)
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    static func text(bids: BookText.Levels, asks: BookText.Levels) -> String {
        BookText.text(bids: bids, asks: asks)
    }

    @Test("under concurrent random trading, the streamed book equals REST depth at every sampled seq, every checksum verifies")
    func streamEqualsREST() async throws {
        // The sampler reads depth (weight 5) as fast as it can: a slow run would empty the
        // per-address bucket and its samples (and the final read) would answer 11001.
        let server = try await LiveServer.start { $0.rateLimits.enabled = false }
        try await server.harness.addBTC()
        var users: [UInt64] = []
        for name in ["u1", "u2", "u3", "u4"] { users.append(try await server.harness.createUser(name, deposit: "10000000")) }
        // Some resting liquidity before anyone subscribes, so the snapshot is not empty.
        try await Self.trade(server.exchange, users: users, commands: 40, seed: 1)

        let rest = server.client()
        // Book kept from the stream's own snapshot, and one synced from REST plus buffered updates.
        let fromStream = Mutex(LocalOrderBook(symbol: "BTCUSDT"))
        let fromREST = Mutex(LocalOrderBook(symbol: "BTCUSDT"))
        let history = Mutex<[Int64: String]>([:])
        let failures = Mutex<[String]>([])
        let background = BackgroundStream(url: server.publicURL)
        let stream = try await background.connected()
        try await stream.subscribe([.depth("BTCUSDT")], id: 1)
        let gotSnapshot = await background.log.wait { $0.contains { if case .depth = $0 { true } else { false } } }
        #expect(gotSnapshot, "first messages: \(background.log.all.prefix(3)), connections \(server.exchange.streams.connectionCount)")
        let consumer = Task {
            var index = 0
            while !Task.isCancelled {
                let messages = background.log.all
                while index < messages.count {
                    if case .depth(let message) = messages[index] {
                        let outcome = fromStream.withLock { $0.apply(message) }
                        switch outcome {
                        case .applied(let seq):
                            let text = fromStream.withLock { Self.text(bids: $0.bidLevels, asks: $0.askLevels) }
                            history.withLock { $0[seq] = text }
                        case .stale, .buffered: break
                        default: failures.withLock { $0.append("stream book: \(outcome)") }
                        }
                        if !message.isSnapshot {
                            let second = fromREST.withLock { $0.apply(message) }
                            if case .gap = second { failures.withLock { $0.append("REST-synced book: \(second)") } }
                            if case .checksumMismatch = second { failures.withLock { $0.append("REST-synced book: \(second)") } }
                        }
                    }
                    index += 1
                }
                try? await Task.sleep(for: .milliseconds(2))
            }
        }
        // The REST-synced book: updates buffer until the snapshot arrives, then replay onto it.
        let snapshot = try await rest.depth(symbol: "BTCUSDT", limit: 1000)
        let loaded = fromREST.withLock { $0.load(snapshot) }
        if case .gap = loaded { Issue.record("REST load: \(loaded)") }

        // Trade while sampling REST depth.
        let samples = Mutex<[(Int64, String)]>([])
        let sampler = Task {
            while !Task.isCancelled {
                if let depth = try? await rest.depth(symbol: "BTCUSDT", limit: 1000) {
                    #expect(depth.hasValidChecksum)
                    samples.withLock { $0.append((depth.seq, Self.text(bids: depth.bids, asks: depth.asks))) }
                }
                try? await Task.sleep(for: .milliseconds(5))
            }
        }
        try await Self.trade(server.exchange, users: users, commands: 800, seed: 42)
        sampler.cancel()
        _ = await sampler.value

        let final = try await rest.depth(symbol: "BTCUSDT", limit: 1000)
        _ = try await eventually { fromStream.withLock({ $0.seq ?? -1 }) >= final.seq }
        consumer.cancel()
        _ = await consumer.value
        _ = await background.close()

        #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0.prefix(5) })")
        let book = fromStream.withLock { $0 }
        #expect(book.seq == final.seq)
        #expect(Self.text(bids: book.bidLevels, asks: book.askLevels) == Self.text(bids: final.bids, asks: final.asks))
        let second = fromREST.withLock { $0 }
        #expect(second.seq == final.seq)
        #expect(Self.text(bids: second.bidLevels, asks: second.askLevels) == Self.text(bids: final.bids, asks: final.asks))
        #expect(book.verifiedUpdates >= 2000, "only \(book.verifiedUpdates) updates")
        #expect(book.resyncs == 0)
        // Every REST read lines up with a streamed state at the same seq.
        let recorded = history.withLock { $0 }
        let sampled = samples.withLock { $0 }
        var compared = 0
        for (seq, text) in sampled {
            guard let streamed = recorded[seq] else {
                Issue.record("REST seq \(seq) never appeared on the stream")
                continue
            }
            #expect(streamed == text, "seq \(seq)")
            compared += 1
        }
        #expect(compared >= 20, "only \(compared) REST samples")
        await server.stop()
    }

    @Test("depth5 and depth20 send top-N snapshots when the book changed; a second subscriber gets the same book")
    func topLevels() async throws {
        let server = try await LiveServer.start()
        try await server.harness.addBTC()
        let user = try await server.harness.createUser("maker", deposit: "10000000")
        for i in 0..<30 {
            _ = try await server.exchange.submit(.placeOrder(OrderRequest(
                account: user, symbol: "BTCUSDT", side: .buy, type: .limit, quantity: Quantity(units: 100_000),
                price: Price(units: Int64(649_000 - i) * 10_000_000))))
        }
        let background = BackgroundStream(url: server.publicURL)
        let stream = try await background.connected()
        try await stream.subscribe([StreamArgument(channel: "depth5", symbol: "BTCUSDT"), StreamArgument(channel: "depth20", symbol: "BTCUSDT")], id: 7)
        #expect(await background.log.wait { messages in messages.filter { if case .depth = $0 { true } else { false } }.count >= 2 })
        _ = try await server.exchange.submit(.placeOrder(OrderRequest(
            account: user, symbol: "BTCUSDT", side: .buy, type: .limit, quantity: Quantity(units: 100_000),
            price: Price(units: 649_100 * 10_000_000))))
        #expect(await background.log.wait { messages in messages.filter { if case .depth = $0 { true } else { false } }.count >= 4 })
        let depth = background.log.depth
        let five = depth.filter { $0.channel == "depth5" }
        let twenty = depth.filter { $0.channel == "depth20" }
        #expect(five.allSatisfy { $0.data.bids.count == 5 && $0.isSnapshot })
        #expect(twenty.allSatisfy { $0.data.bids.count == 20 })
        #expect(five.last?.data.bids.first?.price == "64910.0")
        #expect(five.allSatisfy { Depth.checksum(bids: $0.data.bids, asks: $0.data.asks) == $0.data.checksum })
        let replies = background.log.replies
        #expect(replies.count == 2 && replies.allSatisfy { $0.event == "subscribe" && $0.id == .number("7") })
        _ = await background.close()
        await server.stop()
    }
}

/// A small deterministic generator for the random trading.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
