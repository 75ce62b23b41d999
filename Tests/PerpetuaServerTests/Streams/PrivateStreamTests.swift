import Foundation
import HTTPTypes
import PerpetuaClient
import PerpetuaCore
import PerpetuaEngine
import PerpetuaJournal
import PerpetuaServer
import PerpetuaStore
import Synchronization
import Testing

/// The private stream of API.md §6.2 over a real socket.
@Suite("Private stream")
struct PrivateStreamTests {
    static func listenKey(_ server: LiveServer, user: UInt64, ttl: Int64 = 3_600_000) async throws -> String {
        let key = "lk-\(UUID().uuidString.lowercased())"
        try await server.exchange.store.putListenKey(ListenKeyRecord(key: key, userId: user, expiresAt: server.exchange.now + ttl))
        return key
    }

    /// Waits until the hub has registered `connections` streams: the client's side of the
    /// upgrade can finish before the server's handler has opened the connection, and
    /// events published before that are not for it.
    static func registered(_ server: LiveServer, connections: Int) async throws {
        guard try await eventually({ server.exchange.streams.connectionCount >= connections }) else {
            throw StreamTestError("the hub never registered the connection")
        }
    }

    /// The `type` of the ORDER_UPDATE/… data, for compact expectations.
    static func summary(_ event: PrivateEvent) -> String {
        switch event.event {
        case "ORDER_UPDATE": "ORDER_UPDATE \(event.data.status?.stringValue ?? "?") \(event.data.source?.stringValue ?? "?")"
        case "CONDITION_ORDER_UPDATE": "CONDITION_ORDER_UPDATE \(event.data.status?.stringValue ?? "?")"
        case "STRATEGY_UPDATE": "STRATEGY_UPDATE \(event.data.status?.stringValue ?? "?")"
        case "BALANCE_UPDATE": "BALANCE_UPDATE \(event.data.type?.stringValue ?? "?")"
        default: event.event
        }
    }

    /// One in-process REST call per `call` (the route tests' helper), outside any closure.
    struct InProcessCaller: Sendable {
        let harness: ServerHarness

        func call(_ method: HTTPRequest.Method, _ path: String, body: String = "", credentials: ApiCredentials? = nil) async throws -> Reply {
            let result = Mutex<Reply?>(nil)
            try await harness.test { client in
                let reply = try await client.call(method, path, body: body, credentials: credentials)
                result.withLock { $0 = reply }
            }
            return result.withLock { $0! }
        }
    }

