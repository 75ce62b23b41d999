import Foundation
import PerpetuaClient
import PerpetuaCore
import PerpetuaServer
import Testing

/// Issue #5's end-to-end proof over a real socket with `PerpetuaClient`: two users sign
/// up, log in, create API keys, get deposits from the operator, trade until positions,
/// fees, funding (on the manual clock) and a liquidation appear, and every history
/// endpoint tells the same story with consistent numbers.
@Suite("End to end over a socket")
struct EndToEndTests {
    static func amount(_ text: String) -> Amount { try! Amount(parsing: text) }

    @Test("register, log in, key, deposit, trade, funding and liquidation, consistent in every history endpoint")
    func fullLifecycle() async throws {
        let server = try await LiveServer.start { $0.registrationEnabled = true }
        let base = server.baseURL
        let admin = PerpetuaClient(baseURL: base, credentials: .bearer("test-admin-token"))

        // The operator lists BTCUSDT and sets its index.
        let symbol = try await admin.adminCreateSymbol(Symbol(
            symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT", tickSize: "0.1", stepSize: "0.001", minQty: "0.001",
            maxQty: "1000", minNotional: "5", priceBandRate: "0.05", maxLeverage: 125,
            leverageBrackets: [
                .init(bracket: 1, maxLeverage: 125, notionalFloor: "0", notionalCap: "50000", maintMarginRate: "0.004"),
                .init(bracket: 2, maxLeverage: 100, notionalFloor: "50000", notionalCap: "250000", maintMarginRate: "0.005"),
            ],
            feeTiers: [.init(tier: 0, minVolume30d: "0", makerRate: "0.0002", takerRate: "0.0005")]))
        #expect(symbol.leverageBrackets[1].cum == "50")
        _ = try await admin.adminSetIndexPrice(symbol: "BTCUSDT", price: "65000")
        let clock = try await admin.adminClock()
        _ = try await admin.adminSetClock(time: clock.time + 1000)

        // Two users register, log in and create API keys; the operator funds them.
        var traders: [PerpetuaClient] = []
        var userIds: [String] = []
        for name in ["alice", "bob"] {
            let session = PerpetuaClient(baseURL: base)
            _ = try await session.register(username: name, password: "correct horse battery 7")
            _ = try await session.login(username: name, password: "correct horse battery 7")
            let info = try await session.userInfo()
            #expect(info.username == name)
            let created = try await session.createApiKey(ApiKeyCreateRequest(label: "e2e", permissions: ["READ", "TRADE"]))
            #expect(!created.apiSecret.isEmpty)
            #expect(try await session.apiKeys().map(\.apiKey) == [created.key.apiKey])
            #expect(try await admin.adminDeposit(userId: info.userId, amount: "10000") == "10000")
            traders.append(PerpetuaClient(baseURL: base, credentials: .apiKey(key: created.key.apiKey, secret: created.apiSecret, recvWindow: 60_000)))
            userIds.append(info.userId)
        }
        let (alice, bob) = (traders[0], traders[1])

        // Alice goes long 0.1 BTC isolated at 100x against Bob's resting offer.
        _ = try await alice.setMarginMode(symbol: "BTCUSDT", marginMode: "ISOLATED")
        _ = try await alice.setLeverage(symbol: "BTCUSDT", leverage: 100)
        let offer = try await bob.placeOrder(OrderRequest(
            symbol: "BTCUSDT", side: "SELL", type: "LIMIT", quantity: "0.100", price: "65000.0", clientOrderId: "bob-1"))
        #expect(offer.status == "NEW")
        let taken = try await alice.placeOrder(OrderRequest(symbol: "BTCUSDT", side: "BUY", type: "MARKET", quantity: "0.100"))
        #expect(taken.status == "FILLED")
        #expect(taken.avgPrice == "65000.0")
        let long = try await alice.positions(symbol: "BTCUSDT")
        #expect(long.count == 1 && long[0].side == "LONG" && long[0].size == "0.100" && long[0].marginMode == "ISOLATED")

        // Funding at the next 8-hour boundary: longs pay shorts.
        let now = try await admin.adminClock().time
        let funding = (now / 28_800_000 + 1) * 28_800_000
        _ = try await admin.adminSetClock(time: funding + 1000)
        let history = try await alice.fundingRateHistory(symbol: "BTCUSDT")
        #expect(history.items.count == 1)

        // Bob bids below; the index falls and Alice's isolated position is liquidated.
        _ = try await bob.placeOrder(OrderRequest(symbol: "BTCUSDT", side: "BUY", type: "LIMIT", quantity: "0.100", price: "64400.0"))
        _ = try await admin.adminSetIndexPrice(symbol: "BTCUSDT", price: "64200")
        let later = try await admin.adminClock().time
        _ = try await admin.adminSetClock(time: later + 5000)
        #expect(try await alice.positions(symbol: "BTCUSDT").isEmpty)

        // Every history endpoint, for both users, with consistent numbers.
        for (index, trader) in traders.enumerated() {
            let changes = try await trader.accountChanges(page: PageRequest(limit: 500)).items
            let asset = try await trader.asset()
            let sum = changes.reduce(Amount.zero) { $0 + Self.amount($1.amount) }
            #expect(sum.description == asset.walletBalance, "user \(userIds[index]): change log sums to the wallet")
            let fills = try await trader.fills(page: PageRequest(limit: 500)).items
            let feesFromFills = fills.reduce(Amount.zero) { $0 + Self.amount($1.fee) }
            let feesFromLog = changes.filter { $0.type == "TRADE_FEE" }.reduce(Amount.zero) { $0 - Self.amount($1.amount) }
            #expect(feesFromFills == feesFromLog, "user \(userIds[index]): fill fees match TRADE_FEE rows")
            #expect(changes.contains { $0.type == "DEPOSIT" })
            #expect(changes.contains { $0.type == "FUNDING_FEE" })
            #expect(!(try await trader.orderHistory(page: PageRequest(limit: 500)).items.isEmpty))
        }
        let aliceChanges = try await alice.accountChanges(page: PageRequest(limit: 500)).items
        let bobChanges = try await bob.accountChanges(page: PageRequest(limit: 500)).items
        let fundingSum = (aliceChanges + bobChanges).filter { $0.type == "FUNDING_FEE" }.reduce(Amount.zero) { $0 + Self.amount($1.amount) }
        #expect(fundingSum == .zero, "funding moves money between users only")
        #expect(aliceChanges.contains { $0.type == "REALIZED_PNL" })
        let closed = try await alice.positionHistory(page: PageRequest(limit: 10)).items
        #expect(closed.first?.closeType == "LIQUIDATION")
        let aliceOrders = try await alice.orderHistory(page: PageRequest(limit: 10)).items
        #expect(aliceOrders.contains { $0.source == "LIQUIDATION" })
        let fund = try await admin.adminInsuranceFund()
        #expect(Self.amount(fund.balance) > .zero, "the liquidation fee went to the insurance fund")

        try await admin.shutdown()
        for trader in traders { try await trader.shutdown() }
        await server.stop()
    }
}
