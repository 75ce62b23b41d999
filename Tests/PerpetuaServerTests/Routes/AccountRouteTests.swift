import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PerpetuaCore
import PerpetuaEngine
import PerpetuaJournal
import PerpetuaServer
import Testing

/// The account endpoints of API.md §5.2 and the leaderboard. Fees on BTCUSDT: maker 0.0002,
/// taker 0.0005 of the notional.
@Suite("Account routes")
struct AccountRouteTests {
    /// 2026-01-06 00:00 UTC: the first midnight after ``ServerHarness/startTime``.
    static let midnight = ServerHarness.startTime + 86_400_000

    @Test("asset after a deposit, an open position, a mark move and a close")
    func asset() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            let start = try await client.call(.get, "/v1/private/user/asset", credentials: t.bobKey)
            #expect(start.status == .ok && start.code == 0)
            #expect(start.object.string("asset") == "USDT")
            #expect(start.object.string("walletBalance") == "100000" && start.object.string("availableBalance") == "100000")

            // Bob buys 0.010 at 65000.0 as taker: fee 0.325.
            try await client.place(orderJSON("SELL", "0.010", price: "65000.0"), t.aliceKey)
            try await client.place(orderJSON("BUY", "0.010"), t.bobKey)
            let open = try await client.call(.get, "/v1/private/user/asset", credentials: t.bobKey)
            #expect(open.object.string("walletBalance") == "99999.675")
            #expect(open.object.string("unrealizedPnl") == "0")
            #expect(open.object.string("marginBalance") == "99999.675")
            // 650 / 20 = 32.5 of position margin; 650 × 0.004 = 2.6 of maintenance.
            #expect(open.object.string("positionInitialMargin") == "32.5")
            #expect(open.object.string("orderInitialMargin") == "0")
            #expect(open.object.string("maintenanceMargin") == "2.6")
            #expect(open.object.string("availableBalance") == "99967.175")
            // 2.6 / 99999.675 = 0.0000260000845…, rounded up: 0.00002601.
            #expect(open.object.string("marginRatio") == "0.00002601")
            // Alice, maker: 100000 − 0.13.
            let alice = try await client.call(.get, "/v1/private/user/asset", credentials: t.aliceKey)
            #expect(alice.object.string("walletBalance") == "99999.87")

            // An open order ties up its margin: 0.010 × 64000 / 20 = 32.
            let carol = try await t.user("carol", deposit: "1000")
            try await client.place(orderJSON("BUY", "0.010", price: "64000.0"), carol.key)
            let ordering = try await client.call(.get, "/v1/private/user/asset", credentials: carol.key)
            #expect(ordering.object.string("orderInitialMargin") == "32")
            #expect(ordering.object.string("availableBalance") == "968")

            // Index 65500; with one side of the book only, the mark becomes
            // median(65500, 65500, last 65000) = 65500: bob gains 0.010 × 500 = 5.
            #expect(try await client.admin(.post, "/v1/admin/index-price", body: #"{"symbol":"BTCUSDT","price":"65500"}"#).code == 0)
            try await t.harness.exchange.sequencer.advanceClock(by: 1000)
            let marked = try await client.call(.get, "/v1/private/user/asset", credentials: t.bobKey)
            #expect(marked.object.string("walletBalance") == "99999.675")
            #expect(marked.object.string("unrealizedPnl") == "5")
            #expect(marked.object.string("marginBalance") == "100004.675")
            // 655 / 20 = 32.75; 655 × 0.004 = 2.62.
            #expect(marked.object.string("positionInitialMargin") == "32.75")
            #expect(marked.object.string("maintenanceMargin") == "2.62")

            // Bob closes at 65100.0 into alice's bid: +1 realised, 0.3255 fee.
            try await client.place(orderJSON("BUY", "0.010", price: "65100.0"), t.aliceKey)
            try await client.place(orderJSON("SELL", "0.010"), t.bobKey)
            let closed = try await client.call(.get, "/v1/private/user/asset", credentials: t.bobKey)
            #expect(closed.object.string("walletBalance") == "100000.3495")
            #expect(closed.object.string("unrealizedPnl") == "0" && closed.object.string("positionInitialMargin") == "0")
            #expect(closed.object.string("marginBalance") == "100000.3495")

