import HTTPTypes
import PerpetuaEngine
import PerpetuaServer
import Hummingbird
import HummingbirdTesting
import Testing

/// Bugs the API fuzz run (scripts/api-fuzz.sh) found, each pinned by the request that showed it.
@Suite("API fuzz regressions")
struct FuzzRegressionTests {
    @Test("klines with a startTime far in the future answer an empty list (the bar arithmetic overflowed and crashed the server)")
    func klinesFromFarFuture() async throws {
        let harness = try await ServerHarness.start()
        try await harness.addBTC()
        try await harness.test { client in
            for interval in ["1m", "12h", "1w", "1M"] {
                let reply = try await client.call(
                    .get, "/v1/public/market/klines?symbol=BTCUSDT&interval=\(interval)&startTime=9223372036854775807")
                #expect(reply.status == .ok && reply.code == 0, "interval \(interval)")
                #expect(reply.array.isEmpty)
            }
        }
        await harness.stop()
    }

    @Test("an empty integer parameter is refused, not read as absent")
    func emptyIntegerParameter() async throws {
        let harness = try await ServerHarness.start()
        try await harness.test { client in
            let reply = try await client.call(.get, "/v1/public/leaderboard/pnl?limit=")
            #expect(reply.status == .badRequest && reply.code == 12001)
            #expect(reply.object["field"] as? String == "limit")
        }
        await harness.stop()
    }

    @Test("a query parameter given twice is refused, not read as its first value")
    func repeatedParameter() async throws {
        let harness = try await ServerHarness.start()
        try await harness.test { client in
            let reply = try await client.call(.get, "/v1/public/leaderboard/pnl?limit=5&limit=abc")
            #expect(reply.status == .badRequest && reply.code == 12001)
            #expect(reply.object["field"] as? String == "limit")
        }
        await harness.stop()
    }

    @Test("current funding always carries markPrice and indexPrice, null before the first index price")
    func currentFundingWithoutIndex() async throws {
        let harness = try await ServerHarness.start()
        _ = try await harness.exchange.submit(.addSymbol(ServerHarness.btc))
        harness.exchange.market.update(ServerHarness.btc)
        try await harness.test { client in
            let reply = try await client.call(.get, "/v1/public/market/funding-rate/current")
            let item = try #require((reply.object["items"] as? [[String: Any]])?.first)
            #expect(item.keys.contains("markPrice") && item.keys.contains("indexPrice"))
        }
        await harness.stop()
    }
}
