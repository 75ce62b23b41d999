import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PerpetuaCore
import PerpetuaEngine
import PerpetuaJournal
import PerpetuaServer
import Testing

/// Regressions: settling funding for every symbol now, and counting strategy legs as orders.
@Suite("Operator funding settlement and strategy order weight")
struct FundingAndStrategyLimitTests {
    @Test("funding/settle without a symbol settles every symbol now")
    func settleAllFundingNow() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            try await client.place(orderJSON("SELL", "0.010", price: "65000.0"), t.aliceKey)
            try await client.place(orderJSON("BUY", "0.010"), t.bobKey)
            // API.md §8: `{symbol?}` "settles funding now". Without a symbol the route sends the
            // timer's command, which settles only symbols already due (none before 08:00), so
            // the answer is [] and nobody pays.
            let all = try await client.admin(.post, "/v1/admin/funding/settle", body: "{}")
            #expect(all.code == 0)
            #expect(all.array.compactMap { $0.string("symbol") } == ["BTCUSDT"])
            #expect(all.array.first?.string("fundingRate") == "0.0001")
            // 0.010 × 65000 × 0.0001 = 0.065 from bob.
            let bob = try await client.call(.get, "/v1/private/user/account-change-log?type=FUNDING_FEE", credentials: t.bobKey)
            #expect(bob.items.compactMap { $0.string("amount") } == ["-0.065"])
        }
        await t.harness.stop()
    }

    @Test("an OCO strategy counts its two orders against the order rate limit, not three")
    func ocoOrderWeight() async throws {
        let t = try await Traders.start { $0.rateLimits.ordersPerUser = BucketSettings(capacity: 3, windowSeconds: 10) }
        try await t.harness.test { client in
            let stopLeg = #"{"symbol":"BTCUSDT","side":"SELL","type":"STOP_MARKET","triggerPrice":"63000.0","quantity":"0.010"}"#
            let oco = #"{"type":"OCO","legs":[\#(orderJSON("SELL", "0.010", price: "67000.0")),\#(stopLeg)]}"#
            let placed = try await client.call(.post, "/v1/private/order/place-strategy", body: oco, credentials: t.aliceKey)
            #expect(placed.code == 0)
            // Two legs, two orders (API.md §4: each order counts): one of three left. The route
            // charges 1 + legs.count = 3, as if an OCO had a working order too.
            #expect(placed.headers[HTTPField.Name("X-RateLimit-Remaining")!] == "1")
            let next = try await client.call(
                .post, "/v1/private/order/place", body: orderJSON("BUY", "0.001", price: "64000.0"), credentials: t.aliceKey)
            #expect(next.code == 0)
        }
        await t.harness.stop()
    }
}
