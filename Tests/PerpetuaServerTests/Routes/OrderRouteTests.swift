import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PerpetuaCore
import PerpetuaEngine
import PerpetuaJournal
import PerpetuaServer
import Testing

/// The order endpoints of API.md §5.4 on BTCUSDT (tick 0.1, step 0.001, min notional 5,
/// band ±5 % around the mark 65000 = [61750, 68250], maker 0.0002, taker 0.0005, default
/// leverage 20).
@Suite("Order routes")
struct OrderRouteTests {
    @Test("place LIMIT and MARKET: every field, decimals with the symbol's tick and step")
    func placeLimitAndMarket() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            let reply = try await client.call(
                .post, "/v1/private/order/place", body: orderJSON("BUY", "0.01", price: "65000", clientOrderId: "a-1"),
                credentials: t.aliceKey)
            #expect(reply.status == .ok && reply.code == 0 && reply.msg == "OK")
            let order = reply.object
            #expect(order.string("orderId") == "1")
            #expect(order.string("clientOrderId") == "a-1")
            #expect(order.string("symbol") == "BTCUSDT")
            #expect(order.string("side") == "BUY")
            #expect(order.string("type") == "LIMIT")
            // Sent as "65000" and "0.01"; answered with the tick's one and the step's three decimals.
            #expect(order.string("price") == "65000.0")
            #expect(order.string("quantity") == "0.010")
            #expect(order.string("timeInForce") == "GTC")
            #expect(order["reduceOnly"] as? Bool == false)
            #expect(order.string("selfTradePrevention") == "CANCEL_TAKER")
            #expect(order.string("status") == "NEW")
            #expect(order.string("executedQty") == "0.000")
            #expect(order.string("avgPrice") == "0")
            #expect(order.string("cumQuote") == "0")
            #expect(order.string("source") == "USER")
            #expect(order.isNull("cancelReason") && order.isNull("conditionOrderId") && order.isNull("strategyId"))
            #expect(order.int("createTime") == at(1000) && order.int("updateTime") == at(1000))

            // A MARKET order with no asks: IOC, nothing to take, so it expires whole.
            let market = try await client.call(.post, "/v1/private/order/place", body: orderJSON("BUY", "0.010"), credentials: t.bobKey)
            #expect(market.code == 0)
            #expect(market.object.string("orderId") == "2")
            #expect(market.object.string("type") == "MARKET")
            #expect(market.object.isNull("price"))
            #expect(market.object.string("timeInForce") == "IOC")
            #expect(market.object.string("status") == "EXPIRED")
            #expect(market.object.string("executedQty") == "0.000")
            #expect(market.object.string("cancelReason") == "IMMEDIATE_OR_CANCEL")

