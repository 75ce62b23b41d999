import PerpetuaCore
@testable import PerpetuaEngine
import Testing

/// Initial and maintenance margin, available balance, the pre-trade checks (13001, 13007),
/// leverage and margin-mode changes, worked by hand from MECHANICS.md and API.md §7 on the
/// BTCUSDT fixture:
///
///     bracket 1: [0, 50,000)          125x  MMR 0.4 %  cum 0
///     bracket 2: [50,000, 250,000)    100x  MMR 0.5 %  cum 50,000 × (0.005 − 0.004) = 50
///     bracket 3: [250,000, 1,000,000)  50x  MMR 1 %    cum 250,000 × (0.01 − 0.005) + 50 = 1,300
///
/// Default leverage 20; maker 0.02 %, taker 0.05 %. The index is 50,000, so the mark is
/// 50,000 (P1 = P2 = last = index) until a tick moves it.
@Suite("Engine examples: margin")
struct MarginExamplesTests {
    typealias F = EngineFixtures

    /// A fresh engine with BTCUSDT, index 50,000 and a deep-pocketed maker (account 1).
    static func market() -> EngineDriver {
        EngineDriver.btcMarket()
    }

    @Test("initial and maintenance margin in brackets 1, 2 and 3, at the entry mark and after the mark moves")
    func bracketsOneTwoThree() throws {
        var d = Self.market()
        // Account 1 sells to three buyers at 50,000, one position per bracket.
        for (buyer, qty, deposit) in [(UInt64(2), "0.98", "10000"), (3, "2", "10000"), (4, "10", "30000")] {
            d.ok(.deposit(account: buyer, amount: F.amount(deposit)))
            d.ok(F.limit(1, .sell, qty, at: "50000"))
            d.ok(F.limit(buyer, .buy, qty, at: "50000"))
        }

        // Account 2: 0.98 × 50,000 = 49,000, bracket 1.
        //   IM = 49,000 / 20 = 2,450; MM = 49,000 × 0.004 − 0 = 196.
        //   wallet = 10,000 − 49,000 × 0.0005 = 9,975.5; available = 9,975.5 − 2,450 = 7,525.5.
        //   margin ratio = 196 / 9,975.5 = 0.019648137… → rounded up 0.01964814.
        let p2 = try #require(d.position(2))
        #expect(p2.size == F.quantity("0.98"))
        #expect(p2.initialMargin == F.amount("2450"))
        #expect(p2.maintenanceMargin == F.amount("196"))
        let a2 = try #require(d.engine.asset(account: 2))
        #expect(a2.walletBalance == F.amount("9975.5"))
        #expect(a2.positionInitialMargin == F.amount("2450"))
        #expect(a2.maintenanceMargin == F.amount("196"))
        #expect(a2.availableBalance == F.amount("7525.5"))
        #expect(a2.marginRatio == F.rate("0.01964814"))

        // Account 3: 2 × 50,000 = 100,000, bracket 2.
        //   IM = 5,000; MM = 100,000 × 0.005 − 50 = 450; wallet = 10,000 − 50 = 9,950;
        //   available = 4,950; ratio = 450 / 9,950 = 0.045226130… → 0.04522614.
        let p3 = try #require(d.position(3))
        #expect(p3.initialMargin == F.amount("5000"))
        #expect(p3.maintenanceMargin == F.amount("450"))
        let a3 = try #require(d.engine.asset(account: 3))
        #expect(a3.walletBalance == F.amount("9950"))
        #expect(a3.availableBalance == F.amount("4950"))
        #expect(a3.marginRatio == F.rate("0.04522614"))

        // Account 4: 10 × 50,000 = 500,000, bracket 3.
        //   IM = 25,000; MM = 500,000 × 0.01 − 1,300 = 3,700; wallet = 30,000 − 250 = 29,750;
        //   available = 4,750; ratio = 3,700 / 29,750 = 0.124369747… → 0.12436975.
        let p4 = try #require(d.position(4))
        #expect(p4.initialMargin == F.amount("25000"))
        #expect(p4.maintenanceMargin == F.amount("3700"))
        let a4 = try #require(d.engine.asset(account: 4))
        #expect(a4.availableBalance == F.amount("4750"))
        #expect(a4.marginRatio == F.rate("0.12436975"))

        // Account 1 is short 12.98: 649,000, bracket 3: IM 32,450, MM 6,490 − 1,300 = 5,190;
        // maker fees 649,000 × 0.0002 = 129.8.
        let p1 = try #require(d.position(1))
        #expect(p1.size == Quantity(units: -F.quantity("12.98").units))
        #expect(p1.initialMargin == F.amount("32450"))
        #expect(p1.maintenanceMargin == F.amount("5190"))
        #expect(d.wallet(1) == F.amount("999870.2"))

        // The mark moves to 52,000 (median(52,000, 52,000, last 50,000); the book is empty).
        d.moveMark(to: "52000")
        #expect(d.engine.market("BTCUSDT")?.markPrice == F.price("52000"))
        // Account 2: 0.98 × 52,000 = 50,960 crosses into bracket 2:
        //   IM = 2,548; MM = 50,960 × 0.005 − 50 = 204.8 (at the edge 50,000 both brackets
        //   give 200: cum keeps MM continuous); uPnL = 0.98 × 2,000 = 1,960;
        //   available = 9,975.5 + 1,960 − 2,548 = 9,387.5.
        let q2 = try #require(d.position(2))
        #expect(q2.markPrice == F.price("52000"))
        #expect(q2.unrealizedPnl == F.amount("1960"))
        #expect(q2.initialMargin == F.amount("2548"))
        #expect(q2.maintenanceMargin == F.amount("204.8"))
        #expect(d.engine.asset(account: 2)?.availableBalance == F.amount("9387.5"))
        // Account 3: 104,000: IM 5,200; MM 520 − 50 = 470; uPnL 4,000;
        //   margin balance 13,950; available = 9,950 + 4,000 − 5,200 = 8,750.
        let q3 = try #require(d.position(3))
        #expect(q3.initialMargin == F.amount("5200"))
        #expect(q3.maintenanceMargin == F.amount("470"))
        let b3 = try #require(d.engine.asset(account: 3))
        #expect(b3.unrealizedPnl == F.amount("4000"))
        #expect(b3.marginBalance == F.amount("13950"))
        #expect(b3.availableBalance == F.amount("8750"))
        // Account 4: 520,000: IM 26,000; MM 5,200 − 1,300 = 3,900; available 29,750 + 20,000 − 26,000.
        let q4 = try #require(d.position(4))
        #expect(q4.initialMargin == F.amount("26000"))
        #expect(q4.maintenanceMargin == F.amount("3900"))
        #expect(d.engine.asset(account: 4)?.availableBalance == F.amount("23750"))
        // Account 1: 12.98 × 52,000 = 674,960: IM 33,748; MM 6,749.6 − 1,300 = 5,449.6;
        //   uPnL −12.98 × 2,000 = −25,960; available = 999,870.2 − 25,960 − 33,748 = 940,162.2.
        let q1 = try #require(d.position(1))
        #expect(q1.unrealizedPnl == F.amount("-25960"))
        #expect(q1.initialMargin == F.amount("33748"))
        #expect(q1.maintenanceMargin == F.amount("5449.6"))
        #expect(d.engine.asset(account: 1)?.availableBalance == F.amount("940162.2"))
    }

