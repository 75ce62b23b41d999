import PerpetuaCore
@testable import PerpetuaEngine
import Testing

/// Premium, funding rate, settlement and mark price (MECHANICS.md "Mark price" and
/// "Funding"), by hand, on BTCUSDT: impact notional 200 × 125 = 25,000, interest 0.0001
/// per 8 h, cap/floor ±0.75 × 0.004 = ±0.003, funding every 8 h from 00:00 UTC.
///
///     premium = (max(0, impactBid − I) − max(0, I − impactAsk)) / I
///     rate    = clamp(P + clamp(0.0001 − P, ±0.0005), −0.003, +0.003)
@Suite("Engine examples: funding and mark price")
struct FundingExamplesTests {
    typealias F = EngineFixtures

    /// The driver's start, 2025-11-21 00:00 UTC, is a funding time.
    static let start: Int64 = 1_763_683_200_000
    static let hour: Int64 = 3_600_000

    static func market(_ spec: SymbolSpec = F.btc, index: String = "50000") -> EngineDriver {
        var d = EngineDriver()
        d.ok(.addSymbol(spec))
        d.ok(.setIndexPrice(symbol: "BTCUSDT", price: F.price(index)))
        d.ok(.deposit(account: 1, amount: F.amount("1000000")))
        d.ok(.deposit(account: 2, amount: F.amount("1000000")))
        return d
    }

    struct PremiumCase: Sendable, CustomTestStringConvertible {
        var orders: [(Side, String)]
        var rate: String
        var testDescription: String { "\(orders.map { "\($0.0.rawValue) @ \($0.1)" }) → \(rate)" }
    }

    /// One premium sample against the index 50,000 with account 1's resting orders (1 BTC
    /// each, so one level always fills the impact notional and the impact price is the
    /// level's price).
    @Test("premium and rate: the ±0.05 % clamp around the interest, then the cap and floor", arguments: [
        // No book: P = 0 → 0 + clamp(0.0001) = 0.0001.
        PremiumCase(orders: [], rate: "0.0001"),
        // Impact bid 50,100: P = 100 / 50,000 = 0.002 → 0.002 + clamp(−0.0019) = 0.002 − 0.0005.
        PremiumCase(orders: [(.buy, "50100")], rate: "0.0015"),
        // An ask above the index adds nothing: max(0, 50,000 − 50,300) = 0; still 0.002.
        PremiumCase(orders: [(.buy, "50100"), (.sell, "50300")], rate: "0.0015"),
        // P = 15 / 50,000 = 0.0003: interest − P = −0.0002 is inside the clamp → 0.0001.
        PremiumCase(orders: [(.buy, "50015")], rate: "0.0001"),
        // Impact ask 49,980: P = −20 / 50,000 = −0.0004 → −0.0004 + 0.0005 = 0.0001.
        PremiumCase(orders: [(.sell, "49980")], rate: "0.0001"),
        // Impact ask 49,900: P = −0.002 → −0.002 + 0.0005 = −0.0015.
        PremiumCase(orders: [(.sell, "49900")], rate: "-0.0015"),
        // P = 500 / 50,000 = 0.01 → 0.0095, capped at 0.003.
        PremiumCase(orders: [(.buy, "50500")], rate: "0.003"),
        // P = −0.01 → −0.0095, floored at −0.003.
        PremiumCase(orders: [(.sell, "49500")], rate: "-0.003"),
    ])
    func premiumAndRate(_ example: PremiumCase) {
        var d = Self.market()
        for (side, price) in example.orders { d.ok(F.limit(1, side, "1", at: price)) }
        if !example.orders.isEmpty { d.ok(.premiumSample) }
        #expect(d.engine.market("BTCUSDT")?.estimatedFundingRate == F.rate(example.rate))
    }