    @Test("order lifecycle events in order, with a gapless seq; balances and positions match REST afterwards")
    func lifecycle() async throws {
        let server = try await LiveServer.start()
        try await server.harness.addBTC()
        let alice = try await server.harness.createUser("alice", deposit: "100000")
        let bob = try await server.harness.createUser("bob", deposit: "100000")
        let aliceKey = try await server.harness.createApiKey(userId: alice)
        let key = try await Self.listenKey(server, user: alice)
        let background = BackgroundStream(url: server.privateURL(key))
        _ = try await background.connected()
        try await Self.registered(server, connections: 1)
        let log = background.log

        let client = InProcessCaller(harness: server.harness)
        do {
            // New, partial fill, fill.
            let placed = try await client.call(.post, "/v1/private/order/place", body: orderJSON("BUY", "0.010", price: "65000"), credentials: aliceKey)
            #expect(placed.code == 0)
            let orderId = placed.object.string("orderId")!
            _ = try await server.exchange.submit(.placeOrder(OrderRequest(account: bob, symbol: "BTCUSDT", side: .sell, type: .market, quantity: Quantity(units: 400_000), timeInForce: .ioc)))
            _ = try await server.exchange.submit(.placeOrder(OrderRequest(account: bob, symbol: "BTCUSDT", side: .sell, type: .market, quantity: Quantity(units: 600_000), timeInForce: .ioc)))
            // The engine reports the last fill (FILLED, with the fill), then the order's end
            // (FILLED again, no fill): both reach the stream.
            #expect(await log.wait { _ in log.events.filter { $0.event == "ORDER_UPDATE" && $0.data.status == .string("FILLED") }.count == 2 })
            let orders = log.events.filter { $0.event == "ORDER_UPDATE" }
            #expect(orders.map { $0.data.status?.stringValue } == ["NEW", "PARTIALLY_FILLED", "FILLED", "FILLED"])
            #expect(orders.allSatisfy { $0.data.orderId == .string(orderId) })
            #expect(orders[1].data.lastFill?.qty == .string("0.004") && orders[1].data.lastFill?.role == .string("MAKER"))
            #expect(orders[1].data.executedQty == .string("0.004"))
            #expect(orders[2].data.lastFill?.qty == .string("0.006") && orders[2].data.executedQty == .string("0.010"))
            #expect(orders[3].data.lastFill == .null && orders[3].data.executedQty == .string("0.010"))
            #expect(orders[0].data.lastFill == .null)

            // Amend, then cancel.
            let resting = try await client.call(.post, "/v1/private/order/place", body: orderJSON("BUY", "0.010", price: "64000"), credentials: aliceKey)
            let restingId = resting.object.string("orderId")!
            let moved = try await client.call(
                .post, "/v1/private/order/move", body: #"{"symbol":"BTCUSDT","orderId":"\#(restingId)","price":"64100"}"#, credentials: aliceKey)
            #expect(moved.code == 0)
            let cancelled = try await client.call(
                .post, "/v1/private/order/cancel", body: #"{"symbol":"BTCUSDT","orderId":"\#(restingId)"}"#, credentials: aliceKey)
            #expect(cancelled.code == 0)
            #expect(await log.wait { _ in log.events.contains { $0.event == "ORDER_UPDATE" && $0.data.status == .string("CANCELED") } })
            let restingEvents = log.events.filter { $0.event == "ORDER_UPDATE" && $0.data.orderId == .string(restingId) }
            #expect(restingEvents.map { $0.data.status?.stringValue } == ["NEW", "NEW", "CANCELED"])
            #expect(restingEvents[1].data.price == .string("64100.0"))
            #expect(restingEvents[2].data.cancelReason == .string("USER_CANCELED"))

            // A stop that triggers on the last price: placed, triggered, its order filled.
            let stop = try await client.call(
                .post, "/v1/private/order/place-condition",
                body: #"{"symbol":"BTCUSDT","side":"SELL","type":"STOP_MARKET","triggerPrice":"64900","quantity":"0.005","reduceOnly":true}"#,
                credentials: aliceKey)
            #expect(stop.code == 0, "\(stop.msg)")
            _ = try await server.exchange.submit(.placeOrder(OrderRequest(account: bob, symbol: "BTCUSDT", side: .buy, type: .limit, quantity: Quantity(units: 1_000_000), price: try Price(parsing: "64850"))))
            _ = try await server.exchange.submit(.placeOrder(OrderRequest(account: bob, symbol: "BTCUSDT", side: .sell, type: .limit, quantity: Quantity(units: 100_000), price: try Price(parsing: "64850"), selfTradePrevention: .none)))
            #expect(await log.wait { _ in log.events.contains { $0.event == "ORDER_UPDATE" && $0.data.source == .string("CONDITION") && $0.data.status == .string("FILLED") } })
            // TRIGGERED when the condition fires, then TRIGGERED with the id of the order it placed.
            #expect(await log.wait { _ in log.events.filter { $0.event == "CONDITION_ORDER_UPDATE" }.count == 3 })
            let conditions = log.events.filter { $0.event == "CONDITION_ORDER_UPDATE" }
            #expect(conditions.map { $0.data.status?.stringValue } == ["UNTRIGGERED", "TRIGGERED", "TRIGGERED"])
            let triggeredOrder = log.events.first { $0.event == "ORDER_UPDATE" && $0.data.source == .string("CONDITION") }
            #expect(conditions.count == 3 && conditions[1].data.triggeredOrderId == .null)
            #expect(conditions.count == 3 && triggeredOrder != nil && conditions[2].data.triggeredOrderId == triggeredOrder?.data.orderId)

            // A strategy: OTO with a working buy and a pending sell.
            let strategy = try await client.call(
                .post, "/v1/private/order/place-strategy",
                body: #"{"type":"OTO","working":{"symbol":"BTCUSDT","side":"BUY","type":"LIMIT","price":"64000","quantity":"0.002"},"pending":{"symbol":"BTCUSDT","side":"SELL","type":"LIMIT","price":"66000","quantity":"0.002"}}"#,
                credentials: aliceKey)
            #expect(strategy.code == 0, "\(strategy.msg)")
            #expect(await log.wait { _ in
                log.events.contains { $0.event == "STRATEGY_UPDATE" }
                    && log.events.contains { $0.event == "ORDER_UPDATE" && $0.data.source == .string("STRATEGY") }
            })
            // The working leg rests; the pending one waits for it.
            let legs = log.events.filter { $0.event == "ORDER_UPDATE" && $0.data.source == .string("STRATEGY") }
            #expect(legs.map { "\($0.data.side?.stringValue ?? "?") \($0.data.status?.stringValue ?? "?")" } == ["BUY NEW"])

            // Funding: alice is long 0.005 BTC; a settlement moves money as FUNDING_FEE.
            _ = try await server.exchange.submit(.settleFunding(symbol: "BTCUSDT"))
            #expect(await log.wait { _ in log.events.contains { $0.event == "BALANCE_UPDATE" && $0.data.type == .string("FUNDING_FEE") } })

            // Gapless per-connection seq.
            let events = log.events
            #expect(events.map(\.seq) == Array(Int64(1)..<Int64(events.count + 1)))
            #expect(events.contains { $0.event == "POSITION_UPDATE" })

            // Balances and positions as REST says.
            await server.exchange.waitForProjection()
            let asset = try await client.call(.get, "/v1/private/user/asset", credentials: aliceKey)
            let lastBalance = events.last { $0.event == "BALANCE_UPDATE" }
            #expect(lastBalance?.data.balanceAfter?.stringValue == asset.object.string("walletBalance"))
            let positions = try await client.call(.get, "/v1/private/position/positions?symbol=BTCUSDT", credentials: aliceKey)
            let lastPosition = events.last { $0.event == "POSITION_UPDATE" }
            #expect(lastPosition?.data.size?.stringValue == positions.array.first?.string("size"))
            #expect(lastPosition?.data.side?.stringValue == positions.array.first?.string("side"))
        }
        // Bob's events never reach alice's connection.
        #expect(!log.events.contains { $0.event == "ORDER_UPDATE" && $0.data.side == .string("SELL") && $0.data.source == .string("USER") && $0.data.type == .string("MARKET") })
        _ = await background.close()
        await server.stop()
    }

