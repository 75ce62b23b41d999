import Foundation
import Logging
import PerpetuaCore
import PerpetuaEngine
import PerpetuaJournal
import PerpetuaServer
import Testing

/// The index feeds: a CSV replay that follows the exchange clock (manual here), the
/// simulated random walk without the demo's market maker, and the operator feed left alone.
@Suite("Index feeds")
struct IndexFeedTests {
    static func index(_ harness: ServerHarness, _ symbol: String = "BTCUSDT") async throws -> Price? {
        try await harness.exchange.read { $0.market(symbol)?.indexPrice }
    }

    static func csvFile(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("perpetua-index-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("replay sets the price of the last row the exchange clock has reached, and nothing before its time")
    func replayFollowsTheClock() async throws {
        let t0 = ServerHarness.startTime
        let path = try Self.csvFile("""
            time,symbol,price
            \(t0 + 5_000),BTCUSDT,65100
            \(t0 + 10_000),BTCUSDT,65200.5
            \(t0 + 20_000),BTCUSDT,65300
            \(t0 + 20_000),BTCUSDT,65350
            # a comment, then a symbol the exchange does not list
            \(t0 + 1_000),XRPUSDT,0.5
            """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let harness = try await ServerHarness.start()
        try await harness.addBTC(index: "65000")  // the clock is now t0 + 1 s
        var settings = IndexFeedSettings()
        settings.defaultMode = .replay
        settings.replayFile = path
        let feed = try IndexFeed(exchange: harness.exchange, settings: settings, logger: Logger(label: "test"))

        #expect(try await feed.step().isEmpty)  // t0 + 1 s: no BTCUSDT row is due yet
        #expect(try await Self.index(harness) == ServerHarness.price("65000"))

        try await harness.exchange.sequencer.advanceClock(to: t0 + 12_000)  // two rows due: the later holds
        #expect(try await feed.step() == ["BTCUSDT": ServerHarness.price("65200.5")])
        #expect(try await Self.index(harness) == ServerHarness.price("65200.5"))
        #expect(try await feed.step().isEmpty)  // nothing new until the clock moves

        // An operator price in between is overridden only by the next due row.
        _ = try await harness.exchange.submit(.setIndexPrice(symbol: "BTCUSDT", price: ServerHarness.price("64000")))
        try await harness.exchange.sequencer.advanceClock(to: t0 + 19_999)
        #expect(try await feed.step().isEmpty)
        #expect(try await Self.index(harness) == ServerHarness.price("64000"))
        try await harness.exchange.sequencer.advanceClock(to: t0 + 20_000)
        #expect(try await feed.step() == ["BTCUSDT": ServerHarness.price("65350")])  // equal times: the later line wins
        await harness.stop()
    }

    @Test("the simulated feed walks a symbol's index on its tick grid, reproducibly from its seed, with no market maker")
    func simulatedWalk() async throws {
        var walks: [[Price]] = []
        for _ in 0..<2 {
            let harness = try await ServerHarness.start()
            try await harness.addBTC(index: "65000")
            var settings = IndexFeedSettings()
            settings.symbols["BTCUSDT"] = .simulated
            settings.seed = 7
            let feed = try IndexFeed(exchange: harness.exchange, settings: settings, logger: Logger(label: "test"))
            var prices: [Price] = []
            for _ in 0..<50 {
                let step = try await feed.step()
                let price = try #require(step["BTCUSDT"])
                #expect(try await Self.index(harness) == price)
                #expect(price.units % ServerHarness.btc.tickSize.units == 0)
                prices.append(price)
            }
            walks.append(prices)
            // About 0.01 % a step: after 50 steps the walk stays within a few percent.
            let last = try #require(prices.last)
            #expect(abs(last.units - ServerHarness.price("65000").units) < ServerHarness.price("3000").units)
            #expect(Set(prices).count > 10, "the walk moves")
            // No orders: nothing but the index changed.
            #expect(try await harness.exchange.read { $0.market("BTCUSDT")?.lastPrice } == nil)
            await harness.stop()
        }
        #expect(walks[0] == walks[1], "the same seed gives the same walk")
    }

    @Test("symbols on the operator feed are left alone")
    func operatorFeed() async throws {
        let harness = try await ServerHarness.start()
        try await harness.addBTC(index: "65000")
        var settings = IndexFeedSettings()
        settings.symbols["ETHUSDT"] = .simulated
        #expect(IndexFeed.isNeeded(settings))
        #expect(!IndexFeed.isNeeded(IndexFeedSettings()))
        let feed = try IndexFeed(exchange: harness.exchange, settings: settings, logger: Logger(label: "test"))
        #expect(try await feed.step().isEmpty)
        #expect(try await Self.index(harness) == ServerHarness.price("65000"))
        await harness.stop()
    }

    @Test("a bad replay file is refused with its line number")
    func badFiles() throws {
        #expect(throws: IndexReplayError(line: 2, message: "expected time,symbol,price, got 2 fields")) {
            try IndexReplaySchedule(csv: "time,symbol,price\n1000,BTCUSDT\n")
        }
        #expect(throws: IndexReplayError(line: 1, message: "time must be milliseconds since the epoch, got \"yesterday\"")) {
            try IndexReplaySchedule(csv: "yesterday,BTCUSDT,1\n")
        }
        #expect(throws: IndexReplayError(line: 3, message: "price must be a decimal such as 65000.5, got \"6.5e4\"")) {
            try IndexReplaySchedule(csv: "time,symbol,price\n1,BTCUSDT,65000\n2,BTCUSDT,6.5e4\n")
        }
        #expect(throws: IndexReplayError(line: 1, message: "price must be positive")) {
            try IndexReplaySchedule(csv: "1,BTCUSDT,0\n")
        }
        let schedule = try IndexReplaySchedule(csv: "2000,btcusdt,2\n1000,BTCUSDT,1\n")
        #expect(schedule.points["BTCUSDT"]?.map(\.time) == [1000, 2000])
    }
}
