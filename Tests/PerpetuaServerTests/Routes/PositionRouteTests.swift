import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PerpetuaCore
import PerpetuaEngine
import PerpetuaJournal
import PerpetuaServer
import Testing

/// The position endpoints of API.md §5.6 on BTCUSDT (mark 65000, brackets 50000 @125×
/// 0.4 %, 250000 @100× 0.5 %, 1000000 @50× 1 %; default leverage 20).
@Suite("Position routes")
struct PositionRouteTests {
    @Test("positions after a trade: side, size, entry, leverage, margin mode, liquidation price")
    func positions() async throws {
        let t = try await Traders.start(bob: "100")
        try await t.harness.test { client in
            try await client.place(orderJSON("SELL", "0.010", price: "65000.0"), t.aliceKey)
            try await client.place(orderJSON("BUY", "0.010"), t.bobKey)

            let reply = try await client.call(.get, "/v1/private/position/positions", credentials: t.bobKey)
            #expect(reply.status == .ok && reply.code == 0)
            try #require(reply.array.count == 1)
            let long = reply.array[0]
            #expect(long.string("symbol") == "BTCUSDT")
            #expect(long.string("side") == "LONG")
            #expect(long.string("size") == "0.010")
            #expect(long.string("entryPrice") == "65000.0" && long.string("markPrice") == "65000.0")
            #expect(long.string("unrealizedPnl") == "0" && long.string("realizedPnl") == "0")
            #expect(long.int("leverage") == 20 && long.string("marginMode") == "CROSS")
            #expect(long.string("isolatedMargin") == "0")
            // 650 / 20 = 32.5; maintenance 650 × 0.004 = 2.6.
            #expect(long.string("initialMargin") == "32.5" && long.string("maintenanceMargin") == "2.6")
            // Wallet 100 − 0.325 = 99.675. Long: (650 − 99.675 − 0) / (0.010 × (1 − 0.004))
            // = 550.325 / 0.00996 = 55253.514056224…, at 10⁻⁸: 55253.51405622.
            #expect(long.string("liquidationPrice") == "55253.51405622")
            #expect(long.int("updateTime") == at(1000))

            let short = try await client.call(.get, "/v1/private/position/positions?symbol=BTCUSDT", credentials: t.aliceKey)
            try #require(short.array.count == 1)
            #expect(short.array[0].string("side") == "SHORT" && short.array[0].string("size") == "0.010")
            // Alice's wallet of 99999.87 backs the short: a liquidation price far above.
            #expect(short.array[0].string("liquidationPrice") != nil)

            // Flat users have no positions.
            let carol = try await t.user("carol")
            #expect(try await client.call(.get, "/v1/private/position/positions", credentials: carol.key).array.isEmpty)
            let unknown = try await client.call(.get, "/v1/private/position/positions?symbol=ETHUSDT", credentials: t.bobKey)
            #expect(unknown.status == .notFound && unknown.code == 12002)
            let anonymous = try await client.call(.get, "/v1/private/position/positions")
            #expect(anonymous.status == .unauthorized && anonymous.code == 10003)
        }
        await t.harness.stop()
    }

    @Test("leverage: changes apply to settings and positions; out of range answers 13008")
    func leverage() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            let settings = try await client.call(.get, "/v1/private/position/settings?symbol=BTCUSDT", credentials: t.bobKey)
            #expect(settings.status == .ok && settings.code == 0)
            // Leverage 20 allows up to the third bracket's cap (50× ≥ 20).
            #expect(settings.object.string("symbol") == "BTCUSDT" && settings.object.int("leverage") == 20)
            #expect(settings.object.string("marginMode") == "CROSS" && settings.object.string("maxNotional") == "1000000")