    @Test("liquidation: LIQUIDATION and the position's end reach the liquidated account")
    func liquidation() async throws {
        let server = try await LiveServer.start()
        try await server.harness.addBTC()
        let risky = try await server.harness.createUser("risky", deposit: "100")
        let maker = try await server.harness.createUser("maker", deposit: "1000000")
        _ = try await server.exchange.submit(.setLeverage(account: risky, symbol: "BTCUSDT", leverage: 100))
        let key = try await Self.listenKey(server, user: risky)
        let background = BackgroundStream(url: server.privateURL(key))
        _ = try await background.connected()
        try await Self.registered(server, connections: 1)
        _ = try await server.exchange.submit(.placeOrder(OrderRequest(account: maker, symbol: "BTCUSDT", side: .sell, type: .limit, quantity: Quantity(units: 3_000_000), price: try Price(parsing: "65000"))))
        _ = try await server.exchange.submit(.placeOrder(OrderRequest(account: risky, symbol: "BTCUSDT", side: .buy, type: .market, quantity: Quantity(units: 3_000_000), timeInForce: .ioc)))
        _ = try await server.exchange.submit(.placeOrder(OrderRequest(account: maker, symbol: "BTCUSDT", side: .buy, type: .limit, quantity: Quantity(units: 3_000_000), price: try Price(parsing: "61000"))))
        _ = try await server.exchange.submit(.setIndexPrice(symbol: "BTCUSDT", price: try Price(parsing: "61000")))
        for _ in 0..<3 { _ = try await server.exchange.submit(.markPriceTick) }
        let log = background.log
        #expect(await log.wait { _ in log.events.contains { $0.event == "LIQUIDATION" } })
        let liquidation = log.events.first { $0.event == "LIQUIDATION" }
        // `side` is the liquidated position's, as in position resources: risky was long.
        #expect(liquidation?.data.symbol == .string("BTCUSDT") && liquidation?.data.side == .string("LONG"))
        #expect(log.events.contains { $0.event == "ORDER_UPDATE" && $0.data.source == .string("LIQUIDATION") })
        let events = log.events
        #expect(events.map(\.seq) == Array(Int64(1)..<Int64(events.count + 1)))
        _ = await background.close()
        await server.stop()
    }