    @Test("the rate uses the average of the samples since the last settlement")
    func averageOfSamples() {
        var d = Self.market()
        let first = d.ok(F.limit(1, .buy, "1", at: "50100"))
        d.ok(.premiumSample)  // 0.002
        d.ok(.cancelOrder(account: 1, symbol: "BTCUSDT", order: .id(first.orderId!)))
        d.ok(F.limit(1, .buy, "1", at: "50200"))
        d.ok(.premiumSample)  // 0.004
        // Average 0.003 → 0.003 − 0.0005 = 0.0025.
        #expect(d.engine.market("BTCUSDT")?.estimatedFundingRate == F.rate("0.0025"))
        // A settlement starts a new average: no samples → the interest rate.
        d.ok(.settleFunding(symbol: "BTCUSDT"))
        #expect(d.engine.market("BTCUSDT")?.lastFundingRate == F.rate("0.0025"))
        #expect(d.engine.market("BTCUSDT")?.estimatedFundingRate == F.rate("0.0001"))
    }

    @Test("the impact bid is the average price of selling the impact notional down the bids")
    func impactPriceWalksTheBook() {
        // Impact notional 25,050: 0.3 @ 50,200 = 15,060, then 0.2 @ 49,950 = 9,990 makes 25,050
        // exactly; the average price is 25,050 / 0.5 = 50,100 → P = 0.002 → 0.0015. (The best
        // bid alone would say P = 0.004 → 0.0035 → capped 0.003.)
        var spec = F.btc
        spec.impactNotional = F.amount("25050")
        var d = Self.market(spec)
        d.ok(F.limit(1, .buy, "0.3", at: "50200"))
        d.ok(F.limit(1, .buy, "0.2", at: "49950"))
        d.ok(F.limit(1, .buy, "5", at: "49900"))
        d.ok(.premiumSample)
        #expect(d.engine.market("BTCUSDT")?.estimatedFundingRate == F.rate("0.0015"))
    }