            let anonymous = try await client.call(.get, "/v1/private/user/asset")
            #expect(anonymous.status == .unauthorized && anonymous.code == 10003)
            // A TRADE-only key cannot read the account.
            let trader = try await t.harness.createApiKey(userId: t.bob, permissions: ["TRADE"])
            let denied = try await client.call(.get, "/v1/private/user/asset", credentials: trader)
            #expect(denied.status == .forbidden && denied.code == 10007)
        }
        await t.harness.stop()
    }

    @Test("account change log: DEPOSIT, TRADE_FEE and REALIZED_PNL rows, type filter")
    func changeLog() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            try await client.place(orderJSON("SELL", "0.010", price: "65000.0"), t.aliceKey)
            try await client.place(orderJSON("BUY", "0.010"), t.bobKey)
            try await client.place(orderJSON("BUY", "0.010", price: "65100.0"), t.aliceKey)
            try await client.place(orderJSON("SELL", "0.010"), t.bobKey)

            let reply = try await client.call(.get, "/v1/private/user/account-change-log", credentials: t.bobKey)
            #expect(reply.status == .ok && reply.code == 0)
            let rows = reply.items
            // Change ids: 1 alice's deposit, 2 bob's; trade 1: 3 alice's fee, 4 bob's; trade 2:
            // 5, 6 alice's PnL and fee, 7, 8 bob's. Same time: newest id first.
            #expect(rows.compactMap { $0.string("id") } == ["8", "7", "4", "2"])
            #expect(rows.compactMap { $0.string("type") } == ["TRADE_FEE", "REALIZED_PNL", "TRADE_FEE", "DEPOSIT"])
            #expect(rows.compactMap { $0.string("amount") } == ["-0.3255", "1", "-0.325", "100000"])
            #expect(rows.compactMap { $0.string("balanceAfter") } == ["100000.3495", "100000.675", "99999.675", "100000"])
            #expect(rows.compactMap { $0.string("refId") }.prefix(3) == ["2", "2", "1"])
            #expect(rows.allSatisfy { $0.string("asset") == "USDT" && $0.int("time") == at(1000) })
            #expect(rows[0].string("symbol") == "BTCUSDT" && rows[3].isNull("symbol"))
            #expect(reply.isNull("nextCursor"))

            let fees = try await client.call(.get, "/v1/private/user/account-change-log?type=TRADE_FEE", credentials: t.bobKey)
            #expect(fees.items.compactMap { $0.string("amount") } == ["-0.3255", "-0.325"])
            let pnl = try await client.call(.get, "/v1/private/user/account-change-log?type=REALIZED_PNL", credentials: t.aliceKey)
            #expect(pnl.items.compactMap { $0.string("amount") } == ["-1"])
            let paged = try await client.call(.get, "/v1/private/user/account-change-log?limit=3", credentials: t.bobKey)
            let cursor = try #require(paged.nextCursor)
            let rest = try await client.call(.get, "/v1/private/user/account-change-log?limit=3&cursor=\(cursor)", credentials: t.bobKey)
            #expect(rest.items.compactMap { $0.string("id") } == ["2"])

            let bad = try await client.call(.get, "/v1/private/user/account-change-log?type=BONUS", credentials: t.bobKey)
            #expect(bad.status == .badRequest && bad.code == 12001 && bad.field == "type")
            let lower = try await client.call(.get, "/v1/private/user/account-change-log?type=deposit", credentials: t.bobKey)
            #expect(lower.status == .badRequest && lower.code == 12001)
            let badTime = try await client.call(.get, "/v1/private/user/account-change-log?startTime=abc", credentials: t.bobKey)
            #expect(badTime.code == 12001 && badTime.field == "startTime")
        }
        await t.harness.stop()
    }

    @Test("volume stats, balance history, trade overview and asset overview after a daily rollover")
    func dailyFigures() async throws {
        // 23:58 the day before the first midnight: funding (8-hourly) and the rollover both fall
        // at 00:00, two minutes of manual clock away.
        let t = try await Traders.start { $0.clock = .manual(startingAt: Self.midnight - 120_000) }
        try await t.harness.test { client in
            // Bob buys 0.010 at 65000.0 (taker: 0.325), alice sells (maker: 0.13).
            try await client.place(orderJSON("SELL", "0.010", price: "65000.0"), t.aliceKey)
            try await client.place(orderJSON("BUY", "0.010"), t.bobKey)
            try await t.harness.exchange.sequencer.advanceClock(to: Self.midnight + 1000)
            // Funding at 00:00: no premium (empty book), so the rate is the interest 0.0001;
            // bob's long pays 0.010 × 65000 × 0.0001 = 0.065 to alice. Then the rollover
            // closes 2026-01-05 with bob's wallet at 100000 − 0.325 − 0.065 = 99999.61.

            let balances = try await client.call(.get, "/v1/private/user/balance-history", credentials: t.bobKey)
            #expect(balances.status == .ok && balances.code == 0)
            try #require(balances.array.count == 1)
            #expect(balances.array[0].string("date") == "2026-01-05")
            #expect(balances.array[0].string("walletBalance") == "99999.61")
            #expect(balances.array[0].string("marginBalance") == "99999.61")
            let later = try await client.call(.get, "/v1/private/user/balance-history?startTime=\(Self.midnight)", credentials: t.bobKey)
            #expect(later.array.isEmpty)
            let backwards = try await client.call(.get, "/v1/private/user/balance-history?startTime=2&endTime=1", credentials: t.bobKey)
            #expect(backwards.status == .badRequest && backwards.code == 12001 && backwards.field == "startTime")

            let volume = try await client.call(.get, "/v1/private/user/volume-stats", credentials: t.bobKey)
            #expect(volume.status == .ok)
            #expect(volume.object.string("volume30d") == "650")
            #expect(volume.object.string("makerVolume30d") == "0" && volume.object.string("takerVolume30d") == "650")
            #expect(volume.object.string("fees30d") == "0.325")
            #expect(volume.object.int("feeTier") == 0)
            #expect(volume.object.string("makerRate") == "0.0002" && volume.object.string("takerRate") == "0.0005")
            let daily = volume.object["daily"] as? [[String: Any]] ?? []
            #expect(daily.compactMap { $0.string("date") } == ["2026-01-05", "2026-01-06"])
            #expect(daily.compactMap { $0.string("volume") } == ["650", "0"])
            #expect(daily.compactMap { $0.string("fees") } == ["0.325", "0"])
            let makerVolume = try await client.call(.get, "/v1/private/user/volume-stats", credentials: t.aliceKey)
            #expect(makerVolume.object.string("makerVolume30d") == "650" && makerVolume.object.string("takerVolume30d") == "0")
            #expect(makerVolume.object.string("fees30d") == "0.13")

            let overview = try await client.call(.get, "/v1/private/user/trade-overview?period=7d", credentials: t.bobKey)
            #expect(overview.status == .ok && overview.code == 0)
            #expect(overview.object.string("realizedPnl") == "0")
            #expect(overview.object.string("fees") == "0.325")
            #expect(overview.object.string("funding") == "-0.065")
            #expect(overview.object.string("volume") == "650")
            #expect(overview.object.int("tradeCount") == 1)
            #expect(overview.object.string("winRate") == "0")
            let trend = overview.object["trend"] as? [[String: Any]] ?? []
            // Seven days ending today: 2025-12-31 … 2026-01-06.
            #expect(trend.compactMap { $0.string("date") }
                == ["2025-12-31", "2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04", "2026-01-05", "2026-01-06"])
            #expect(trend.compactMap { $0.string("pnl") } == ["0", "0", "0", "0", "0", "-0.325", "-0.065"])
            #expect(trend.compactMap { $0.string("cumulativePnl") } == ["0", "0", "0", "0", "0", "-0.325", "-0.39"])
            #expect(trend.compactMap { $0.string("volume") } == ["0", "0", "0", "0", "0", "650", "0"])
            let aliceOverview = try await client.call(.get, "/v1/private/user/trade-overview", credentials: t.aliceKey)
            #expect(aliceOverview.object.string("fees") == "0.13" && aliceOverview.object.string("funding") == "0.065")
            #expect((aliceOverview.object["trend"] as? [[String: Any]])?.count == 30)
            let badPeriod = try await client.call(.get, "/v1/private/user/trade-overview?period=1y", credentials: t.bobKey)
            #expect(badPeriod.status == .badRequest && badPeriod.code == 12001 && badPeriod.field == "period")

            let summary = try await client.call(.get, "/v1/private/user/asset/overview/summary", credentials: t.bobKey)
            #expect(summary.status == .ok)
            #expect(summary.object.string("equity") == "99999.61" && summary.object.string("walletBalance") == "99999.61")
            #expect(summary.object.string("unrealizedPnl") == "0")
            #expect(summary.object.string("pnlToday") == "-0.065")
            #expect(summary.object.string("pnl7d") == "-0.39" && summary.object.string("pnl30d") == "-0.39")
            // Capital 99999.61 + 0.39 = 100000: −0.39 / 100000 = −0.0000039.
            #expect(summary.object.string("roi30d") == "-0.0000039")
            let noKey = try await client.call(.get, "/v1/private/user/asset/overview/summary")
            #expect(noKey.status == .unauthorized && noKey.code == 10003)

            let equity = try await client.call(.get, "/v1/private/user/asset/overview/trend?period=7d", credentials: t.bobKey)
            #expect(equity.status == .ok)
            #expect(equity.array.compactMap { $0.int("time") } == [Self.midnight, Self.midnight + 1000])
            #expect(equity.array.compactMap { $0.string("equity") } == ["99999.61", "99999.61"])
            let badTrend = try await client.call(.get, "/v1/private/user/asset/overview/trend?period=week", credentials: t.bobKey)
            #expect(badTrend.status == .badRequest && badTrend.code == 12001 && badTrend.field == "period")
        }
        await t.harness.stop()
    }

    @Test("funding: FUNDING_FEE rows at the funding time sum to zero across the users")
    func funding() async throws {
        // 07:59: the 08:00 funding is a minute away.
        let t = try await Traders.start { $0.clock = .manual(startingAt: ServerHarness.startTime + 8 * 3_600_000 - 60_000) }
        try await t.harness.test { client in
            let carol = try await t.user("carol")
            // Alice shorts 0.005 at 65000.0; bob buys 0.003 and carol 0.002.
            try await client.place(orderJSON("SELL", "0.005", price: "65000.0"), t.aliceKey)
            try await client.place(orderJSON("BUY", "0.003"), t.bobKey)
            try await client.place(orderJSON("BUY", "0.002"), carol.key)
            let fundingTime = ServerHarness.startTime + 8 * 3_600_000
            try await t.harness.exchange.sequencer.advanceClock(to: fundingTime + 1000)

            // Rate 0.0001 at mark 65000: bob pays 0.003 × 65000 × 0.0001 = 0.0195, carol
            // 0.013, alice receives 0.0325.
            var total = Decimal(0)
            for (key, expected) in [(t.aliceKey, "0.0325"), (t.bobKey, "-0.0195"), (carol.key, "-0.013")] {
                let rows = try await client.call(.get, "/v1/private/user/account-change-log?type=FUNDING_FEE", credentials: key)
                #expect(rows.items.count == 1)
                let row = try #require(rows.items.first)
                #expect(row.string("amount") == expected)
                #expect(row.string("symbol") == "BTCUSDT" && row.int("time") == fundingTime)
                total += Decimal(string: row.string("amount") ?? "x") ?? 1
            }
            #expect(total == 0)
            let fund = try await client.admin(.get, "/v1/admin/insurance-fund")
            #expect(fund.object.string("balance") == "0")
            let position = try await client.call(.get, "/v1/private/position/positions", credentials: t.bobKey)
            #expect(position.array.first?.string("size") == "0.003")
            let history = try await client.call(.get, "/v1/public/market/funding-rate/history?symbol=BTCUSDT")
            #expect(history.items.first?.string("fundingRate") == "0.0001" && history.items.first?.int("fundingTime") == fundingTime)
        }
        await t.harness.stop()
    }

    @Test("leaderboard: masked names, or the operator's nickname; pnl and roi")
    func leaderboard() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            let created = try await client.admin(
                .post, "/v1/admin/users", body: #"{"username":"robert","password":"correct-horse-7","nickname":"Bobby"}"#)
            let robertId = try #require(created.object.string("userId").flatMap(UInt64.init))
            #expect(try await client.admin(.post, "/v1/admin/deposit", body: #"{"userId":"\#(robertId)","amount":"100000"}"#).code == 0)
            let robert = try await t.harness.createApiKey(userId: robertId)
            // Robert buys from alice at 65000.0 and sells to her at 65100.0: +1 − 0.325 −
            // 0.3255 = 0.3495; alice −1 − 0.13 − 0.1302 = −1.2602. Bob did not trade.
            try await client.place(orderJSON("SELL", "0.010", price: "65000.0"), t.aliceKey)
            try await client.place(orderJSON("BUY", "0.010"), robert)
            try await client.place(orderJSON("BUY", "0.010", price: "65100.0"), t.aliceKey)
            try await client.place(orderJSON("SELL", "0.010"), robert)

            let reply = try await client.call(.get, "/v1/public/leaderboard/pnl?period=7d")
            #expect(reply.status == .ok && reply.code == 0)
            let entries = reply.array
            try #require(entries.count == 2)
            #expect(entries[0].int("rank") == 1 && entries[0].string("name") == "Bobby")
            #expect(entries[0].string("pnl") == "0.3495")
            // roi = pnl / (wallet − pnl) = 0.3495 / 100000 = 0.000003495 → 0.0000035.
            #expect(entries[0].string("roi") == "0.0000035")
            #expect(entries[1].int("rank") == 2 && entries[1].string("name") == "al***ce")
            #expect(entries[1].string("pnl") == "-1.2602")
            // −1.2602 / 100000 = −0.000012602 → −0.0000126.
            #expect(entries[1].string("roi") == "-0.0000126")
            let top = try await client.call(.get, "/v1/public/leaderboard/pnl?limit=1")
            #expect(top.array.count == 1 && top.array.first?.string("name") == "Bobby")

            let badPeriod = try await client.call(.get, "/v1/public/leaderboard/pnl?period=1d")
            #expect(badPeriod.status == .badRequest && badPeriod.code == 12001 && badPeriod.field == "period")
            let badLimit = try await client.call(.get, "/v1/public/leaderboard/pnl?limit=101")
            #expect(badLimit.status == .badRequest && badLimit.code == 12001 && badLimit.field == "limit")
        }
        await t.harness.stop()
    }

    @Test("leaderboard volume counts today's trades, as its pnl does")
    func leaderboardVolumeToday() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            // Bob buys 0.010 from alice at 65000.0 and sells it back at 65100.0: 650 + 651 = 1301
            // of volume each, all of it today, within any period.
            try await client.place(orderJSON("SELL", "0.010", price: "65000.0"), t.aliceKey)
            try await client.place(orderJSON("BUY", "0.010"), t.bobKey)
            try await client.place(orderJSON("BUY", "0.010", price: "65100.0"), t.aliceKey)
            try await client.place(orderJSON("SELL", "0.010"), t.bobKey)
            let reply = try await client.call(.get, "/v1/public/leaderboard/pnl?period=7d")
            try #require(reply.array.count == 2)
            // pnl already counts today's trades (0.3495 = 1 − 0.325 − 0.3255) …
            #expect(reply.array[0].string("name") == "b***" && reply.array[0].string("pnl") == "0.3495")
            // … and so does volume, though no rollover has closed the day yet.
            #expect(reply.array[0].string("volume") == "1301")
            #expect(reply.array[1].string("volume") == "1301")
        }
        await t.harness.stop()
    }
}