    @Test("listen keys: unknown key refused with 10010; expiry on the manual clock sends LISTEN_KEY_EXPIRED and closes; delete closes")
    func listenKeyExpiry() async throws {
        let server = try await LiveServer.start { $0.streams.sweepIntervalMilliseconds = 50 }
        try await server.harness.addBTC()
        let alice = try await server.harness.createUser("alice")

        let unknown = BackgroundStream(url: server.privateURL("nope"))
        #expect(await unknown.log.wait { _ in unknown.log.errors.first?.code == 10010 })
        let refused = await unknown.closedByServer()
        #expect(refused??.code == 1008)
        let http = try await PerpetuaClient(baseURL: server.baseURL).send(.get, "/v1/ws/private?listenKey=nope", auth: .none)
        #expect(http.status == 401)

        let key = try await Self.listenKey(server, user: alice, ttl: 60_000)
        let background = BackgroundStream(url: server.privateURL(key))
        _ = try await background.connected()
        try await Self.registered(server, connections: 1)
        try await Task.sleep(for: .milliseconds(300))
        #expect(background.log.events.isEmpty)
        // Extended in the store: passing the old expiry keeps the connection.
        #expect(try await server.exchange.store.extendListenKey(key, userId: alice, expiresAt: server.exchange.now + 120_000))
        _ = try await server.exchange.sequencer.advanceClock(by: 90_000)
        try await Task.sleep(for: .milliseconds(300))
        #expect(background.log.events.isEmpty)
        _ = try await server.exchange.sequencer.advanceClock(by: 31_000)
        #expect(await background.log.wait { _ in background.log.events.contains { $0.event == "LISTEN_KEY_EXPIRED" } })
        let expired = background.log.events.last
        #expect(expired?.data.listenKey == .string(key) && expired?.seq == 1)
        let closed = await background.closedByServer()
        #expect(closed??.code == 1008)

        // DELETE /v1/private/user/listen-key closes the key's connections (the route calls the registry hook).
        // The expired connection leaves the hub first, so that the count below is the new one's.
        try await finishes("the expired connection leaves the hub") {
            while server.exchange.streams.connectionCount > 0 { try await Task.sleep(for: .milliseconds(5)) }
        }
        let second = try await Self.listenKey(server, user: alice, ttl: 600_000)
        let other = BackgroundStream(url: server.privateURL(second))
        _ = try await other.connected()
        let aliceKey = try await server.harness.createApiKey(userId: alice)
        try await Task.sleep(for: .milliseconds(200))
        try await Self.registered(server, connections: 1)
        let deletedByRoute = try await InProcessCaller(harness: server.harness).call(
            .delete, "/v1/private/user/listen-key", body: #"{"listenKey":"\#(second)"}"#, credentials: aliceKey)
        #expect(deletedByRoute.code == 0, "\(deletedByRoute.msg)")
        let deleted = await other.closedByServer()
        #expect(deleted??.code == 1000)
        #expect(deleted??.reason == "listen key closed")
        await server.stop()
    }
}