    @Test("settlement at the funding time: the long pays size × mark × rate rounded up, the short receives it rounded down")
    func settlementRounding() throws {
        // Interest 0.00012345 per 8 h and no samples: rate = 0 + clamp(0.00012345, ±0.0005).
        var spec = F.btc
        spec.interestRate = F.rate("0.00012345")
        var d = Self.market(spec, index: "50000.1")
        d.ok(F.limit(1, .sell, "0.123", at: "50000"))
        d.ok(F.limit(2, .buy, "0.123", at: "50000"))
        // Not due yet at 00:00 (the next funding time is 08:00).
        #expect(d.engine.market("BTCUSDT")?.nextFundingTime == Self.start + 8 * Self.hour)
        #expect(ExampleEvents(d.ok(.settleFunding(symbol: nil))).fundingRates.isEmpty)
        let fundBefore = d.engine.insuranceFund
        let wallets = (d.wallet(1), d.wallet(2))

        d.time = Self.start + 8 * Self.hour
        let ev = ExampleEvents(d.ok(.settleFunding(symbol: nil)))
        // Mark = median(P1 = I, P2 = I, last 50,000) = 50,000.1.
        // 0.123 × 50,000.1 × 0.00012345 = 6,150.0123 × 0.00012345 = 0.759219018435:
        // the long pays 0.75921902 (up), the short gets 0.75921901 (down), the fund keeps 0.00000001.
        #expect(ev.fundingRates == [FundingRateRecord(
            symbol: "BTCUSDT", fundingRate: F.rate("0.00012345"), markPrice: F.price("50000.1"),
            fundingTime: Self.start + 8 * Self.hour)])
        #expect(ev.balances(2, .fundingFee) == [F.amount("-0.75921902")])
        #expect(ev.balances(1, .fundingFee) == [F.amount("0.75921901")])
        #expect(d.wallet(2) == wallets.1 - F.amount("0.75921902"))
        #expect(d.wallet(1) == wallets.0 + F.amount("0.75921901"))
        #expect(d.engine.insuranceFund == fundBefore + F.amount("0.00000001"))
        // Both positions' updates carry the funding time.
        #expect(ev.positions.map(\.updateTime) == [Self.start + 8 * Self.hour, Self.start + 8 * Self.hour])
        #expect(d.engine.market("BTCUSDT")?.nextFundingTime == Self.start + 16 * Self.hour)
        #expect(d.engine.market("BTCUSDT")?.lastFundingRate == F.rate("0.00012345"))

        // The position history carries the funding.
        d.ok(F.limit(1, .buy, "0.123", at: "50000"))
        let close = ExampleEvents(d.ok(F.limit(2, .sell, "0.123", at: "50000")))
        #expect(close.closedPositions.first { $0.account == 2 }?.funding == F.amount("-0.75921902"))
        #expect(close.closedPositions.first { $0.account == 1 }?.funding == F.amount("0.75921901"))
    }

    @Test("a negative rate: the short pays, rounded up, the long receives, rounded down")
    func negativeRateRounding() {
        // Interest −0.00012345 and no samples: rate = −0.00012345 (inside ±0.0005 and ±0.003).
        var spec = F.btc
        spec.interestRate = F.rate("-0.00012345")
        var d = Self.market(spec, index: "50000.1")
        d.ok(F.limit(1, .sell, "0.123", at: "50000"))
        d.ok(F.limit(2, .buy, "0.123", at: "50000"))
        let fundBefore = d.engine.insuranceFund
        let ev = ExampleEvents(d.ok(.settleFunding(symbol: "BTCUSDT")))
        // Short (account 1): −(−0.123) × 50,000.1 × −0.00012345 = −0.759219018435 → pays 0.75921902;
        // long (account 2): +0.759219018435 → receives 0.75921901; the fund keeps 0.00000001.
        #expect(ev.fundingRates.map(\.fundingRate) == [F.rate("-0.00012345")])
        #expect(ev.balances(1, .fundingFee) == [F.amount("-0.75921902")])
        #expect(ev.balances(2, .fundingFee) == [F.amount("0.75921901")])
        #expect(d.engine.insuranceFund == fundBefore + F.amount("0.00000001"))
    }

    @Test("a 4-hour interval: interest 0.01 % per 8 h scaled to 0.005 %, settlements every 4 h")
    func fourHourInterval() {
        let b = F.btc
        let spec = SymbolSpec(
            symbol: b.symbol, baseAsset: b.baseAsset, tickSize: b.tickSize, stepSize: b.stepSize, minQty: b.minQty,
            maxQty: b.maxQty, minNotional: b.minNotional, priceBandRate: b.priceBandRate,
            leverageBrackets: b.leverageBrackets, feeTiers: b.feeTiers, fundingIntervalHours: 4)
        var d = Self.market(spec)
        // No samples: rate = 0 + clamp(0.0001 × 4 / 8 = 0.00005, ±0.0005) = 0.00005.
        #expect(d.engine.market("BTCUSDT")?.estimatedFundingRate == F.rate("0.00005"))
        #expect(d.engine.market("BTCUSDT")?.nextFundingTime == Self.start + 4 * Self.hour)
        d.time = Self.start + 4 * Self.hour
        #expect(ExampleEvents(d.ok(.settleFunding(symbol: nil))).fundingRates.map(\.fundingRate) == [F.rate("0.00005")])
        #expect(d.engine.market("BTCUSDT")?.nextFundingTime == Self.start + 8 * Self.hour)
    }

    @Test("mark price = median(P1, P2, last), each taking its turn")
    func markPriceMedian() throws {
        var d = Self.market()
        d.ok(.deposit(account: 3, amount: F.amount("100000")))
        d.ok(.deposit(account: 4, amount: F.amount("100000")))
        // Bid 1 @ 50,100 and ask 1 @ 50,300: P = 0.002, rate 0.0015, settled at 00:00.
        d.ok(F.limit(1, .buy, "1", at: "50100"))
        d.ok(F.limit(2, .sell, "1", at: "50300"))
        d.ok(.premiumSample)
        d.ok(.settleFunding(symbol: "BTCUSDT"))
        #expect(d.engine.market("BTCUSDT")?.lastFundingRate == F.rate("0.0015"))

        // 02:00, six hours to the 08:00 funding:
        //   P1 = 50,000 × (1 + 0.0015 × 6 / 8) = 50,056.25
        //   P2 = 50,000 + avg(mid − I) = 50,000 + (50,200 − 50,000) = 50,200
        //   last: no trade yet → I = 50,000
        //   median(50,056.25, 50,200, 50,000) = 50,056.25 (P1)
        d.time = Self.start + 2 * Self.hour
        let first = ExampleEvents(d.ok(.markPriceTick)).markPrices
        #expect(first.map(\.markPrice) == [F.price("50056.25")])
        #expect(first.first?.indexPrice == F.price("50000"))
        #expect(first.first?.nextFundingTime == Self.start + 8 * Self.hour)

        // A trade at 50,100 (account 3 sells into the bid): median(50,056.25, 50,200, 50,100) = 50,100 (last).
        d.ok(F.limit(3, .sell, "0.1", at: "50100"))
        d.ok(.markPriceTick)
        #expect(d.engine.market("BTCUSDT")?.markPrice == F.price("50100"))

        // A trade at 50,300 (account 4 buys the ask): median(50,056.25, 50,200, 50,300) = 50,200 (P2).
        d.ok(F.limit(4, .buy, "0.1", at: "50300"))
        d.ok(.markPriceTick)
        #expect(d.engine.market("BTCUSDT")?.markPrice == F.price("50200"))
    }

    @Test("with a side of the book missing P2 is the index; the basis window is ticks, so a one-sided spell ages old samples out")
    func markWithOneSidedBook() throws {
        var configuration = EngineConfiguration()
        configuration.basisWindow = 3
        var d = EngineDriver(engine: Engine(configuration: configuration))
        d.ok(.addSymbol(F.btc))
        d.ok(.setIndexPrice(symbol: "BTCUSDT", price: F.price("50000")))
        for account: UInt64 in 1...4 { d.ok(.deposit(account: account, amount: F.amount("1000000"))) }
        // Bid 50,100, ask 50,300, a trade at 50,300. No settlement yet (rate 0), so
        // P1 = I = 50,000 throughout, and the median is P2 whenever P2 lies in [I, 50,300].
        let bid = try #require(d.ok(F.limit(1, .buy, "1", at: "50100")).orderId)
        d.ok(F.limit(2, .sell, "1", at: "50300"))
        d.ok(F.limit(4, .buy, "0.1", at: "50300"))
        // Mid 50,200: P2 = 50,000 + 200. median(50,000, 50,200, 50,300) = 50,200.
        d.ok(.markPriceTick)
        #expect(d.engine.market("BTCUSDT")?.markPrice == F.price("50200"))
        // The bid leaves: only asks. P2 = I, not the basis sampled a second ago.
        d.ok(.cancelOrder(account: 1, symbol: "BTCUSDT", order: .id(bid)))
        d.ok(.markPriceTick)
        #expect(d.engine.market("BTCUSDT")?.markPrice == F.price("50000"))
        // Two more one-sided seconds fill the 3-tick window with gaps: the +200 is gone.
        d.ok(.markPriceTick)
        d.ok(.markPriceTick)
        // A bid at 49,900: mid 50,100, and that sample alone makes P2 = 50,100.
        d.ok(F.limit(1, .buy, "1", at: "49900"))
        d.ok(.markPriceTick)
        #expect(d.engine.market("BTCUSDT")?.markPrice == F.price("50100"))
    }

    @Test("a symbol without an index price settles nothing, and its funding schedule still moves on")
    func fundingWithoutMark() throws {
        var d = EngineDriver()
        d.ok(.addSymbol(F.btc))
        #expect(d.engine.market("BTCUSDT")?.nextFundingTime == Self.start + 8 * Self.hour)
        d.time = Self.start + 9 * Self.hour
        #expect(ExampleEvents(d.ok(.settleFunding(symbol: nil))).fundingRates.isEmpty)
        #expect(d.engine.market("BTCUSDT")?.nextFundingTime == Self.start + 16 * Self.hour)
        // Once the index arrives, the next settlement falls on the 8-hour grid.
        d.ok(.setIndexPrice(symbol: "BTCUSDT", price: F.price("50000")))
        d.time = Self.start + 16 * Self.hour
        let settled = ExampleEvents(d.ok(.settleFunding(symbol: nil))).fundingRates
        #expect(settled.map(\.fundingTime) == [Self.start + 16 * Self.hour])
        #expect(d.engine.market("BTCUSDT")?.nextFundingTime == Self.start + 24 * Self.hour)
    }
}