    @Test("open orders tie up the larger side's opening notional / leverage; orders that only close need none")
    func availableWithOpenOrders() throws {
        var d = Self.market()
        d.ok(.deposit(account: 2, amount: F.amount("10000")))
        // Buy 1 @ 49,000: order IM = 49,000 / 20 = 2,450; available 10,000 − 2,450 = 7,550.
        d.ok(F.limit(2, .buy, "1", at: "49000"))
        #expect(d.engine.asset(account: 2)?.orderInitialMargin == F.amount("2450"))
        #expect(d.engine.asset(account: 2)?.availableBalance == F.amount("7550"))
        // Sell 0.5 @ 51,000: max(49,000, 25,500) / 20 is still 2,450 — both sides cannot open at once.
        d.ok(F.limit(2, .sell, "0.5", at: "51000"))
        #expect(d.engine.asset(account: 2)?.orderInitialMargin == F.amount("2450"))
        #expect(d.engine.asset(account: 2)?.availableBalance == F.amount("7550"))
        // Sell 1.5 more @ 51,000: sells 2 × 51,000 = 102,000 > 49,000 → 102,000 / 20 = 5,100.
        d.ok(F.limit(2, .sell, "1.5", at: "51000"))
        #expect(d.engine.asset(account: 2)?.orderInitialMargin == F.amount("5100"))
        #expect(d.engine.asset(account: 2)?.availableBalance == F.amount("4900"))

        // Account 3 buys 0.5 @ 50,000 from account 1: IM 1,250, fee 12.5, available 8,737.5.
        d.ok(.deposit(account: 3, amount: F.amount("10000")))
        d.ok(F.limit(1, .sell, "0.5", at: "50000"))
        d.ok(F.limit(3, .buy, "0.5", at: "50000"))
        #expect(d.engine.asset(account: 3)?.availableBalance == F.amount("8737.5"))
        // A plain (not reduce-only) sell of 0.5 only closes the long: no order margin.
        d.ok(F.limit(3, .sell, "0.5", at: "51000"))
        #expect(d.engine.asset(account: 3)?.orderInitialMargin == .zero)
        #expect(d.engine.asset(account: 3)?.availableBalance == F.amount("8737.5"))
        // 0.3 more: sells 0.8 against a long of 0.5 open 0.3 × 51,000 = 15,300 → 765.
        d.ok(F.limit(3, .sell, "0.3", at: "51000"))
        #expect(d.engine.asset(account: 3)?.orderInitialMargin == F.amount("765"))
        #expect(d.engine.asset(account: 3)?.availableBalance == F.amount("7972.5"))
    }