            // A MARKET order must not carry a price; a LIMIT order must.
            let priced = try await client.call(
                .post, "/v1/private/order/place", body: orderJSON("BUY", "0.010", price: "65000.0", type: "MARKET"), credentials: t.bobKey)
            #expect(priced.status == .badRequest && priced.code == 12001 && priced.field == "price")
            let unpriced = try await client.call(
                .post, "/v1/private/order/place", body: orderJSON("BUY", "0.010", type: "LIMIT"), credentials: t.bobKey)
            #expect(unpriced.status == .badRequest && unpriced.code == 12001)
            #expect(unpriced.msg == "invalid parameter price: is required for a LIMIT order")
            // Without credentials.
            let anonymous = try await client.call(.post, "/v1/private/order/place", body: orderJSON("BUY", "0.010", price: "65000.0"))
            #expect(anonymous.status == .unauthorized && anonymous.code == 10003)
        }
        await t.harness.stop()
    }

    @Test("a maker and a taker trade: FILLED, executedQty, avgPrice, cumQuote on both sides")
    func makerTakerTrade() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            let sell = try await client.place(orderJSON("SELL", "0.010", price: "65000.0"), t.aliceKey)
            #expect(sell.string("status") == "NEW")
            // 0.004 at 65000.0: cumQuote 260.
            let first = try await client.place(orderJSON("BUY", "0.004", price: "65000.0"), t.bobKey)
            #expect(first.string("status") == "FILLED")
            #expect(first.string("executedQty") == "0.004")
            #expect(first.string("avgPrice") == "65000.0")
            #expect(first.string("cumQuote") == "260")
            // The maker is now partially filled.
            let partial = try await client.call(.get, "/v1/private/order?symbol=BTCUSDT&orderId=1", credentials: t.aliceKey)
            #expect(partial.object.string("status") == "PARTIALLY_FILLED")
            #expect(partial.object.string("executedQty") == "0.004")
            #expect(partial.object.string("cumQuote") == "260")
            // The rest by a MARKET order: 0.006 × 65000 = 390.
            let rest = try await client.place(orderJSON("BUY", "0.006"), t.bobKey)
            #expect(rest.string("status") == "FILLED")
            #expect(rest.string("executedQty") == "0.006")
            #expect(rest.string("avgPrice") == "65000.0")
            #expect(rest.string("cumQuote") == "390")
            let maker = try await client.call(.get, "/v1/private/order?symbol=BTCUSDT&orderId=1", credentials: t.aliceKey)
            #expect(maker.object.string("status") == "FILLED")
            #expect(maker.object.string("executedQty") == "0.010")
            #expect(maker.object.string("avgPrice") == "65000.0")
            #expect(maker.object.string("cumQuote") == "650")

            // Two levels: 0.001 at 65000.0 and 0.002 at 65000.3 → cumQuote 65 + 130.0006 =
            // 195.0006, avgPrice 195.0006 / 0.003 = 65000.2.
            try await client.place(orderJSON("SELL", "0.001", price: "65000.0"), t.aliceKey)
            try await client.place(orderJSON("SELL", "0.002", price: "65000.3"), t.aliceKey)
            let sweep = try await client.place(orderJSON("BUY", "0.003"), t.bobKey)
            #expect(sweep.string("status") == "FILLED")
            #expect(sweep.string("cumQuote") == "195.0006")
            #expect(sweep.string("avgPrice") == "65000.2")
        }
        await t.harness.stop()
    }

    @Test("post-only that would take answers 13009, fill-or-kill that cannot fill whole 13011")
    func postOnlyAndFillOrKill() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            try await client.place(orderJSON("SELL", "0.005", price: "65000.0"), t.aliceKey)
            let postOnly = try await client.call(
                .post, "/v1/private/order/place", body: orderJSON("BUY", "0.005", price: "65000.0", tif: "POST_ONLY"), credentials: t.bobKey)
            #expect(postOnly.status == .badRequest && postOnly.code == 13009)
            #expect(postOnly.msg == "post-only order would take liquidity at 65000.0")
            // A post-only order that does not cross rests.
            let resting = try await client.place(orderJSON("BUY", "0.005", price: "64999.9", tif: "POST_ONLY"), t.bobKey)
            #expect(resting.string("status") == "NEW" && resting.string("timeInForce") == "POST_ONLY")

            let fok = try await client.call(
                .post, "/v1/private/order/place", body: orderJSON("BUY", "0.010", price: "65000.0", tif: "FOK"), credentials: t.bobKey)
            #expect(fok.status == .badRequest && fok.code == 13011)
            #expect(fok.msg == "fill-or-kill order could not be filled in full")
            // Nothing traded: the ask is whole.
            let depth = try await client.call(.get, "/v1/public/market/depth?symbol=BTCUSDT")
            #expect(depth.object["asks"] as? [[String]] == [["65000.0", "0.005"]])
            // A FOK that can fill does.
            let filled = try await client.place(orderJSON("BUY", "0.005", price: "65000.0", tif: "FOK"), t.bobKey)
            #expect(filled.string("status") == "FILLED" && filled.string("executedQty") == "0.005")
            let badTif = try await client.call(
                .post, "/v1/private/order/place", body: orderJSON("BUY", "0.005", price: "65000.0", tif: "GTD"), credentials: t.bobKey)
            #expect(badTif.status == .badRequest && badTif.code == 12001 && badTif.field == "timeInForce")
        }
        await t.harness.stop()
    }

    @Test("off-grid prices and quantities answer 13003 and 13004, never rounded")
    func grid() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            let price = try await client.call(
                .post, "/v1/private/order/place", body: orderJSON("BUY", "0.010", price: "65000.05"), credentials: t.aliceKey)
            #expect(price.status == .badRequest && price.code == 13003)
            #expect(price.msg == "price 65000.05 is not a multiple of the tick size 0.1")
            // Both off the grid: the tick is checked before the step (API.md §5.5).
            let both = try await client.call(
                .post, "/v1/private/order/place", body: orderJSON("BUY", "0.0105", price: "65000.05"), credentials: t.aliceKey)
            #expect(both.status == .badRequest && both.code == 13003)
            #expect(price.object.string("tickSize") == "0.1" && price.object.string("price") == "65000.05")
            // More decimals than any price can hold: still 13003, naming the field.
            let precise = try await client.call(
                .post, "/v1/private/order/place", body: orderJSON("BUY", "0.010", price: "65000.000000001"), credentials: t.aliceKey)
            #expect(precise.status == .badRequest && precise.code == 13003 && precise.field == "price")

            let quantity = try await client.call(
                .post, "/v1/private/order/place", body: orderJSON("BUY", "0.0105", price: "65000.0"), credentials: t.aliceKey)
            #expect(quantity.status == .badRequest && quantity.code == 13004)
            #expect(quantity.msg == "quantity 0.0105 is not a multiple of the step size 0.001")
            #expect(quantity.object.string("stepSize") == "0.001")

            // Below minNotional 5: 0.001 × 4999.9 is outside the band anyway, so use the size
            // limits: 0.000 is not positive (12001) and 1000.001 is above maxQty (13002).
            let zero = try await client.call(
                .post, "/v1/private/order/place", body: orderJSON("BUY", "0", price: "65000.0"), credentials: t.aliceKey)
            #expect(zero.status == .badRequest && zero.code == 12001 && zero.field == "quantity")
            let huge = try await client.call(
                .post, "/v1/private/order/place", body: orderJSON("BUY", "1000.001", price: "65000.0"), credentials: t.aliceKey)
            #expect(huge.status == .badRequest && huge.code == 13002)
            #expect(huge.msg == "quantity 1000.001 is outside [0.001, 1000.000]")
            // Outside the ±5 % band around 65000: [61750.0, 68250.0].
            let band = try await client.call(
                .post, "/v1/private/order/place", body: orderJSON("BUY", "0.010", price: "61749.9"), credentials: t.aliceKey)
            #expect(band.status == .badRequest && band.code == 13006)
            #expect(band.object.string("minPrice") == "61750.0" && band.object.string("maxPrice") == "68250.0")
        }
        await t.harness.stop()
    }

    @Test("malformed requests answer 12001 naming the field; a JSON number shows its string form")
    func malformed() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            let number = try await client.call(
                .post, "/v1/private/order/place",
                body: #"{"symbol":"BTCUSDT","side":"BUY","type":"LIMIT","quantity":0.01,"price":"65000.0"}"#, credentials: t.aliceKey)
            #expect(number.status == .badRequest && number.code == 12001)
            #expect(number.msg == #"invalid parameter quantity: must be a JSON string, not a number: send "0.01""#)
            #expect(number.field == "quantity")
            let priceNumber = try await client.call(
                .post, "/v1/private/order/place",
                body: #"{"symbol":"BTCUSDT","side":"BUY","type":"LIMIT","quantity":"0.010","price":65000.5}"#, credentials: t.aliceKey)
            #expect(priceNumber.code == 12001 && priceNumber.field == "price")
            #expect(priceNumber.msg.hasSuffix(#"send "65000.5""#))

            let missing = try await client.call(
                .post, "/v1/private/order/place", body: #"{"symbol":"BTCUSDT","side":"BUY","type":"LIMIT","price":"65000.0"}"#,
                credentials: t.aliceKey)
            #expect(missing.status == .badRequest && missing.code == 12001)
            #expect(missing.field == "quantity")
            #expect(missing.msg == "invalid parameter quantity: is required")
            let noSide = try await client.call(
                .post, "/v1/private/order/place", body: #"{"symbol":"BTCUSDT","type":"MARKET","quantity":"0.010"}"#, credentials: t.aliceKey)
            #expect(noSide.code == 12001 && noSide.field == "side")
            let badSide = try await client.call(
                .post, "/v1/private/order/place", body: orderJSON("buy", "0.010", price: "65000.0"), credentials: t.aliceKey)
            #expect(badSide.code == 12001 && badSide.field == "side")
            #expect(badSide.msg == #"invalid parameter side: must be one of BUY, SELL, got "buy""#)
            let badClientId = try await client.call(
                .post, "/v1/private/order/place", body: orderJSON("BUY", "0.010", price: "65000.0", clientOrderId: "has space"),
                credentials: t.aliceKey)
            #expect(badClientId.code == 12001 && badClientId.field == "clientOrderId")
            let notJSON = try await client.call(.post, "/v1/private/order/place", body: "{nope", credentials: t.aliceKey)
            #expect(notJSON.status == .badRequest && notJSON.code == 12001 && notJSON.field == "body")
        }
        await t.harness.stop()
    }

    @Test("unknown symbols answer 12002; btc-usdt suggests BTCUSDT")
    func unknownSymbol() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            let unknown = try await client.call(
                .post, "/v1/private/order/place", body: orderJSON("BUY", "0.010", price: "65000.0", symbol: "ETHUSDT"), credentials: t.aliceKey)
            #expect(unknown.status == .notFound && unknown.code == 12002)
            #expect(unknown.msg == "instrument does not exist: ETHUSDT")
            let typo = try await client.call(
                .post, "/v1/private/order/place", body: orderJSON("BUY", "0.010", price: "65000.0", symbol: "btc-usdt"), credentials: t.aliceKey)
            #expect(typo.status == .notFound && typo.code == 12002)
            #expect(typo.msg == "instrument does not exist: btc-usdt; did you mean BTCUSDT?")
            #expect(typo.object.string("suggestion") == "BTCUSDT")
        }
        await t.harness.stop()
    }

    @Test("a duplicate clientOrderId answers 13015 with the existing order, open or closed")
    func duplicateClientOrderId() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            let first = try await client.place(orderJSON("SELL", "0.010", price: "65000.0", clientOrderId: "dup-1"), t.aliceKey)
            let again = try await client.call(
                .post, "/v1/private/order/place", body: orderJSON("SELL", "0.020", price: "65100.0", clientOrderId: "dup-1"),
                credentials: t.aliceKey)
            #expect(again.status == .conflict && again.code == 13015)
            #expect(again.msg == "clientOrderId dup-1 is already used; the existing order is in data")
            #expect(again.object.string("orderId") == first.string("orderId"))
            #expect(again.object.string("status") == "NEW")
            #expect(again.object.string("price") == "65000.0" && again.object.string("quantity") == "0.010")
            // Another user may use the same id.
            try await client.place(orderJSON("BUY", "0.010", price: "65000.0", clientOrderId: "dup-1"), t.bobKey)
            // Closed (filled) orders keep their id for 7 days; data shows the final state.
            let closed = try await client.call(
                .post, "/v1/private/order/place", body: orderJSON("SELL", "0.010", price: "65000.0", clientOrderId: "dup-1"),
                credentials: t.aliceKey)
            #expect(closed.code == 13015)
            #expect(closed.object.string("status") == "FILLED")
            #expect(closed.object.string("executedQty") == "0.010")
        }
        await t.harness.stop()
    }

    @Test("a clientOrderId in use on another symbol answers 13015 with that order in data")
    func duplicateClientOrderIdAcrossSymbols() async throws {
        let t = try await Traders.start()
        var eth = ServerHarness.btc
        eth.symbol = "ETHUSDT"
        eth.baseAsset = "ETH"
        _ = try await t.harness.exchange.submit(.addSymbol(eth))
        t.harness.exchange.market.update(eth)
        _ = try await t.harness.exchange.submit(.setIndexPrice(symbol: "ETHUSDT", price: ServerHarness.price("3000")))
        try await t.harness.test { client in
            let first = try await client.place(orderJSON("SELL", "0.010", price: "65000.0", clientOrderId: "dup-x"), t.aliceKey)
            let elsewhere = try await client.call(
                .post, "/v1/private/order/place", body: orderJSON("BUY", "0.010", price: "3000.0", clientOrderId: "dup-x", symbol: "ETHUSDT"),
                credentials: t.aliceKey)
            #expect(elsewhere.status == .conflict && elsewhere.code == 13015)
            #expect(elsewhere.object.string("orderId") == first.string("orderId"))
            #expect(elsewhere.object.string("symbol") == "BTCUSDT" && elsewhere.object.string("status") == "NEW")
            #expect(elsewhere.object.string("price") == "65000.0")
            // Filled, the order is read from the store: still the whole order in data.
            try await client.place(orderJSON("BUY", "0.010", price: "65000.0"), t.bobKey)
            let closed = try await client.call(
                .post, "/v1/private/order/place", body: orderJSON("BUY", "0.010", price: "3000.0", clientOrderId: "dup-x", symbol: "ETHUSDT"),
                credentials: t.aliceKey)
            #expect(closed.code == 13015)
            #expect(closed.object.string("symbol") == "BTCUSDT" && closed.object.string("status") == "FILLED")
        }
        await t.harness.stop()
    }

    @Test("insufficient margin answers 13001 with what is available and required")
    func insufficientMargin() async throws {
        let t = try await Traders.start(alice: "100")
        try await t.harness.test { client in
            // 0.100 × 65000 = 6500 at leverage 20: margin 325 + taker fee 3.25 = 328.25 > 100.
            let reply = try await client.call(
                .post, "/v1/private/order/place", body: orderJSON("BUY", "0.100", price: "65000.0"), credentials: t.aliceKey)
            #expect(reply.status == .badRequest && reply.code == 13001)
            #expect(reply.msg == "insufficient margin: available 100, required 328.25")
            #expect(reply.object.string("available") == "100" && reply.object.string("required") == "328.25")
            // 0.030 × 65000 = 1950: 97.5 + 0.975 = 98.475 fits.
            let fits = try await client.place(orderJSON("BUY", "0.030", price: "65000.0"), t.aliceKey)
            #expect(fits.string("status") == "NEW")
        }
        await t.harness.stop()
    }

    @Test("cancel by orderId and clientOrderId; filled 13014, unknown 13013")
    func cancel() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            try await client.place(orderJSON("BUY", "0.010", price: "64000.0"), t.aliceKey)  // 1
            try await client.place(orderJSON("BUY", "0.010", price: "64000.0", clientOrderId: "c-2"), t.aliceKey)  // 2
            let byId = try await client.call(.post, "/v1/private/order/cancel", body: #"{"symbol":"BTCUSDT","orderId":"1"}"#, credentials: t.aliceKey)
            #expect(byId.status == .ok && byId.code == 0)
            #expect(byId.object.string("orderId") == "1")
            #expect(byId.object.string("status") == "CANCELED")
            #expect(byId.object.string("cancelReason") == "USER_CANCELED")
            let byClient = try await client.call(
                .post, "/v1/private/order/cancel", body: #"{"symbol":"BTCUSDT","clientOrderId":"c-2"}"#, credentials: t.aliceKey)
            #expect(byClient.object.string("orderId") == "2" && byClient.object.string("status") == "CANCELED")
            // Again: already final.
            let twice = try await client.call(
                .post, "/v1/private/order/cancel", body: #"{"symbol":"BTCUSDT","clientOrderId":"c-2"}"#, credentials: t.aliceKey)
            #expect(twice.status == .conflict && twice.code == 13014)
            // `data` is the final order, with its real status.
            #expect(twice.msg == "order 2 is already CANCELED")
            #expect(twice.object.string("orderId") == "2" && twice.object.string("status") == "CANCELED")

            // A filled order.
            try await client.place(orderJSON("SELL", "0.010", price: "65000.0"), t.aliceKey)  // 3
            try await client.place(orderJSON("BUY", "0.010"), t.bobKey)  // 4
            let filled = try await client.call(.post, "/v1/private/order/cancel", body: #"{"symbol":"BTCUSDT","orderId":"3"}"#, credentials: t.aliceKey)
            #expect(filled.status == .conflict && filled.code == 13014)
            #expect(filled.msg == "order 3 is already FILLED")
            #expect(filled.object.string("status") == "FILLED" && filled.object.string("executedQty") == "0.010")
            // Unknown, and another user's order.
            let unknown = try await client.call(.post, "/v1/private/order/cancel", body: #"{"symbol":"BTCUSDT","orderId":"999"}"#, credentials: t.aliceKey)
            #expect(unknown.status == .notFound && unknown.code == 13013)
            try await client.place(orderJSON("BUY", "0.010", price: "64000.0"), t.bobKey)  // 5
            let foreign = try await client.call(.post, "/v1/private/order/cancel", body: #"{"symbol":"BTCUSDT","orderId":"5"}"#, credentials: t.aliceKey)
            #expect(foreign.status == .notFound && foreign.code == 13013)
            // Neither or both references.
            let neither = try await client.call(.post, "/v1/private/order/cancel", body: #"{"symbol":"BTCUSDT"}"#, credentials: t.aliceKey)
            #expect(neither.status == .badRequest && neither.code == 12001 && neither.field == "orderId")
            let both = try await client.call(
                .post, "/v1/private/order/cancel", body: #"{"symbol":"BTCUSDT","orderId":"5","clientOrderId":"x"}"#, credentials: t.aliceKey)
            #expect(both.code == 12001 && both.field == "orderId")
            let badId = try await client.call(.post, "/v1/private/order/cancel", body: #"{"symbol":"BTCUSDT","orderId":"abc"}"#, credentials: t.aliceKey)
            #expect(badId.code == 12001 && badId.field == "orderId")
        }
        await t.harness.stop()
    }

    @Test("move: a price change and a quantity decrease; bad moves")
    func move() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            try await client.place(orderJSON("BUY", "0.010", price: "64000.0", clientOrderId: "m-1"), t.aliceKey)  // 1
            let price = try await client.call(
                .post, "/v1/private/order/move", body: #"{"symbol":"BTCUSDT","orderId":"1","price":"64100"}"#, credentials: t.aliceKey)
            #expect(price.status == .ok && price.code == 0)
            #expect(price.object.string("price") == "64100.0" && price.object.string("quantity") == "0.010")
            #expect(price.object.string("status") == "NEW")
            let smaller = try await client.call(
                .post, "/v1/private/order/move", body: #"{"symbol":"BTCUSDT","clientOrderId":"m-1","quantity":"0.005"}"#, credentials: t.aliceKey)
            #expect(smaller.code == 0)
            #expect(smaller.object.string("price") == "64100.0" && smaller.object.string("quantity") == "0.005")
            let depth = try await client.call(.get, "/v1/public/market/depth?symbol=BTCUSDT")
            #expect(depth.object["bids"] as? [[String]] == [["64100.0", "0.005"]])

            let nothing = try await client.call(.post, "/v1/private/order/move", body: #"{"symbol":"BTCUSDT","orderId":"1"}"#, credentials: t.aliceKey)
            #expect(nothing.status == .badRequest && nothing.code == 12001 && nothing.field == "price")
            let noSymbol = try await client.call(.post, "/v1/private/order/move", body: #"{"orderId":"1","price":"64200.0"}"#, credentials: t.aliceKey)
            #expect(noSymbol.code == 12001 && noSymbol.field == "symbol")
            let offTick = try await client.call(
                .post, "/v1/private/order/move", body: #"{"symbol":"BTCUSDT","orderId":"1","price":"64100.01"}"#, credentials: t.aliceKey)
            #expect(offTick.status == .badRequest && offTick.code == 13003)
            let unknown = try await client.call(
                .post, "/v1/private/order/move", body: #"{"symbol":"BTCUSDT","orderId":"77","price":"64200.0"}"#, credentials: t.aliceKey)
            #expect(unknown.status == .notFound && unknown.code == 13013)
            // A post-only order moved across the book is refused and stays where it was.
            try await client.place(orderJSON("SELL", "0.010", price: "65000.0"), t.bobKey)  // 2
            try await client.place(orderJSON("BUY", "0.010", price: "64000.0", tif: "POST_ONLY"), t.aliceKey)  // 3
            let cross = try await client.call(
                .post, "/v1/private/order/move", body: #"{"symbol":"BTCUSDT","orderId":"3","price":"65000.0"}"#, credentials: t.aliceKey)
            #expect(cross.status == .badRequest && cross.code == 13009)
            let kept = try await client.call(.get, "/v1/private/order?symbol=BTCUSDT&orderId=3", credentials: t.aliceKey)
            #expect(kept.object.string("price") == "64000.0" && kept.object.string("status") == "NEW")
        }
        await t.harness.stop()
    }

    @Test("batch-place: per-item results, valid and invalid mixed, top-level code 0")
    func batchPlace() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            let items = [
                orderJSON("BUY", "0.010", price: "64000.0"),
                orderJSON("BUY", "0.010", price: "64000.05"),
                orderJSON("BUY", "0.010", price: "64000.0", symbol: "ETHUSDT"),
                orderJSON("SELL", "0.010", price: "66000.0"),
            ]
            let reply = try await client.call(
                .post, "/v1/private/order/batch-place", body: #"{"orders":["# + items.joined(separator: ",") + "]}", credentials: t.aliceKey)
            #expect(reply.status == .ok && reply.code == 0)
            let results = reply.array
            try #require(results.count == 4)
            #expect(results[0].int("code") == 0 && results[0]["msg"] as? String == "OK")
            let firstOrder = results[0]["data"] as? [String: Any] ?? [:]
            #expect(firstOrder.string("orderId") == "1" && firstOrder.string("status") == "NEW" && firstOrder.string("price") == "64000.0")
            #expect(results[1].int("code") == 13003)
            #expect(results[1]["msg"] as? String == "price 64000.05 is not a multiple of the tick size 0.1")
            #expect((results[1]["data"] as? [String: Any])?.string("tickSize") == "0.1")
            #expect(results[2].int("code") == 12002)
            #expect(results[2]["msg"] as? String == "instrument does not exist: ETHUSDT")
            #expect(results[3].int("code") == 0)
            #expect((results[3]["data"] as? [String: Any])?.string("orderId") == "2")
            let current = try await client.call(.get, "/v1/private/order/current", credentials: t.aliceKey)
            #expect(current.array.compactMap { $0.string("orderId") } == ["1", "2"])

            let empty = try await client.call(.post, "/v1/private/order/batch-place", body: #"{"orders":[]}"#, credentials: t.aliceKey)
            #expect(empty.status == .badRequest && empty.code == 12001 && empty.field == "orders")
        }
        await t.harness.stop()
    }

    @Test("batch-place: an item of the wrong shape fails alone, named by its path; the others are placed in order")
    func batchPlaceMalformedItems() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            let items = [
                orderJSON("BUY", "0.010", price: "64000.0"),
                #"{"symbol":"BTCUSDT","type":"LIMIT","quantity":"0.010","price":"63000.0"}"#,
                #"{"symbol":"BTCUSDT","side":"BUY","type":"LIMIT","quantity":"0.010","price":63000.0}"#,
                "7",
                #"{"symbol":"BTCUSDT","side":"BUY","type":"LIMIT","quantity":"0.010","price":"63000.0","reduceOnly":"yes"}"#,
                orderJSON("SELL", "0.010", price: "66000.0"),
            ]
            let reply = try await client.call(
                .post, "/v1/private/order/batch-place", body: #"{"orders":["# + items.joined(separator: ",") + "]}", credentials: t.aliceKey)
            #expect(reply.status == .ok && reply.code == 0)
            let results = reply.array
            try #require(results.count == 6)
            func failure(_ index: Int) -> (code: Int64?, msg: String?, field: String?) {
                (results[index].int("code"), results[index]["msg"] as? String, (results[index]["data"] as? [String: Any])?.string("field"))
            }
            #expect(results[0].int("code") == 0 && (results[0]["data"] as? [String: Any])?.string("orderId") == "1")
            #expect(failure(1) == (12001, "invalid parameter orders[1].side: is required", "orders[1].side"))
            #expect(failure(2) == (12001, #"invalid parameter orders[2].price: must be a JSON string, not a number: send "63000""#, "orders[2].price"))
            #expect(failure(3) == (12001, "invalid parameter orders[3]: must be a JSON object", "orders[3]"))
            #expect(failure(4) == (12001, "invalid parameter orders[4].reduceOnly: must be true or false", "orders[4].reduceOnly"))
            #expect(results[5].int("code") == 0 && (results[5]["data"] as? [String: Any])?.string("orderId") == "2")
            let current = try await client.call(.get, "/v1/private/order/current", credentials: t.aliceKey)
            #expect(current.array.compactMap { $0.string("orderId") } == ["1", "2"])

            // Only the batch's own shape fails the whole request.
            let envelopes: [(String, String)] = [
                ("{}", "orders"), (#"{"orders":null}"#, "orders"), (#"{"orders":{}}"#, "orders"), (#"{"orders":"x"}"#, "orders"),
                ("[]", "body"), (#"{"orders":["#, "body"),
            ]
            for (body, field) in envelopes {
                let whole = try await client.call(.post, "/v1/private/order/batch-place", body: body, credentials: t.aliceKey)
                #expect(whole.status == .badRequest && whole.code == 12001 && whole.field == field, "\(body): \(whole.msg)")
            }
            let large = try await client.call(
                .post, "/v1/private/order/batch-place", body: #"{"orders":["# + Array(repeating: "7", count: 21).joined(separator: ",") + "]}",
                credentials: t.aliceKey)
            #expect(large.status == .badRequest && large.code == 12003)
            // Nothing valid: 200 with every item's error, and nothing counted against the order limit.
            let none = try await client.call(.post, "/v1/private/order/batch-place", body: #"{"orders":[{},1]}"#, credentials: t.aliceKey)
            #expect(none.status == .ok && none.code == 0 && none.array.map { $0.int("code") } == [12001, 12001])
            #expect(none.array.first.flatMap { ($0["data"] as? [String: Any])?.string("field") } == "orders[0].symbol")
        }
        await t.harness.stop()
    }

    @Test("batch-move and batch-cancel: an item of the wrong shape fails alone, named by its path")
    func batchMoveAndCancelMalformedItems() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            try await client.place(orderJSON("BUY", "0.010", price: "64000.0"), t.aliceKey)  // 1
            try await client.place(orderJSON("BUY", "0.010", price: "63000.0", clientOrderId: "b-2"), t.aliceKey)  // 2
            let move = try await client.call(
                .post, "/v1/private/order/batch-move",
                body: #"{"symbol":"BTCUSDT","orders":[{"orderId":"1","price":64500.0},{"orderId":true,"price":"64000.0"},{"orderId":"1","price":"64400.0"}]}"#,
                credentials: t.aliceKey)
            #expect(move.status == .ok && move.code == 0)
            let moved = move.array
            try #require(moved.count == 3)
            #expect(moved[0].int("code") == 12001 && (moved[0]["data"] as? [String: Any])?.string("field") == "orders[0].price")
            #expect((moved[0]["msg"] as? String)?.hasSuffix(#"send "64500""#) == true)
            #expect(moved[1].int("code") == 12001 && (moved[1]["data"] as? [String: Any])?.string("field") == "orders[1].orderId")
            #expect(moved[2].int("code") == 0 && (moved[2]["data"] as? [String: Any])?.string("price") == "64400.0")
            let notArray = try await client.call(
                .post, "/v1/private/order/batch-move", body: #"{"symbol":"BTCUSDT","orders":7}"#, credentials: t.aliceKey)
            #expect(notArray.status == .badRequest && notArray.code == 12001 && notArray.field == "orders")

            let cancel = try await client.call(
                .post, "/v1/private/order/batch-cancel",
                body: #"{"symbol":"BTCUSDT","orderIds":["1","abc",2.5],"clientOrderIds":["has space",5,"b-2"]}"#, credentials: t.aliceKey)
            #expect(cancel.status == .ok && cancel.code == 0)
            let canceled = cancel.array
            try #require(canceled.count == 6)
            let fields = canceled.map { ($0["data"] as? [String: Any])?.string("field") }
            #expect(canceled.map { $0.int("code") } == [0, 12001, 12001, 12001, 12001, 0])
            #expect(fields[1...4] == ["orderIds[1]", "orderIds[2]", "clientOrderIds[0]", "clientOrderIds[1]"])
            #expect(canceled[4]["msg"] as? String == "invalid parameter clientOrderIds[1]: must be a string")
            #expect((canceled[5]["data"] as? [String: Any])?.string("orderId") == "2")
            let current = try await client.call(.get, "/v1/private/order/current", credentials: t.aliceKey)
            #expect(current.array.isEmpty)
        }
        await t.harness.stop()
    }

    @Test("batch-place of 21 orders answers 12003 and places nothing")
    func batchTooLarge() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            let items = Array(repeating: orderJSON("BUY", "0.001", price: "64000.0"), count: 21)
            let reply = try await client.call(
                .post, "/v1/private/order/batch-place", body: #"{"orders":["# + items.joined(separator: ",") + "]}", credentials: t.aliceKey)
            #expect(reply.status == .badRequest && reply.code == 12003)
            #expect(reply.msg == "a batch holds at most 20 items, got 21")
            #expect(reply.object.string("count") == "21" && reply.object.string("max") == "20")
            let current = try await client.call(.get, "/v1/private/order/current", credentials: t.aliceKey)
            #expect(current.array.isEmpty)
            // Twenty is fine.
            let twenty = Array(repeating: orderJSON("BUY", "0.001", price: "64000.0"), count: 20)
            let ok = try await client.call(
                .post, "/v1/private/order/batch-place", body: #"{"orders":["# + twenty.joined(separator: ",") + "]}", credentials: t.aliceKey)
            #expect(ok.code == 0 && ok.array.count == 20 && ok.array.allSatisfy { $0.int("code") == 0 })
        }
        await t.harness.stop()
    }

    @Test("batch-move and batch-cancel: per-item results")
    func batchMoveAndCancel() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            try await client.place(orderJSON("BUY", "0.010", price: "64000.0"), t.aliceKey)  // 1
            try await client.place(orderJSON("BUY", "0.010", price: "63000.0", clientOrderId: "b-2"), t.aliceKey)  // 2
            try await client.place(orderJSON("SELL", "0.010", price: "66000.0"), t.aliceKey)  // 3
            let move = try await client.call(
                .post, "/v1/private/order/batch-move",
                body: #"{"symbol":"BTCUSDT","orders":[{"orderId":"1","price":"64500.0"},{"clientOrderId":"b-2","quantity":"0.004"},{"orderId":"99","price":"64000.0"},{"orderId":"3"}]}"#,
                credentials: t.aliceKey)
            #expect(move.status == .ok && move.code == 0)
            let moved = move.array
            try #require(moved.count == 4)
            #expect(moved[0].int("code") == 0 && (moved[0]["data"] as? [String: Any])?.string("price") == "64500.0")
            #expect(moved[1].int("code") == 0 && (moved[1]["data"] as? [String: Any])?.string("quantity") == "0.004")
            #expect(moved[2].int("code") == 13013)
            #expect(moved[3].int("code") == 12001 && (moved[3]["data"] as? [String: Any])?.string("field") == "orders[3].price")
            let tooMany = try await client.call(
                .post, "/v1/private/order/batch-move",
                body: #"{"symbol":"BTCUSDT","orders":["# + Array(repeating: #"{"orderId":"1","price":"64000.0"}"#, count: 21).joined(separator: ",") + "]}",
                credentials: t.aliceKey)
            #expect(tooMany.status == .badRequest && tooMany.code == 12003)

            let cancel = try await client.call(
                .post, "/v1/private/order/batch-cancel", body: #"{"symbol":"BTCUSDT","orderIds":["1","99"],"clientOrderIds":["b-2"]}"#,
                credentials: t.aliceKey)
            #expect(cancel.status == .ok && cancel.code == 0)
            let canceled = cancel.array
            try #require(canceled.count == 3)
            #expect(canceled[0].int("code") == 0 && (canceled[0]["data"] as? [String: Any])?.string("status") == "CANCELED")
            #expect(canceled[1].int("code") == 13013)
            #expect(canceled[2].int("code") == 0 && (canceled[2]["data"] as? [String: Any])?.string("orderId") == "2")
            let current = try await client.call(.get, "/v1/private/order/current", credentials: t.aliceKey)
            #expect(current.array.compactMap { $0.string("orderId") } == ["3"])
            let none = try await client.call(.post, "/v1/private/order/batch-cancel", body: #"{"symbol":"BTCUSDT"}"#, credentials: t.aliceKey)
            #expect(none.status == .badRequest && none.code == 12001 && none.field == "orderIds")
            let ids = (1...21).map { "\"\($0)\"" }.joined(separator: ",")
            let large = try await client.call(
                .post, "/v1/private/order/batch-cancel", body: #"{"symbol":"BTCUSDT","orderIds":["# + ids + "]}", credentials: t.aliceKey)
            #expect(large.status == .badRequest && large.code == 12003)
        }
        await t.harness.stop()
    }

    @Test("batch-cancel-all NORMAL, CONDITION and ALL")
    func cancelAll() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            try await client.place(orderJSON("BUY", "0.010", price: "64000.0"), t.aliceKey)
            try await client.place(orderJSON("SELL", "0.010", price: "66000.0"), t.aliceKey)
            let stop = #"{"symbol":"BTCUSDT","side":"SELL","type":"STOP_MARKET","triggerPrice":"64000.0","quantity":"0.010"}"#
            #expect(try await client.call(.post, "/v1/private/order/place-condition", body: stop, credentials: t.aliceKey).code == 0)
            // Bob's order is not alice's to cancel.
            try await client.place(orderJSON("BUY", "0.010", price: "64000.0"), t.bobKey)

            let normal = try await client.call(
                .post, "/v1/private/order/batch-cancel-all", body: #"{"symbol":"BTCUSDT","type":"NORMAL"}"#, credentials: t.aliceKey)
            #expect(normal.status == .ok && normal.code == 0)
            #expect(normal.object.int("canceledOrders") == 2 && normal.object.int("canceledConditionOrders") == 0)
            let condition = try await client.call(
                .post, "/v1/private/order/batch-cancel-all", body: #"{"type":"CONDITION"}"#, credentials: t.aliceKey)
            #expect(condition.object.int("canceledOrders") == 0 && condition.object.int("canceledConditionOrders") == 1)

            try await client.place(orderJSON("BUY", "0.010", price: "64000.0"), t.aliceKey)
            #expect(try await client.call(.post, "/v1/private/order/place-condition", body: stop, credentials: t.aliceKey).code == 0)
            let all = try await client.call(.post, "/v1/private/order/batch-cancel-all", body: #"{"type":"ALL"}"#, credentials: t.aliceKey)
            #expect(all.object.int("canceledOrders") == 1 && all.object.int("canceledConditionOrders") == 1)
            let bobs = try await client.call(.get, "/v1/private/order/current", credentials: t.bobKey)
            #expect(bobs.array.count == 1)

            let badType = try await client.call(.post, "/v1/private/order/batch-cancel-all", body: #"{"type":"SOME"}"#, credentials: t.aliceKey)
            #expect(badType.status == .badRequest && badType.code == 12001 && badType.field == "type")
            #expect(badType.msg == #"invalid parameter type: must be one of NORMAL, CONDITION, ALL, got "SOME""#)
            let badSymbol = try await client.call(
                .post, "/v1/private/order/batch-cancel-all", body: #"{"symbol":"XYZ","type":"ALL"}"#, credentials: t.aliceKey)
            #expect(badSymbol.status == .notFound && badSymbol.code == 12002)
        }
        await t.harness.stop()
    }

    @Test("GET order by orderId and clientOrderId, open and closed; current")
    func queryOrder() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            try await client.place(orderJSON("BUY", "0.010", price: "64000.0", clientOrderId: "open-1"), t.aliceKey)  // 1
            try await client.place(orderJSON("SELL", "0.010", price: "65000.0", clientOrderId: "done-2"), t.aliceKey)  // 2
            try await client.place(orderJSON("BUY", "0.010"), t.bobKey)  // 3 fills 2

            let openById = try await client.call(.get, "/v1/private/order?symbol=BTCUSDT&orderId=1", credentials: t.aliceKey)
            #expect(openById.status == .ok && openById.object.string("clientOrderId") == "open-1" && openById.object.string("status") == "NEW")
            let openByClient = try await client.call(.get, "/v1/private/order?symbol=BTCUSDT&clientOrderId=open-1", credentials: t.aliceKey)
            #expect(openByClient.object.string("orderId") == "1")
            let closedById = try await client.call(.get, "/v1/private/order?symbol=BTCUSDT&orderId=2", credentials: t.aliceKey)
            #expect(closedById.object.string("status") == "FILLED" && closedById.object.string("clientOrderId") == "done-2")
            #expect(closedById.object.string("cumQuote") == "650" && closedById.object.string("avgPrice") == "65000.0")
            let closedByClient = try await client.call(.get, "/v1/private/order?symbol=BTCUSDT&clientOrderId=done-2", credentials: t.aliceKey)
            #expect(closedByClient.object.string("orderId") == "2" && closedByClient.object.string("executedQty") == "0.010")

            // Another user's order is not found; so is an unknown one.
            let foreign = try await client.call(.get, "/v1/private/order?symbol=BTCUSDT&orderId=3", credentials: t.aliceKey)
            #expect(foreign.status == .notFound && foreign.code == 13013)
            let unknown = try await client.call(.get, "/v1/private/order?symbol=BTCUSDT&orderId=999", credentials: t.aliceKey)
            #expect(unknown.status == .notFound && unknown.code == 13013)
            #expect(unknown.msg == "no order orderId 999 on BTCUSDT for this account")
            let neither = try await client.call(.get, "/v1/private/order?symbol=BTCUSDT", credentials: t.aliceKey)
            #expect(neither.status == .badRequest && neither.code == 12001 && neither.field == "orderId")
            let noSymbol = try await client.call(.get, "/v1/private/order?orderId=1", credentials: t.aliceKey)
            #expect(noSymbol.code == 12001 && noSymbol.field == "symbol")
            let badId = try await client.call(.get, "/v1/private/order?symbol=BTCUSDT&orderId=x1", credentials: t.aliceKey)
            #expect(badId.code == 12001 && badId.field == "orderId")

            let current = try await client.call(.get, "/v1/private/order/current?symbol=BTCUSDT", credentials: t.aliceKey)
            #expect(current.status == .ok && current.array.compactMap { $0.string("orderId") } == ["1"])
            let unknownSymbol = try await client.call(.get, "/v1/private/order/current?symbol=ETHUSDT", credentials: t.aliceKey)
            #expect(unknownSymbol.status == .notFound && unknownSymbol.code == 12002)
            // READ alone is not enough for order endpoints.
            let reader = try await t.harness.createApiKey(userId: t.alice, permissions: ["READ"])
            let denied = try await client.call(.get, "/v1/private/order/current", credentials: reader)
            #expect(denied.status == .forbidden && denied.code == 10007)
        }
        await t.harness.stop()
    }

    @Test("history pages newest first with nextCursor; a bad cursor answers 12001")
    func history() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            for _ in 0..<3 { try await client.place(orderJSON("BUY", "0.010", price: "64000.0"), t.aliceKey) }
            for id in 1...3 {
                let reply = try await client.call(.post, "/v1/private/order/cancel", body: #"{"symbol":"BTCUSDT","orderId":"\#(id)"}"#, credentials: t.aliceKey)
                #expect(reply.code == 0)
            }
            // An open order is not history.
            try await client.place(orderJSON("BUY", "0.010", price: "64000.0"), t.aliceKey)
            let first = try await client.call(.get, "/v1/private/order/history?symbol=BTCUSDT&limit=2", credentials: t.aliceKey)
            #expect(first.status == .ok && first.code == 0)
            // Same update time: newest (highest id) first.
            #expect(first.items.compactMap { $0.string("orderId") } == ["3", "2"])
            #expect(first.items.allSatisfy { $0.string("status") == "CANCELED" && $0.string("cancelReason") == "USER_CANCELED" })
            let cursor = try #require(first.nextCursor)
            let second = try await client.call(.get, "/v1/private/order/history?symbol=BTCUSDT&limit=2&cursor=\(cursor)", credentials: t.aliceKey)
            #expect(second.items.compactMap { $0.string("orderId") } == ["1"])
            #expect(second.isNull("nextCursor"))
            let all = try await client.call(.get, "/v1/private/order/history", credentials: t.aliceKey)
            #expect(all.items.count == 3 && all.isNull("nextCursor"))

            let bad = try await client.call(.get, "/v1/private/order/history?cursor=not-a-cursor", credentials: t.aliceKey)
            #expect(bad.status == .badRequest && bad.code == 12001 && bad.field == "cursor")
            let limit = try await client.call(.get, "/v1/private/order/history?limit=501", credentials: t.aliceKey)
            #expect(limit.status == .badRequest && limit.code == 12001 && limit.field == "limit")
            let range = try await client.call(.get, "/v1/private/order/history?startTime=10&endTime=5", credentials: t.aliceKey)
            #expect(range.code == 12001 && range.field == "startTime")
        }
        await t.harness.stop()
    }

    @Test("trades: own fills with fee, role and realized PnL, newest first")
    func trades() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            // Trade 1: bob buys 0.010 at 65000.0 from alice (maker). Notional 650:
            // alice pays 650 × 0.0002 = 0.13, bob 650 × 0.0005 = 0.325.
            try await client.place(orderJSON("SELL", "0.010", price: "65000.0"), t.aliceKey)  // 1
            try await client.place(orderJSON("BUY", "0.010"), t.bobKey)  // 2
            // Trade 2: bob sells 0.010 at 65100.0 to alice (maker). Notional 651: alice 0.1302,
            // bob 0.3255; bob closes a long from 65000 at 65100: +1, alice her short: −1.
            try await client.place(orderJSON("BUY", "0.010", price: "65100.0"), t.aliceKey)  // 3
            try await client.place(orderJSON("SELL", "0.010"), t.bobKey)  // 4

            let bob = try await client.call(.get, "/v1/private/order/trades?symbol=BTCUSDT", credentials: t.bobKey)
            #expect(bob.status == .ok && bob.code == 0)
            let fills = bob.items
            try #require(fills.count == 2)
            #expect(fills[0].string("tradeId") == "2" && fills[0].string("orderId") == "4")
            #expect(fills[0].string("side") == "SELL" && fills[0].string("role") == "TAKER")
            #expect(fills[0].string("price") == "65100.0" && fills[0].string("qty") == "0.010" && fills[0].string("quoteQty") == "651")
            #expect(fills[0].string("fee") == "0.3255" && fills[0].string("feeAsset") == "USDT")
            #expect(fills[0].string("realizedPnl") == "1")
            #expect(fills[0].string("symbol") == "BTCUSDT" && fills[0].int("time") == at(1000))
            #expect(fills[1].string("tradeId") == "1" && fills[1].string("side") == "BUY" && fills[1].string("role") == "TAKER")
            #expect(fills[1].string("fee") == "0.325" && fills[1].string("realizedPnl") == "0")

            let alice = try await client.call(.get, "/v1/private/order/trades", credentials: t.aliceKey)
            let makerFills = alice.items
            try #require(makerFills.count == 2)
            #expect(makerFills.allSatisfy { $0.string("role") == "MAKER" })
            #expect(makerFills[0].string("fee") == "0.1302" && makerFills[0].string("realizedPnl") == "-1")
            #expect(makerFills[1].string("fee") == "0.13" && makerFills[1].string("orderId") == "1")

            let page = try await client.call(.get, "/v1/private/order/trades?limit=1", credentials: t.bobKey)
            #expect(page.items.count == 1 && page.nextCursor != nil)
            let bad = try await client.call(.get, "/v1/private/order/trades?limit=0", credentials: t.bobKey)
            #expect(bad.status == .badRequest && bad.code == 12001 && bad.field == "limit")
            let unknown = try await client.call(.get, "/v1/private/order/trades?symbol=ETHUSDT", credentials: t.bobKey)
            #expect(unknown.status == .notFound && unknown.code == 12002)
        }
        await t.harness.stop()
    }

    @Test("history reads its own writes while the projector lingers: the read ends the wait")
    func historyWhileProjectorLingers() async throws {
        // An hour's linger: only the reads' urge gets the cancelled order into the store.
        let t = try await Traders.start { $0.projector.lingerMilliseconds = 3_600_000 }
        try await finishes("history reads during a linger") {
            try await t.harness.test { client in
                try await client.place(orderJSON("BUY", "0.010", price: "64000.0"), t.aliceKey)
                let cancel = try await client.call(
                    .post, "/v1/private/order/cancel", body: #"{"symbol":"BTCUSDT","orderId":"1"}"#, credentials: t.aliceKey)
                #expect(cancel.code == 0)
                // The setting is in force: nothing has asked for the cancel, and it is not stored.
                try await Task.sleep(for: .milliseconds(100))
                let exchange = t.harness.exchange
                #expect(exchange.lastProjectedSequence < exchange.sequencer.lastDurableSequence)
                let history = try await client.call(.get, "/v1/private/order/history?symbol=BTCUSDT", credentials: t.aliceKey)
                #expect(history.items.compactMap { $0.string("orderId") } == ["1"])
                let order = try await client.call(.get, "/v1/private/order?symbol=BTCUSDT&orderId=1", credentials: t.aliceKey)
                #expect(order.code == 0 && order.object.string("status") == "CANCELED")
            }
        }
        await t.harness.stop()
    }

    @Test("condition orders: place, trigger already reached 13012, current, cancel, history")
    func conditionOrders() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            let stop = #"{"symbol":"BTCUSDT","side":"SELL","type":"STOP_MARKET","triggerPrice":"64000","triggerPriceType":"MARK","quantity":"0.01","clientOrderId":"stop-1"}"#
            let placed = try await client.call(.post, "/v1/private/order/place-condition", body: stop, credentials: t.aliceKey)
            #expect(placed.status == .ok && placed.code == 0)
            let condition = placed.object
            #expect(condition.string("conditionOrderId") == "1")
            #expect(condition.string("clientOrderId") == "stop-1")
            #expect(condition.string("type") == "STOP_MARKET" && condition.string("side") == "SELL")
            #expect(condition.string("triggerPrice") == "64000.0" && condition.string("triggerPriceType") == "MARK")
            #expect(condition.isNull("price") && condition.string("quantity") == "0.010")
            #expect(condition["closePosition"] as? Bool == false)
            #expect(condition.string("status") == "UNTRIGGERED" && condition.isNull("triggeredOrderId"))
            #expect(condition.int("createTime") == at(1000))

            // A stop SELL at 66000 with the mark at 65000 would fire at once.
            let reached = try await client.call(
                .post, "/v1/private/order/place-condition",
                body: #"{"symbol":"BTCUSDT","side":"SELL","type":"STOP_MARKET","triggerPrice":"66000.0","triggerPriceType":"MARK","quantity":"0.010"}"#,
                credentials: t.aliceKey)
            #expect(reached.status == .badRequest && reached.code == 13012)
            #expect(reached.msg == "trigger price 66000.0 is already reached by the MARK price 65000.0")
            let noTrigger = try await client.call(
                .post, "/v1/private/order/place-condition", body: #"{"symbol":"BTCUSDT","side":"SELL","type":"STOP_MARKET","quantity":"0.010"}"#,
                credentials: t.aliceKey)
            #expect(noTrigger.status == .badRequest && noTrigger.code == 12001 && noTrigger.field == "triggerPrice")
            #expect(noTrigger.msg == "invalid parameter triggerPrice: is required for STOP_MARKET")
            let badType = try await client.call(
                .post, "/v1/private/order/place-condition",
                body: #"{"symbol":"BTCUSDT","side":"SELL","type":"STOP","triggerPrice":"64000.0","quantity":"0.010"}"#, credentials: t.aliceKey)
            #expect(badType.code == 12001 && badType.field == "type")
            // The client id is shared with normal orders.
            let duplicate = try await client.call(.post, "/v1/private/order/place-condition", body: stop, credentials: t.aliceKey)
            #expect(duplicate.status == .conflict && duplicate.code == 13015)
            #expect(duplicate.object.string("conditionOrderId") == "1")

            // A second one that will trigger: a stop SELL at 64000 on LAST... keep it simple:
            // TAKE_PROFIT_MARKET SELL at 66000 (LAST) rests too.
            let takeProfit = try await client.call(
                .post, "/v1/private/order/place-condition",
                body: #"{"symbol":"BTCUSDT","side":"SELL","type":"TAKE_PROFIT_MARKET","triggerPrice":"66000.0","closePosition":true}"#,
                credentials: t.aliceKey)
            #expect(takeProfit.code == 0 && takeProfit.object.string("conditionOrderId") == "2")
            #expect(takeProfit.object.isNull("quantity") && takeProfit.object["closePosition"] as? Bool == true)
            #expect(takeProfit.object.string("triggerPriceType") == "LAST")

            let current = try await client.call(.get, "/v1/private/order/current-condition?symbol=BTCUSDT", credentials: t.aliceKey)
            #expect(current.status == .ok && current.array.compactMap { $0.string("conditionOrderId") } == ["1", "2"])

            let cancel = try await client.call(
                .post, "/v1/private/order/cancel-condition", body: #"{"symbol":"BTCUSDT","conditionOrderId":"1"}"#, credentials: t.aliceKey)
            #expect(cancel.status == .ok && cancel.object.string("status") == "CANCELED")
            #expect(cancel.object.string("cancelReason") == "USER_CANCELED")
            let again = try await client.call(
                .post, "/v1/private/order/cancel-condition", body: #"{"symbol":"BTCUSDT","conditionOrderId":"1"}"#, credentials: t.aliceKey)
            // Already cancelled: 13014 with its final state, not "not found".
            #expect(again.status == .conflict && again.code == 13014)
            #expect(again.msg == "condition order 1 is already CANCELED")
            #expect(again.object.string("conditionOrderId") == "1" && again.object.string("status") == "CANCELED")
            // Its client id is still taken (API.md §5.5): 13015 shows the final condition order.
            let reused = try await client.call(.post, "/v1/private/order/place-condition", body: stop, credentials: t.aliceKey)
            #expect(reused.status == .conflict && reused.code == 13015)
            #expect(reused.object.string("conditionOrderId") == "1" && reused.object.string("status") == "CANCELED")
            let missing = try await client.call(.post, "/v1/private/order/cancel-condition", body: #"{"symbol":"BTCUSDT"}"#, credentials: t.aliceKey)
            #expect(missing.status == .badRequest && missing.code == 12001 && missing.field == "conditionOrderId")

            let history = try await client.call(.get, "/v1/private/order/history-condition", credentials: t.aliceKey)
            #expect(history.items.compactMap { $0.string("conditionOrderId") } == ["1"])
            #expect(history.items.first?.string("status") == "CANCELED")
            #expect(history.items.first?.string("triggerPrice") == "64000.0")
            let badCursor = try await client.call(.get, "/v1/private/order/history-condition?cursor=%25%25", credentials: t.aliceKey)
            #expect(badCursor.status == .badRequest && badCursor.code == 12001 && badCursor.field == "cursor")
            let unknownSymbol = try await client.call(.get, "/v1/private/order/current-condition?symbol=ETHUSDT", credentials: t.aliceKey)
            #expect(unknownSymbol.status == .notFound && unknownSymbol.code == 12002)
        }
        await t.harness.stop()
    }

    @Test("a MARK stop triggers on a mark tick and places a CONDITION order")
    func conditionTriggers() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            try await client.place(orderJSON("BUY", "0.010", price: "63000.0"), t.bobKey)  // 1
            let stop = #"{"symbol":"BTCUSDT","side":"SELL","type":"STOP_MARKET","triggerPrice":"63500.0","triggerPriceType":"MARK","quantity":"0.010"}"#
            #expect(try await client.call(.post, "/v1/private/order/place-condition", body: stop, credentials: t.aliceKey).code == 0)
            // Index 63000; the next tick makes the mark median(63000, 63000, 63000) = 63000 ≤ 63500.
            #expect(try await client.admin(.post, "/v1/admin/index-price", body: #"{"symbol":"BTCUSDT","price":"63000"}"#).code == 0)
            try await t.harness.exchange.sequencer.advanceClock(by: 1000)
            let history = try await client.call(.get, "/v1/private/order/history-condition", credentials: t.aliceKey)
            let condition = try #require(history.items.first)
            #expect(condition.string("status") == "TRIGGERED")
            #expect(condition.string("triggeredOrderId") == "2")
            let order = try await client.call(.get, "/v1/private/order?symbol=BTCUSDT&orderId=2", credentials: t.aliceKey)
            #expect(order.object.string("source") == "CONDITION" && order.object.string("conditionOrderId") == "1")
            #expect(order.object.string("status") == "FILLED" && order.object.string("avgPrice") == "63000.0")
            #expect(try await client.call(.get, "/v1/private/order/current-condition", credentials: t.aliceKey).array.isEmpty)
        }
        await t.harness.stop()
    }

    @Test("strategies: OTO activates its pending order when the working one fills; OCO legs")
    func strategies() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            let oto = #"{"type":"OTO","working":\#(orderJSON("BUY", "0.010", price: "64000.0")),"pending":\#(orderJSON("SELL", "0.010", price: "66000.0"))}"#
            let placed = try await client.call(.post, "/v1/private/order/place-strategy", body: oto, credentials: t.aliceKey)
            #expect(placed.status == .ok && placed.code == 0)
            #expect(placed.object.string("strategyId") == "1")
            #expect(placed.object.string("type") == "OTO" && placed.object.string("status") == "WORKING")
            let legs = placed.object["legs"] as? [[String: Any]] ?? []
            try #require(legs.count == 2)
            #expect(legs[0].string("role") == "WORKING" && legs[0].string("kind") == "ORDER" && legs[0].string("orderId") == "1")
            #expect(legs[0].string("side") == "BUY" && legs[0].string("type") == "LIMIT")
            #expect(legs[1].string("role") == "PENDING" && legs[1].isNull("orderId"))
            // Bob fills the working order (order 2); the pending one becomes order 3.
            try await client.place(orderJSON("SELL", "0.010"), t.bobKey)
            let after = try await client.call(.get, "/v1/private/order/strategy?strategyId=1", credentials: t.aliceKey)
            #expect(after.status == .ok && after.object.string("status") == "WORKING")
            let liveLegs = after.object["legs"] as? [[String: Any]] ?? []
            #expect(liveLegs.count == 2 && liveLegs[1].string("orderId") == "3")
            let pending = try await client.call(.get, "/v1/private/order?symbol=BTCUSDT&orderId=3", credentials: t.aliceKey)
            #expect(pending.object.string("source") == "STRATEGY" && pending.object.string("strategyId") == "1")
            #expect(pending.object.string("price") == "66000.0" && pending.object.string("status") == "NEW")

            // OCO: a limit sell and a stop; cancelling one leg cancels the strategy.
            let stopLeg = #"{"symbol":"BTCUSDT","side":"SELL","type":"STOP_MARKET","triggerPrice":"63000.0","quantity":"0.010"}"#
            let oco = #"{"type":"OCO","legs":[\#(orderJSON("SELL", "0.010", price: "67000.0")),\#(stopLeg)]}"#
            let ocoReply = try await client.call(.post, "/v1/private/order/place-strategy", body: oco, credentials: t.bobKey)
            #expect(ocoReply.code == 0 && ocoReply.object.string("type") == "OCO" && ocoReply.object.string("status") == "WORKING")
            let ocoLegs = ocoReply.object["legs"] as? [[String: Any]] ?? []
            try #require(ocoLegs.count == 2)
            #expect(ocoLegs[0].string("role") == "LEG" && ocoLegs[0].string("kind") == "ORDER")
            #expect(ocoLegs[1].string("role") == "LEG" && ocoLegs[1].string("kind") == "CONDITION" && ocoLegs[1].string("type") == "STOP_MARKET")
            let ocoId = try #require(ocoReply.object.string("strategyId"))
            let legOrder = try #require(ocoLegs[0].string("orderId"))
            #expect(try await client.call(
                .post, "/v1/private/order/cancel", body: #"{"symbol":"BTCUSDT","orderId":"\#(legOrder)"}"#, credentials: t.bobKey).code == 0)
            let canceled = try await client.call(.get, "/v1/private/order/strategy?strategyId=\(ocoId)", credentials: t.bobKey)
            #expect(canceled.object.string("status") == "CANCELED")
            #expect(try await client.call(.get, "/v1/private/order/current-condition", credentials: t.bobKey).array.isEmpty)

            let oneLeg = try await client.call(
                .post, "/v1/private/order/place-strategy", body: #"{"type":"OCO","legs":[\#(stopLeg)]}"#, credentials: t.bobKey)
            #expect(oneLeg.status == .badRequest && oneLeg.code == 12001 && oneLeg.field == "legs")
            let unknown = try await client.call(.get, "/v1/private/order/strategy?strategyId=42", credentials: t.aliceKey)
            #expect(unknown.status == .notFound && unknown.code == 13013)
            let foreign = try await client.call(.get, "/v1/private/order/strategy?strategyId=1", credentials: t.bobKey)
            #expect(foreign.status == .notFound && foreign.code == 13013)
            let badId = try await client.call(.get, "/v1/private/order/strategy?strategyId=one", credentials: t.aliceKey)
            #expect(badId.status == .badRequest && badId.code == 12001 && badId.field == "strategyId")

            // A clientStrategyId in use: 13015 with the existing strategy in data.
            let named = #"{"type":"OCO","clientStrategyId":"s-1","legs":[\#(orderJSON("SELL", "0.010", price: "67000.0")),\#(stopLeg)]}"#
            let first = try await client.call(.post, "/v1/private/order/place-strategy", body: named, credentials: t.bobKey)
            let firstId = try #require(first.object.string("strategyId"))
            let again = try await client.call(.post, "/v1/private/order/place-strategy", body: named, credentials: t.bobKey)
            #expect(again.status == .conflict && again.code == 13015)
            #expect(again.msg == "clientStrategyId s-1 is already used; the existing strategy is in data")
            #expect(again.object.string("strategyId") == firstId && again.object.string("status") == "WORKING")
        }
        await t.harness.stop()
    }

    @Test("OTOCO: the take-profit and stop pair as pending (API.md §5.4) or as legs; pending lists are only for OTOCO")
    func otocoPending() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            let working = orderJSON("BUY", "0.010", price: "64000.0")
            let takeProfit = orderJSON("SELL", "0.010", price: "67000.0")
            let stop = #"{"symbol":"BTCUSDT","side":"SELL","type":"STOP_MARKET","triggerPrice":"62000.0","quantity":"0.010"}"#
            for pair in [#""pending":[\#(takeProfit),\#(stop)]"#, #""legs":[\#(takeProfit),\#(stop)]"#] {
                let placed = try await client.call(
                    .post, "/v1/private/order/place-strategy", body: #"{"type":"OTOCO","working":\#(working),\#(pair)}"#, credentials: t.aliceKey)
                #expect(placed.status == .ok && placed.code == 0, "\(pair): \(placed.msg)")
                #expect(placed.object.string("type") == "OTOCO" && placed.object.string("status") == "WORKING")
                let legs = placed.object["legs"] as? [[String: Any]] ?? []
                #expect(legs.count == 3)
                #expect(legs.first?.string("role") == "WORKING" && legs.first?.string("side") == "BUY")
                #expect(legs.dropFirst().map { $0.string("kind") } == ["ORDER", "CONDITION"])
            }
            let one = try await client.call(
                .post, "/v1/private/order/place-strategy", body: #"{"type":"OTOCO","working":\#(working),"pending":[\#(takeProfit)]}"#,
                credentials: t.aliceKey)
            #expect(one.status == .badRequest && one.code == 12001 && one.field == "pending")
            let both = try await client.call(
                .post, "/v1/private/order/place-strategy",
                body: #"{"type":"OTOCO","working":\#(working),"pending":[\#(takeProfit),\#(stop)],"legs":[\#(takeProfit),\#(stop)]}"#,
                credentials: t.aliceKey)
            #expect(both.code == 12001 && both.field == "pending")
            let otoList = try await client.call(
                .post, "/v1/private/order/place-strategy", body: #"{"type":"OTO","working":\#(working),"pending":[\#(takeProfit),\#(stop)]}"#,
                credentials: t.aliceKey)
            #expect(otoList.code == 12001 && otoList.field == "pending")
            // A bad leg of the pair is named by its place in pending.
            let badLeg = try await client.call(
                .post, "/v1/private/order/place-strategy",
                body: #"{"type":"OTOCO","working":\#(working),"pending":[\#(takeProfit),{"symbol":"BTCUSDT","side":"UP","type":"STOP_MARKET","triggerPrice":"62000.0","quantity":"0.010"}]}"#,
                credentials: t.aliceKey)
            #expect(badLeg.code == 12001 && badLeg.field == "pending[1].side", "\(badLeg.msg)")
        }
        await t.harness.stop()
    }

    @Test("the order rate limit answers 11001 with Retry-After and the bucket's headers")
    func orderRateLimit() async throws {
        // A long window, so that a test held up for seconds under CI load sees the same figures.
        let t = try await Traders.start { $0.rateLimits.ordersPerUser = BucketSettings(capacity: 3, windowSeconds: 1000) }
        try await t.harness.test { client in
            for index in 0..<3 {
                let reply = try await client.call(
                    .post, "/v1/private/order/place", body: orderJSON("BUY", "0.001", price: "64000.0"), credentials: t.aliceKey)
                #expect(reply.code == 0)
                #expect(reply.headers[HTTPField.Name("X-RateLimit-Limit")!] == "3")
                #expect(reply.headers[HTTPField.Name("X-RateLimit-Remaining")!] == String(2 - index))
            }
            let limited = try await client.call(
                .post, "/v1/private/order/place", body: orderJSON("BUY", "0.001", price: "64000.0"), credentials: t.aliceKey)
            #expect(limited.status == .tooManyRequests && limited.code == 11001)
            // One token refills in 1000 s / 3 = 333.3 s: "retry in 334 s" (rounded up; less by
            // as many seconds as the four requests took).
            let retryAfter = try #require(limited.headers[.retryAfter])
            #expect((300...334).contains(Int(retryAfter) ?? 0))
            #expect(limited.headers[HTTPField.Name("X-RateLimit-Limit")!] == "3")
            #expect(limited.headers[HTTPField.Name("X-RateLimit-Remaining")!] == "0")
            #expect((960...1000).contains(Int(limited.headers[HTTPField.Name("X-RateLimit-Reset")!] ?? "") ?? 0))
            #expect(limited.object.string("limit") == "3" && limited.object.string("retryAfter") == retryAfter)
            // Nothing was placed; bob has his own bucket, in which a batch of 4 counts 4.
            #expect(try await client.call(.get, "/v1/private/order/current", credentials: t.aliceKey).array.count == 3)
            let batch = Array(repeating: orderJSON("BUY", "0.001", price: "64000.0"), count: 4)
            let bobBatch = try await client.call(
                .post, "/v1/private/order/batch-place", body: #"{"orders":["# + batch.joined(separator: ",") + "]}", credentials: t.bobKey)
            #expect(bobBatch.status == .tooManyRequests && bobBatch.code == 11001)
            #expect(try await client.call(.get, "/v1/private/order/current", credentials: t.bobKey).array.isEmpty)
            // Reads are not orders.
            #expect(try await client.call(.get, "/v1/private/order/current", credentials: t.aliceKey).code == 0)
        }
        await t.harness.stop()
    }

    @Test("batch-place: a field error in one item names the item and the field")
    func batchPlaceFieldError() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            let items = [orderJSON("BUY", "0.010", price: "64000.0"), orderJSON("BUY", "0.010", type: "LIMIT")]
            let reply = try await client.call(
                .post, "/v1/private/order/batch-place", body: #"{"orders":["# + items.joined(separator: ",") + "]}", credentials: t.aliceKey)
            #expect(reply.code == 0)
            let results = reply.array
            try #require(results.count == 2)
            #expect(results[0].int("code") == 0)
            #expect(results[1].int("code") == 12001)
            #expect((results[1]["data"] as? [String: Any])?.string("field") == "orders[1].price")
            // The message names the field the way every other 12001 does.
            #expect(results[1]["msg"] as? String == "invalid parameter orders[1].price: is required for a LIMIT order")
        }
        await t.harness.stop()
    }
}
