import PerpetuaCore
@testable import PerpetuaEngine
import Testing

/// Fees by 30-day volume tier (API.md §7, MECHANICS.md "Fees and PnL"): fee = price × qty
/// × rate per fill, a charge rounded up to 10⁻⁸, a rebate rounded down in magnitude
/// (towards zero); tiers are recomputed at the daily rollover from the last 30 days.
@Suite("Engine examples: fee tiers")
struct FeeTierTests {
    typealias F = EngineFixtures

    static func market(_ spec: SymbolSpec = F.btc) -> EngineDriver {
        var d = EngineDriver()
        d.ok(.addSymbol(spec))
        d.ok(.setIndexPrice(symbol: "BTCUSDT", price: F.price("50000")))
        for account: UInt64 in 1...4 { d.ok(.deposit(account: account, amount: F.amount("100000"))) }
        return d
    }

    @Test("tier 0 maker 0.02 % / taker 0.05 %; after a rollover with 1,000,000 volume, tier 1 with a maker rebate")
    func tierOneAfterRollover() throws {
        var d = Self.market()
        // Day 1: a round trip of 10 BTC at 50,000 between accounts 1 and 2, each once maker
        // and once taker: 500,000 × 0.0002 = 100 and 500,000 × 0.0005 = 250 each.
        d.ok(F.limit(1, .sell, "10", at: "50000"))
        let open = ExampleEvents(d.ok(F.limit(2, .buy, "10", at: "50000")))
        #expect(open.trades.map(\.makerFee) == [F.amount("100")])
        #expect(open.trades.map(\.takerFee) == [F.amount("250")])
        d.ok(F.limit(2, .sell, "10", at: "50000"))
        d.ok(F.limit(1, .buy, "10", at: "50000"))
        for account: UInt64 in [1, 2] {
            let a = try #require(d.engine.asset(account: account))
            #expect(a.walletBalance == F.amount("99650"))
            #expect(a.volumeToday == F.amount("1000000"))
            #expect(a.makerVolumeToday == F.amount("500000"))
            #expect(a.feesToday == F.amount("350"))
            #expect(a.volume30d == .zero)
        }
        #expect(d.engine.feeIncome == F.amount("700"))

        d.time += 86_400_000
        d.ok(.dailyRollover)
        #expect(d.engine.asset(account: 1)?.volume30d == F.amount("1000000"))
        #expect(d.engine.asset(account: 1)?.volumeToday == .zero)

        // Day 2, tier 1 (≥ 1,000,000): account 1 makes 1 @ 50,000 for account 2:
        // maker 50,000 × −0.0001 = −5 (a rebate: +5 to the wallet), taker 50,000 × 0.0004 = 20.
        d.ok(F.limit(1, .sell, "1", at: "50000"))
        let rebate = ExampleEvents(d.ok(F.limit(2, .buy, "1", at: "50000")))
        #expect(rebate.trades.map(\.makerFee) == [F.amount("-5")])
        #expect(rebate.trades.map(\.takerFee) == [F.amount("20")])
        #expect(rebate.balances(1, .tradeFee) == [F.amount("5")])
        #expect(rebate.balances(2, .tradeFee) == [F.amount("-20")])
        #expect(d.wallet(1) == F.amount("99655"))
        #expect(d.engine.feeIncome == F.amount("715"))
        // Account 3 has no volume: still tier 0 as taker (50,000 × 0.0005 = 25) against
        // account 1's rebate.
        d.ok(F.limit(1, .sell, "1", at: "50000"))
        let tierZero = ExampleEvents(d.ok(F.limit(3, .buy, "1", at: "50000")))
        #expect(tierZero.trades.map(\.takerFee) == [F.amount("25")])
        #expect(tierZero.trades.map(\.makerFee) == [F.amount("-5")])
    }

    @Test("fees with more than eight decimals: charges round up, a rebate rounds towards zero")
    func feeRounding() {
        var spec = F.btc
        spec.feeTiers = [
            FeeTier(tier: 0, minVolume30d: .zero, makerRate: F.rate("0.000123"), takerRate: F.rate("0.000456")),
            FeeTier(tier: 1, minVolume30d: F.amount("1000"), makerRate: F.rate("-0.000077"), takerRate: F.rate("0.0004")),
        ]
        var d = Self.market(spec)
        // 0.003 × 50,000.3 = 150.0009.
        //   taker 150.0009 × 0.000456 = 0.0684004104 → 0.06840042 (up)
        //   maker 150.0009 × 0.000123 = 0.0184501107 → 0.01845012 (up)
        d.ok(F.limit(3, .sell, "0.003", at: "50000.3"))
        let day1 = ExampleEvents(d.ok(F.limit(4, .buy, "0.003", at: "50000.3")))
        #expect(day1.trades.map(\.takerFee) == [F.amount("0.06840042")])
        #expect(day1.trades.map(\.makerFee) == [F.amount("0.01845012")])
        // Accounts 1 and 2 trade 0.01 @ 50,000 back and forth: 1,000 volume each → tier 1.
        d.ok(F.limit(1, .sell, "0.01", at: "50000"))
        d.ok(F.limit(2, .buy, "0.01", at: "50000"))
        d.ok(F.limit(2, .sell, "0.01", at: "50000"))
        d.ok(F.limit(1, .buy, "0.01", at: "50000"))
        d.time += 86_400_000
        d.ok(.dailyRollover)
        // Tier 1 on 150.0009:
        //   maker 150.0009 × −0.000077 = −0.0115500693 → −0.01155006 (towards zero)
        //   taker 150.0009 × 0.0004 = 0.06000036 (exact)
        let feesBefore = d.engine.feeIncome
        d.ok(F.limit(1, .sell, "0.003", at: "50000.3"))
        let day2 = ExampleEvents(d.ok(F.limit(2, .buy, "0.003", at: "50000.3")))
        #expect(day2.trades.map(\.makerFee) == [F.amount("-0.01155006")])
        #expect(day2.trades.map(\.takerFee) == [F.amount("0.06000036")])
        #expect(d.engine.feeIncome == feesBefore + F.amount("0.0484503"))
    }
}
