import PerpetuaCore
@testable import PerpetuaEngine
import Testing

@Suite("Engine: a first trade")
struct EngineSmokeTests {
    typealias F = EngineFixtures

    @Test("two accounts trade: positions, entry prices, fees and balances follow by hand")
    func firstTrade() throws {
        var d = EngineDriver()
        d.ok(.addSymbol(F.btc))
        d.ok(.setIndexPrice(symbol: "BTCUSDT", price: F.price("50000")))
        d.ok(.deposit(account: 1, amount: F.amount("10000")))
        d.ok(.deposit(account: 2, amount: F.amount("10000")))
        // Maker: account 1 sells 0.1 at 50,000; taker: account 2 buys it.
        d.ok(.placeOrder(OrderRequest(account: 1, symbol: "BTCUSDT", side: .sell, type: .limit, quantity: F.quantity("0.1"), price: F.price("50000"))))
        let taken = d.ok(.placeOrder(OrderRequest(account: 2, symbol: "BTCUSDT", side: .buy, type: .limit, quantity: F.quantity("0.1"), price: F.price("50000"))))
        let trades = taken.events.compactMap { if case .trade(let t) = $0 { t } else { nil } }
        #expect(trades.count == 1)
        // Notional 5,000: maker fee 0.02 % = 1, taker fee 0.05 % = 2.5.
        #expect(trades.first?.makerFee == F.amount("1"))
        #expect(trades.first?.takerFee == F.amount("2.5"))
        let seller = try #require(d.engine.positions(account: 1).first)
        let buyer = try #require(d.engine.positions(account: 2).first)
        #expect(seller.size == Quantity(units: -F.quantity("0.1").units))
        #expect(buyer.size == F.quantity("0.1"))
        #expect(buyer.entryPrice == F.price("50000"))
        #expect(d.engine.asset(account: 1)?.walletBalance == F.amount("9999"))
        #expect(d.engine.asset(account: 2)?.walletBalance == F.amount("9997.5"))
        #expect(d.engine.feeIncome == F.amount("3.5"))
        // Closing at 51,000: the buyer realises +100, pays 0.05 % of 5,100 = 2.55 taker.
        d.ok(.placeOrder(OrderRequest(account: 1, symbol: "BTCUSDT", side: .buy, type: .limit, quantity: F.quantity("0.1"), price: F.price("51000"))))
        d.ok(.placeOrder(OrderRequest(account: 2, symbol: "BTCUSDT", side: .sell, type: .limit, quantity: F.quantity("0.1"), price: F.price("51000"))))
        #expect(d.engine.positions(account: 2).isEmpty)
        #expect(d.engine.asset(account: 2)?.walletBalance == F.amount("10094.95"))
        // Flat everywhere: API.md's conservation holds in its plain form.
        let wallets = d.engine.accountIds.map { d.engine.asset(account: $0)!.walletBalance.units }.reduce(0, +)
        #expect(wallets + d.engine.insuranceFund.units + d.engine.feeIncome.units == F.amount("20000").units)
    }
}