    @Test("13001 at the exact boundary: IM + open loss + taker fee must fit the available balance")
    func insufficientMarginBoundary() {
        // Buy 0.5 @ 50,000 at the mark: 25,000 / 20 + 0 + 25,000 × 0.0005 = 1,250 + 12.5 = 1,262.5.
        var d = Self.market()
        d.ok(.deposit(account: 5, amount: F.amount("1262.5")))
        d.ok(F.limit(5, .buy, "0.5", at: "50000"))
        #expect(d.engine.asset(account: 5)?.availableBalance == F.amount("12.5"))
        d.ok(.deposit(account: 6, amount: F.amount("1262.49999999")))
        let short = d.expectError(.insufficientMargin, F.limit(6, .buy, "0.5", at: "50000"))
        #expect(short.error?.details["available"] == "1262.49999999")
        #expect(short.error?.details["required"] == "1262.5")

        // Buying 100 above the mark loses 0.5 × 100 = 50 at once:
        //   25,050 / 20 + 50 + 25,050 × 0.0005 = 1,252.5 + 50 + 12.525 = 1,315.025.
        var e = Self.market()
        e.ok(.deposit(account: 7, amount: F.amount("1315.025")))
        e.ok(F.limit(7, .buy, "0.5", at: "50100"))
        e.ok(.deposit(account: 8, amount: F.amount("1315.02499999")))
        let above = e.expectError(.insufficientMargin, F.limit(8, .buy, "0.5", at: "50100"))
        #expect(above.error?.details["required"] == "1315.025")

        // Selling 100 below the mark: once filled, the short's margin is taken at the mark
        // (25,000 / 20 = 1,250), not at the order price, and it loses 0.5 × 100 = 50 at once:
        //   1,250 + 50 + 24,950 × 0.0005 = 1,250 + 50 + 12.475 = 1,312.475.
        var f = Self.market()
        f.ok(.deposit(account: 9, amount: F.amount("1312.475")))
        f.ok(F.limit(9, .sell, "0.5", at: "49900"))
        f.ok(.deposit(account: 10, amount: F.amount("1312.47499999")))
        f.expectError(.insufficientMargin, F.limit(10, .sell, "0.5", at: "49900"))
    }