            try await client.place(orderJSON("SELL", "0.010", price: "65000.0"), t.aliceKey)
            try await client.place(orderJSON("BUY", "0.010"), t.bobKey)
            let ten = try await client.call(.post, "/v1/private/position/leverage", body: #"{"symbol":"BTCUSDT","leverage":10}"#, credentials: t.bobKey)
            #expect(ten.status == .ok && ten.code == 0)
            #expect(ten.object.int("leverage") == 10 && ten.object.string("maxNotional") == "1000000")
            let position = try await client.call(.get, "/v1/private/position/positions", credentials: t.bobKey)
            // 650 / 10 = 65.
            #expect(position.array.first?.int("leverage") == 10 && position.array.first?.string("initialMargin") == "65")
            // 100× only within the second bracket (cap 250000), 125× within the first (50000).
            let hundred = try await client.call(.post, "/v1/private/position/leverage", body: #"{"symbol":"BTCUSDT","leverage":100}"#, credentials: t.bobKey)
            #expect(hundred.object.int("leverage") == 100 && hundred.object.string("maxNotional") == "250000")
            let max = try await client.call(.post, "/v1/private/position/leverage", body: #"{"symbol":"BTCUSDT","leverage":125}"#, credentials: t.bobKey)
            #expect(max.object.int("leverage") == 125 && max.object.string("maxNotional") == "50000")

            let above = try await client.call(.post, "/v1/private/position/leverage", body: #"{"symbol":"BTCUSDT","leverage":126}"#, credentials: t.bobKey)
            #expect(above.status == .badRequest && above.code == 13008)
            #expect(above.msg == "leverage 126 is outside [1, 125]")
            #expect(above.object.string("maxLeverage") == "125")
            let zero = try await client.call(.post, "/v1/private/position/leverage", body: #"{"symbol":"BTCUSDT","leverage":0}"#, credentials: t.bobKey)
            #expect(zero.status == .badRequest && zero.code == 13008)
            let text = try await client.call(.post, "/v1/private/position/leverage", body: #"{"symbol":"BTCUSDT","leverage":"10"}"#, credentials: t.bobKey)
            #expect(text.status == .badRequest && text.code == 12001 && text.field == "leverage")
            let unknown = try await client.call(.post, "/v1/private/position/leverage", body: #"{"symbol":"ETHUSDT","leverage":10}"#, credentials: t.bobKey)
            #expect(unknown.status == .notFound && unknown.code == 12002)
            // Still 125 after the refusals.
            let after = try await client.call(.get, "/v1/private/position/settings?symbol=BTCUSDT", credentials: t.bobKey)
            #expect(after.object.int("leverage") == 125)
        }
        await t.harness.stop()
    }

    @Test("margin mode: 14002 with a position or open orders, applied when flat")
    func marginMode() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            try await client.place(orderJSON("SELL", "0.010", price: "65000.0"), t.aliceKey)
            try await client.place(orderJSON("BUY", "0.010"), t.bobKey)
            let withPosition = try await client.call(
                .post, "/v1/private/position/margin-mode", body: #"{"symbol":"BTCUSDT","marginMode":"ISOLATED"}"#, credentials: t.bobKey)
            #expect(withPosition.status == .conflict && withPosition.code == 14002)
            #expect(withPosition.msg == "cannot change margin mode with an open position or open orders on BTCUSDT")

            let carol = try await t.user("carol")
            try await client.place(orderJSON("BUY", "0.010", price: "64000.0"), carol.key)
            let withOrder = try await client.call(
                .post, "/v1/private/position/margin-mode", body: #"{"symbol":"BTCUSDT","marginMode":"ISOLATED"}"#, credentials: carol.key)
            #expect(withOrder.status == .conflict && withOrder.code == 14002)

            let dave = try await t.user("dave")
            let flat = try await client.call(
                .post, "/v1/private/position/margin-mode", body: #"{"symbol":"BTCUSDT","marginMode":"ISOLATED"}"#, credentials: dave.key)
            #expect(flat.status == .ok && flat.code == 0)
            #expect(flat.object.string("marginMode") == "ISOLATED" && flat.object.int("leverage") == 20)
            let settings = try await client.call(.get, "/v1/private/position/settings?symbol=BTCUSDT", credentials: dave.key)
            #expect(settings.object.string("marginMode") == "ISOLATED")
            // An isolated position carries its own margin: 0.010 × 65000 / 20 = 32.5.
            try await client.place(orderJSON("SELL", "0.010", price: "65000.0"), t.aliceKey)
            try await client.place(orderJSON("BUY", "0.010"), dave.key)
            let position = try await client.call(.get, "/v1/private/position/positions", credentials: dave.key)
            #expect(position.array.first?.string("marginMode") == "ISOLATED")
            #expect(position.array.first?.string("isolatedMargin") == "32.5")

            let bad = try await client.call(
                .post, "/v1/private/position/margin-mode", body: #"{"symbol":"BTCUSDT","marginMode":"BOTH"}"#, credentials: dave.key)
            #expect(bad.status == .badRequest && bad.code == 12001 && bad.field == "marginMode")
            let missing = try await client.call(.post, "/v1/private/position/margin-mode", body: #"{"symbol":"BTCUSDT"}"#, credentials: dave.key)
            #expect(missing.code == 12001 && missing.field == "marginMode")
        }
        await t.harness.stop()
    }

    @Test("settings: defaults, and bad queries")
    func settings() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            // A user the engine has not seen yet still has the defaults.
            let fresh = try await t.user("erin", deposit: nil)
            let reply = try await client.call(.get, "/v1/private/position/settings?symbol=BTCUSDT", credentials: fresh.key)
            #expect(reply.status == .ok)
            #expect(reply.object.int("leverage") == 20 && reply.object.string("marginMode") == "CROSS")
            #expect(reply.object.string("maxNotional") == "1000000")
            let missing = try await client.call(.get, "/v1/private/position/settings", credentials: t.aliceKey)
            #expect(missing.status == .badRequest && missing.code == 12001 && missing.field == "symbol")
            let typo = try await client.call(.get, "/v1/private/position/settings?symbol=btc_usdt", credentials: t.aliceKey)
            #expect(typo.status == .notFound && typo.code == 12002)
            #expect(typo.msg == "instrument does not exist: btc_usdt; did you mean BTCUSDT?")
        }
        await t.harness.stop()
    }

    @Test("position history after closing: CLOSE with the PnL and fees of the fills")
    func history() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            // Bob opens long 0.010 at 65000.0 (taker fee 0.325), alice short (maker 0.13).
            try await client.place(orderJSON("SELL", "0.010", price: "65000.0"), t.aliceKey)
            try await client.place(orderJSON("BUY", "0.010"), t.bobKey)
            // Bob closes at 65100.0 (taker 0.3255, PnL +1), alice too (maker 0.1302, PnL −1).
            try await client.place(orderJSON("BUY", "0.010", price: "65100.0"), t.aliceKey)
            try await client.place(orderJSON("SELL", "0.010"), t.bobKey)

            #expect(try await client.call(.get, "/v1/private/position/positions", credentials: t.bobKey).array.isEmpty)
            let reply = try await client.call(.get, "/v1/private/position/history?symbol=BTCUSDT", credentials: t.bobKey)
            #expect(reply.status == .ok && reply.code == 0)
            try #require(reply.items.count == 1)
            let closed = reply.items[0]
            #expect(closed.string("symbol") == "BTCUSDT" && closed.string("side") == "LONG")
            #expect(closed.string("maxSize") == "0.010")
            #expect(closed.string("entryPrice") == "65000.0" && closed.string("closePrice") == "65100.0")
            #expect(closed.string("realizedPnl") == "1")
            #expect(closed.string("fees") == "0.6505")
            #expect(closed.string("funding") == "0")
            #expect(closed.string("closeType") == "CLOSE")
            #expect(closed.int("openTime") == at(1000) && closed.int("closeTime") == at(1000))
            #expect(reply.isNull("nextCursor"))
            // The realised PnL equals the sum over the fills.
            let fills = try await client.call(.get, "/v1/private/order/trades", credentials: t.bobKey)
            #expect(fills.items.compactMap { $0.string("realizedPnl") } == ["1", "0"])

            let alice = try await client.call(.get, "/v1/private/position/history", credentials: t.aliceKey)
            #expect(alice.items.first?.string("side") == "SHORT")
            #expect(alice.items.first?.string("realizedPnl") == "-1" && alice.items.first?.string("fees") == "0.2602")

            let bad = try await client.call(.get, "/v1/private/position/history?cursor=djE6eA", credentials: t.bobKey)
            #expect(bad.status == .badRequest && bad.code == 12001 && bad.field == "cursor")
            let unknown = try await client.call(.get, "/v1/private/position/history?symbol=ETHUSDT", credentials: t.bobKey)
            #expect(unknown.status == .notFound && unknown.code == 12002)
        }
        await t.harness.stop()
    }
}