    @Test("13007 when the position plus same-side orders at the order price pass the leverage's max notional")
    func maxPositionExceeded() throws {
        var d = Self.market()
        d.ok(.deposit(account: 2, amount: F.amount("100000")))
        // At 100x only brackets 1 and 2 allow the leverage: max notional = 250,000.
        d.ok(.setLeverage(account: 2, symbol: "BTCUSDT", leverage: 100))
        #expect(d.engine.positionSettings(account: 2, symbol: "BTCUSDT")?.maxNotional == F.amount("250000"))
        // 5.001 × 50,000 = 250,050 > 250,000.
        let first = d.expectError(.maxPositionExceeded, F.limit(2, .buy, "5.001", at: "50000"))
        #expect(first.error?.details["maxNotional"] == "250000")
        #expect(first.error?.details["leverage"] == "100")
        // Long 4 (200,000), then a resting buy 0.9: (4 + 0.9) × 50,000 = 245,000 fits…
        d.ok(F.limit(1, .sell, "4", at: "50000"))
        d.ok(F.limit(2, .buy, "4", at: "50000"))
        d.ok(F.limit(2, .buy, "0.9", at: "50000"))
        // …but 0.101 more makes (4 + 0.9 + 0.101) × 50,000 = 250,050.
        d.expectError(.maxPositionExceeded, F.limit(2, .buy, "0.101", at: "50000"))
        // Selling 8 @ 51,000 closes 4 and opens a 4 short: 204,000 fits on the sell side.
        d.ok(F.limit(2, .sell, "8", at: "51000"))

        // At the default 20x every bracket allows it: 1,000,000; 20.001 × 50,000 = 1,000,050.
        d.ok(.deposit(account: 3, amount: F.amount("100000")))
        #expect(d.engine.positionSettings(account: 3, symbol: "BTCUSDT")?.maxNotional == F.amount("1000000"))
        let big = d.expectError(.maxPositionExceeded, F.limit(3, .buy, "20.001", at: "50000"))
        #expect(big.error?.details["maxNotional"] == "1000000")
    }

    /// MECHANICS.md: brackets are `[notionalFloor, notionalCap)`, and "the leverage chosen
    /// may not exceed the maxLeverage of the bracket that the position's notional
    /// (including open orders that would increase it) falls in". A notional of exactly
    /// 250,000 falls in bracket 3 (max 50x), so at 100x it is over the limit.
    @Test("a position of exactly the bracket cap belongs to the next bracket: 250,000 at 100x is rejected")
    func maxPositionAtTheCap() {
        var d = Self.market()
        d.ok(.deposit(account: 2, amount: F.amount("100000")))
        d.ok(.setLeverage(account: 2, symbol: "BTCUSDT", leverage: 100))
        // 5 × 50,000 = 250,000 ∈ [250,000, 1,000,000): bracket 3, maxLeverage 50 < 100.
        d.expectError(.maxPositionExceeded, F.limit(2, .buy, "5", at: "50000"))
    }

    @Test("leverage: 13008 outside [1, bracket max], 14003 when the new IM does not fit, IM follows the leverage")
    func leverageChanges() throws {
        var d = Self.market()
        d.expectError(.leverageOutOfRange, .setLeverage(account: 2, symbol: "BTCUSDT", leverage: 0))
        d.expectError(.leverageOutOfRange, .setLeverage(account: 2, symbol: "BTCUSDT", leverage: 126))
        d.ok(.setLeverage(account: 2, symbol: "BTCUSDT", leverage: 125))
        #expect(d.engine.positionSettings(account: 2, symbol: "BTCUSDT")?.maxNotional == F.amount("50000"))

        // Account 2 at 50x buys 0.5 @ 50,000: IM 500, fee 12.5; deposit 1,012.5 → wallet 1,000, available 500.
        d.ok(.setLeverage(account: 2, symbol: "BTCUSDT", leverage: 50))
        d.ok(.deposit(account: 2, amount: F.amount("1012.5")))
        d.ok(F.limit(1, .sell, "0.5", at: "50000"))
        d.ok(F.limit(2, .buy, "0.5", at: "50000"))
        #expect(d.position(2)?.initialMargin == F.amount("500"))
        #expect(d.engine.asset(account: 2)?.availableBalance == F.amount("500"))
        // 24x: IM = 25,000 / 24 = 1,041.67 > wallet 1,000 → available < 0 → 14003.
        d.expectError(.wouldTriggerLiquidation, .setLeverage(account: 2, symbol: "BTCUSDT", leverage: 24))
        // 25x: IM = 1,000 exactly; available 0 is allowed.
        d.ok(.setLeverage(account: 2, symbol: "BTCUSDT", leverage: 25))
        #expect(d.position(2)?.leverage == 25)
        #expect(d.position(2)?.initialMargin == F.amount("1000"))
        #expect(d.engine.asset(account: 2)?.availableBalance == .zero)
        // Back up to 125x: 25,000 < 50,000 fits bracket 1; IM = 200.
        d.ok(.setLeverage(account: 2, symbol: "BTCUSDT", leverage: 125))
        #expect(d.position(2)?.initialMargin == F.amount("200"))
        #expect(d.engine.asset(account: 2)?.availableBalance == F.amount("800"))

        // A 100,000 position (bracket 2, max 100x) cannot take 125x: 13008 naming 100.
        d.ok(.deposit(account: 3, amount: F.amount("10000")))
        d.ok(F.limit(1, .sell, "2", at: "50000"))
        d.ok(F.limit(3, .buy, "2", at: "50000"))
        let tooHigh = d.expectError(.leverageOutOfRange, .setLeverage(account: 3, symbol: "BTCUSDT", leverage: 125))
        #expect(tooHigh.error?.details["maxLeverage"] == "100")
        d.ok(.setLeverage(account: 3, symbol: "BTCUSDT", leverage: 100))
        #expect(d.position(3)?.initialMargin == F.amount("1000"))
    }

    @Test("margin mode: 14002 with a position, an open order or a condition order; free when flat")
    func marginModeChanges() {
        var d = Self.market()
        d.ok(.deposit(account: 2, amount: F.amount("10000")))
        d.ok(.setMarginMode(account: 2, symbol: "BTCUSDT", mode: .isolated))
        #expect(d.engine.positionSettings(account: 2, symbol: "BTCUSDT")?.marginMode == .isolated)
        d.ok(.setMarginMode(account: 2, symbol: "BTCUSDT", mode: .cross))
        #expect(d.engine.positionSettings(account: 2, symbol: "BTCUSDT")?.marginMode == .cross)

        // An open order.
        let placed = d.ok(F.limit(2, .buy, "0.1", at: "49000"))
        d.expectError(.hasPositionOrOrders, .setMarginMode(account: 2, symbol: "BTCUSDT", mode: .isolated))
        d.ok(.cancelOrder(account: 2, symbol: "BTCUSDT", order: .id(placed.orderId!)))
        // A condition order.
        let stop = d.ok(.placeCondition(ConditionRequest(
            account: 2, symbol: "BTCUSDT", side: .buy, type: .stopMarket, triggerPrice: F.price("51000"), quantity: F.quantity("0.1"))))
        d.expectError(.hasPositionOrOrders, .setMarginMode(account: 2, symbol: "BTCUSDT", mode: .isolated))
        d.ok(.cancelCondition(account: 2, symbol: "BTCUSDT", conditionOrderId: stop.conditionOrderId!))
        // A position.
        d.ok(F.limit(1, .sell, "0.1", at: "50000"))
        d.ok(F.limit(2, .buy, "0.1", at: "50000"))
        d.expectError(.hasPositionOrOrders, .setMarginMode(account: 2, symbol: "BTCUSDT", mode: .isolated))
        #expect(d.engine.positionSettings(account: 2, symbol: "BTCUSDT")?.marginMode == .cross)
    }

    @Test("isolated: opening fills put notional / leverage into the isolated margin, outside the cross balance")
    func isolatedMargin() throws {
        var d = Self.market()
        d.ok(.deposit(account: 2, amount: F.amount("10000")))
        d.ok(.setMarginMode(account: 2, symbol: "BTCUSDT", mode: .isolated))
        d.ok(F.limit(1, .sell, "0.5", at: "50000"))
        d.ok(F.limit(2, .buy, "0.5", at: "50000"))
        // isolated = 25,000 / 20 = 1,250; wallet = 10,000 − 12.5; available = 9,987.5 − 1,250.
        let p = try #require(d.position(2))
        #expect(p.marginMode == .isolated)
        #expect(p.isolatedMargin == F.amount("1250"))
        #expect(p.initialMargin == F.amount("1250"))
        #expect(p.maintenanceMargin == F.amount("100"))
        let a = try #require(d.engine.asset(account: 2))
        #expect(a.walletBalance == F.amount("9987.5"))
        #expect(a.positionInitialMargin == F.amount("1250"))
        #expect(a.availableBalance == F.amount("8737.5"))
    }

    /// Closing part of an isolated position releases that part's share of the margin, and
    /// the part's loss comes out of that share: margin M for size Q, closing q with realised
    /// r leaves M × (Q − q) / Q for the rest and releases M × q / Q + r to the wallet. Then
    /// the rest keeps its margin per unit — and so its liquidation price — unchanged, as any
    /// reduction must: (Q·EP − WB) / (Q·(1 − MMR)) scales Q and WB alike.
    @Test("isolated partial close at a loss keeps the rest's margin share and liquidation price")
    func isolatedPartialCloseAtALoss() throws {
        var d = Self.market()
        d.ok(.deposit(account: 2, amount: F.amount("10000")))
        d.ok(.setMarginMode(account: 2, symbol: "BTCUSDT", mode: .isolated))
        d.ok(F.limit(1, .sell, "0.5", at: "50000"))
        d.ok(F.limit(2, .buy, "0.5", at: "50000"))
        // Before: LP = (25,000 − 1,250) / (0.5 × 0.996) = 47,690.76305220… → 47,690.76305221.
        #expect(d.position(2)?.liquidationPrice == F.price("47690.76305221"))
        // Sell 0.2 @ 48,000 to account 3: realised 0.2 × (48,000 − 50,000) = −400; taker fee 4.8.
        d.ok(.deposit(account: 3, amount: F.amount("10000")))
        d.ok(F.limit(3, .buy, "0.2", at: "48000"))
        d.ok(F.limit(2, .sell, "0.2", at: "48000"))
        // The rest (0.3) keeps 1,250 × 0.3 / 0.5 = 750; the closed share 500 pays the 400 loss
        // and returns 100. Wallet 9,987.5 − 400 − 4.8 = 9,582.7; available 9,582.7 − 750 = 8,832.7.
        let p = try #require(d.position(2))
        #expect(p.size == F.quantity("0.3"))
        #expect(d.wallet(2) == F.amount("9582.7"))
        #expect(p.isolatedMargin == F.amount("750"))
        #expect(d.engine.asset(account: 2)?.availableBalance == F.amount("8832.7"))
        // LP = (15,000 − 750) / (0.3 × 0.996) = 14,250 / 0.2988 = 47,690.76305220… as before.
        #expect(p.liquidationPrice == F.price("47690.76305221"))
    }
}
