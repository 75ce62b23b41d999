import PerpetuaCore
@testable import PerpetuaEngine
import Testing

/// Liquidations worked by hand (MECHANICS.md "Liquidation and auto-deleveraging"):
/// cancel the orders on the affected margin, close through the book with an IOC no worse
/// than the bankruptcy price (no trading fee), ADL the rest against opposite positions at
/// the bankruptcy price ranked by PnL % × effective leverage, then the liquidation fee
/// (1 % of the notional at the mark) from what margin is left goes to the insurance fund.
///
/// Bankruptcy price (margin exactly zero): long (Q × EP − WB) / Q, short (Q × EP + WB) / Q.
/// The mark in these examples is the index: no two-sided book is ever on the book at a
/// tick (P2 = index) and P1 = index before the first funding.
@Suite("Engine examples: liquidation")
struct LiquidationExamplesTests {
    typealias F = EngineFixtures

    static func market() -> EngineDriver {
        EngineDriver.btcMarket(deposits: [:])
    }

    /// Isolated long 0.5 @ 50,000 at 20x for account 2; account 3 bids 0.5 @ 47,550.
    static func isolatedLongWithBid() -> EngineDriver {
        var d = Self.market()
        d.ok(.deposit(account: 1, amount: F.amount("100000")))
        d.ok(.deposit(account: 2, amount: F.amount("10000")))
        d.ok(.deposit(account: 3, amount: F.amount("10000")))
        d.ok(.setMarginMode(account: 2, symbol: "BTCUSDT", mode: .isolated))
        d.ok(F.limit(1, .sell, "0.5", at: "50000"))
        d.ok(F.limit(2, .buy, "0.5", at: "50000"))
        return d
    }

    @Test("isolated long: the book absorbs the close above bankruptcy, what margin is left pays the fee to the fund")
    func bookAbsorbsFeeToFund() throws {
        var d = Self.isolatedLongWithBid()
        // Account 2: isolated margin 25,000 / 20 = 1,250; wallet 10,000 − 12.5 = 9,987.5.
        // A resting bid of its own (0.01 @ 47,500) must be cancelled before the close, or the
        // liquidation IOC (down to 47,500) would trade with it.
        let own = d.ok(F.limit(2, .buy, "0.01", at: "47500"))
        d.ok(F.limit(3, .buy, "0.5", at: "47550"))
        // Mark 47,600: margin 1,250 + 0.5 × (47,600 − 50,000) = 50 ≤ MM 0.5 × 47,600 × 0.004 = 95.2.
        let tick = d.moveMark(to: "47600")
        let ev = ExampleEvents(tick)
        let cancelled = ev.orders.first { $0.orderId == own.orderId }
        #expect(cancelled?.status == .canceled)
        #expect(cancelled?.cancelReason == .liquidation)
        // Bankruptcy = (25,000 − 1,250) / 0.5 = 47,500. The IOC sell 0.5 @ 47,500 fills 0.5 @
        // 47,550 (the maker's price): realised 0.5 × (47,550 − 50,000) = −1,225, no fee.
        let liquidationOrder = try #require(ev.orders.first { $0.source == .liquidation })
        #expect(liquidationOrder.side == .sell && liquidationOrder.timeInForce == .ioc && liquidationOrder.reduceOnly)
        #expect(liquidationOrder.price == F.price("47500"))
        #expect(ev.trades.map(\.price) == [F.price("47550")])
        #expect(ev.trades.first?.takerFee == .zero)
        #expect(ev.balances(2, .realizedPnl) == [F.amount("-1225")])
        // Left: 1,250 − 1,225 = 25 < fee cap 1 % × 0.5 × 47,600 = 238 → fee 25 to the fund.
        #expect(ev.balances(2, .liquidationFee) == [F.amount("-25")])
        #expect(ev.balances(2, .insuranceClear).isEmpty)
        let record = try #require(ev.liquidations.first)
        #expect(record.account == 2 && record.side == .buy)
        #expect(record.quantity == F.quantity("0.5"))
        #expect(record.bankruptcyPrice == F.price("47500"))
        #expect(record.markPrice == F.price("47600"))
        #expect(record.closedInBook == F.quantity("0.5"))
        #expect(record.closedByAdl == .zero)
        #expect(record.liquidationFee == F.amount("25"))
        #expect(record.insuranceFundChange == F.amount("25"))
        #expect(d.engine.insuranceFund == F.amount("25"))
        // Position history: closed by liquidation at 47,550, realised −1,225, fees 12.5 (opening).
        let closed = try #require(ev.closedPositions.first { $0.account == 2 })
        #expect(closed.closeType == .liquidation)
        #expect(closed.closePrice == F.price("47550"))
        #expect(closed.realizedPnl == F.amount("-1225"))
        #expect(closed.fees == F.amount("12.5"))
        // Wallet 9,987.5 − 1,225 − 25 = 8,737.5; nothing is isolated any more.
        #expect(d.position(2) == nil)
        #expect(d.wallet(2) == F.amount("8737.5"))
        #expect(d.engine.asset(account: 2)?.availableBalance == F.amount("8737.5"))
        // Account 3 bought 0.5 @ 47,550 as maker: fee 23,775 × 0.0002 = 4.755.
        #expect(d.position(3)?.entryPrice == F.price("47550"))
        #expect(d.wallet(3) == F.amount("9995.245"))
        let oi = d.openInterest()
        #expect(oi.long == oi.short && oi.long == F.quantity("0.5").units)
    }

    /// The brief's rule: "the account is then flagged in liquidation (orders → 14001) until a
    /// later mark tick finds it healthy". The cross path does this; after an isolated
    /// liquidation the same tick clears the flag again, so it is never seen.
    @Test("after an isolated liquidation the account is in liquidation until a later tick")
    func isolatedLiquidationFlagsTheAccount() {
        var d = Self.isolatedLongWithBid()
        d.ok(F.limit(3, .buy, "0.5", at: "47550"))
        #expect(ExampleEvents(d.moveMark(to: "47600")).liquidations.count == 1)
        d.expectError(.liquidationInProgress, F.limit(2, .buy, "0.01", at: "47600"))
        d.ok(.markPriceTick)
        d.ok(F.limit(2, .buy, "0.01", at: "47600"))
    }

    @Test("cross long: orders cancelled, part closed in the book, the rest ADL'd by PnL % × leverage, fee to the fund")
    func bookThenAutoDeleverage() throws {
        var d = Self.market()
        // Two shorts at 50,000: account 1 sells 0.3 (maker fee 3, wallet 100,000 after),
        // account 4 sells 0.2 (maker fee 2, wallet 1,000 after).
        d.ok(.deposit(account: 1, amount: F.amount("100003")))
        d.ok(.deposit(account: 4, amount: F.amount("1002")))
        d.ok(F.limit(1, .sell, "0.3", at: "50000"))
        d.ok(F.limit(4, .sell, "0.2", at: "50000"))
        // Account 2 buys 0.5 @ 50,000 (taker 7.5 + 5 = 12.5): wallet 1,287.5 − 12.5 = 1,275,
        // IM 1,250, available 25; a bid 0.01 @ 47,500 ties up 23.75 (+ 0.2375 fee checked).
        d.ok(.deposit(account: 2, amount: F.amount("1287.5")))
        d.ok(F.limit(2, .buy, "0.5", at: "50000"))
        #expect(d.wallet(1) == F.amount("100000") && d.wallet(4) == F.amount("1000") && d.wallet(2) == F.amount("1275"))
        let own = d.ok(F.limit(2, .buy, "0.01", at: "47500"))
        // Account 3 bids 0.1 @ 47,550.
        d.ok(.deposit(account: 3, amount: F.amount("10000")))
        d.ok(F.limit(3, .buy, "0.1", at: "47550"))

        // Mark 47,600: 1,275 + 0.5 × (47,600 − 50,000) = 75 ≤ MM 95.2 → liquidate.
        let tick = d.moveMark(to: "47600")
        let ev = ExampleEvents(tick)
        #expect(ev.orders.first { $0.orderId == own.orderId }?.cancelReason == .liquidation)
        // Bankruptcy = (25,000 − 1,275) / 0.5 = 47,450. The book takes 0.1 @ 47,550:
        // realised 0.1 × (47,550 − 50,000) = −245.
        let record = try #require(ev.liquidations.first)
        #expect(record.bankruptcyPrice == F.price("47450"))
        #expect(record.closedInBook == F.quantity("0.1"))
        #expect(record.closedByAdl == F.quantity("0.4"))
        #expect(ev.balances(2, .realizedPnl) == [F.amount("-245")])
        // ADL ranking at mark 47,600, PnL % × effective leverage (notional / margin balance):
        //   account 4: uPnL 0.2 × 2,400 = 480, 480 / 10,000 = 4.8 %, 9,520 / 1,480 = 6.43x → 0.3088
        //   account 1: uPnL 720, 4.8 %, 14,280 / 100,720 = 0.142x → 0.0068
        // so account 4 goes first (smaller and higher-numbered: only the score puts it first),
        // then 0.2 of account 1's 0.3, both at 47,450: each +0.2 × (50,000 − 47,450) = +510,
        // no fee; account 2 −510 twice.
        #expect(ev.balances(4, .adl) == [F.amount("510")])
        #expect(ev.balances(1, .adl) == [F.amount("510")])
        #expect(ev.balances(2, .adl) == [F.amount("-510"), F.amount("-510")])
        let adlTrades = ev.trades.filter { $0.price == F.price("47450") }
        #expect(adlTrades.map(\.makerAccount) == [4, 1])
        #expect(adlTrades.allSatisfy { $0.makerFee == .zero && $0.takerFee == .zero })
        let fourClosed = try #require(ev.closedPositions.first { $0.account == 4 })
        #expect(fourClosed.closeType == .adl)
        #expect(fourClosed.closePrice == F.price("47450"))
        #expect(fourClosed.realizedPnl == F.amount("510"))
        #expect(fourClosed.fees == F.amount("2"))
        // What is left: 1,275 − 245 − 1,020 = 10 < fee cap 238 → fee 10 to the fund; wallet 0.
        #expect(ev.balances(2, .liquidationFee) == [F.amount("-10")])
        #expect(record.liquidationFee == F.amount("10"))
        #expect(record.insuranceFundChange == F.amount("10"))
        #expect(ev.balances(2, .insuranceClear).isEmpty)
        #expect(d.engine.insuranceFund == F.amount("10"))
        #expect(d.wallet(2) == .zero)
        #expect(d.wallet(4) == F.amount("1510"))
        #expect(d.wallet(1) == F.amount("100510"))
        #expect(d.position(1)?.size == Quantity(units: -F.quantity("0.1").units))
        #expect(d.position(3)?.size == F.quantity("0.1"))
        let oi = d.openInterest()
        #expect(oi.long == oi.short && oi.long == F.quantity("0.1").units)

        // The account is in liquidation until a later tick finds it healthy (flat).
        d.expectError(.liquidationInProgress, F.limit(2, .buy, "0.01", at: "47600"))
        d.ok(.markPriceTick)
        d.expectError(.insufficientMargin, F.limit(2, .buy, "0.01", at: "47600"))
    }

    /// API.md §5.6 position history: closeType CLOSE | LIQUIDATION | ADL. The liquidated
    /// account's position was taken over by liquidation, however the engine then closed it;
    /// ADL is what happened to the counterparty.
    @Test("a liquidated position closed by ADL is recorded as LIQUIDATION; the counterparty's as ADL")
    func liquidatedByAdlCloseType() throws {
        var d = Self.market()
        d.ok(.deposit(account: 1, amount: F.amount("100000")))
        d.ok(.deposit(account: 2, amount: F.amount("1262.5")))
        d.ok(F.limit(1, .sell, "0.5", at: "50000"))
        d.ok(F.limit(2, .buy, "0.5", at: "50000"))
        // Wallet 1,250, bankruptcy 47,500; empty book → all 0.5 ADL'd against account 1.
        let ev = ExampleEvents(d.moveMark(to: "47600"))
        #expect(ev.liquidations.first?.closedByAdl == F.quantity("0.5"))
        #expect(ev.closedPositions.first { $0.account == 1 }?.closeType == .adl)
        #expect(ev.closedPositions.first { $0.account == 2 }?.closeType == .liquidation)
    }

    /// MECHANICS.md: "ADL … choosing first the highest unrealised PnL % × effective
    /// leverage". Two shorts whose order depends on the leverage's fractional part.
    @Test("ADL ranks by PnL % × effective leverage exactly (2.8125x at 10 % beats 3x at 9 %)")
    func adlRankingUsesExactLeverage() throws {
        var d = Self.market()
        // A (account 1) sells 0.1 @ 50,000 to L (account 2): A's wallet 1,101 − 1 = 1,100;
        // L's 402.5 − 2.5 = 400.
        d.ok(.deposit(account: 1, amount: F.amount("1101")))
        d.ok(.deposit(account: 2, amount: F.amount("402.5")))
        d.ok(F.limit(1, .sell, "0.1", at: "50000"))
        d.ok(F.limit(2, .buy, "0.1", at: "50000"))
        // B (account 3) sells 0.1 @ 49,450 to C (account 4): B's wallet 1,055.989 − 0.989 = 1,055.
        d.ok(.deposit(account: 3, amount: F.amount("1055.989")))
        d.ok(.deposit(account: 4, amount: F.amount("10000")))
        d.ok(F.limit(3, .sell, "0.1", at: "49450"))
        d.ok(F.limit(4, .buy, "0.1", at: "49450"))
        #expect(d.wallet(1) == F.amount("1100") && d.wallet(3) == F.amount("1055") && d.wallet(2) == F.amount("400"))
        // Mark 45,000: L has 400 − 500 = −100 ≤ MM 18; bankruptcy (5,000 − 400) / 0.1 = 46,000;
        // the book is empty, so 0.1 is ADL'd against one of the two shorts:
        //   A: uPnL 500, 500 / 5,000 = 10 %, leverage 4,500 / 1,600 = 2.8125 → 0.28125
        //   B: uPnL 445, 445 / 4,945 = 8.999 %, leverage 4,500 / 1,500 = 3 → 0.26997
        // A goes first. (Rounding the leverage to floor + 1 would give A 0.1 × 3 = 0.3 and B
        // 0.08999 × 4 = 0.36, the wrong order.)
        let ev = ExampleEvents(d.moveMark(to: "45000"))
        #expect(ev.liquidations.first?.closedByAdl == F.quantity("0.1"))
        #expect(d.position(1) == nil)
        #expect(d.position(3)?.size == Quantity(units: -F.quantity("0.1").units))
        #expect(ev.balances(1, .adl) == [F.amount("400")])  // 0.1 × (50,000 − 46,000)
    }

    @Test("funding drives an isolated margin below zero: the insurance fund covers the deficit (INSURANCE_CLEAR)")
    func fundCoversDeficit() throws {
        var d = Self.market()
        d.ok(.depositInsuranceFund(amount: F.amount("1000")))
        d.ok(.deposit(account: 1, amount: F.amount("100000")))
        d.ok(.deposit(account: 2, amount: F.amount("1000")))
        d.ok(.deposit(account: 3, amount: F.amount("100000")))
        // Account 2: isolated, 125x, long 0.5 @ 50,000: isolated margin 25,000 / 125 = 200.
        d.ok(.setLeverage(account: 2, symbol: "BTCUSDT", leverage: 125))
        d.ok(.setMarginMode(account: 2, symbol: "BTCUSDT", mode: .isolated))
        d.ok(F.limit(1, .sell, "0.5", at: "50000"))
        d.ok(F.limit(2, .buy, "0.5", at: "50000"))
        #expect(d.position(2)?.isolatedMargin == F.amount("200"))
        #expect(d.wallet(2) == F.amount("987.5"))
        // Account 3's bid 1 @ 50,500 is the impact bid (1 × 50,500 ≥ 25,000): premium
        // (50,500 − 50,000) / 50,000 = 0.01 → rate 0.01 + clamp(0.0001 − 0.01, ±0.0005) = 0.0095,
        // capped at 0.75 × 0.004 = 0.003. Each settlement: long pays 0.5 × 50,000 × 0.003 = 75
        // (the mark stays 50,000: P1 = 50,000 × (1 + 0.003 × 8h/8h) = 50,150, P2 = last = 50,000).
        let bid = d.ok(F.limit(3, .buy, "1", at: "50500"))
        var last = EngineResult()
        for _ in 0..<3 {
            d.ok(.premiumSample)
            last = d.ok(.settleFunding(symbol: "BTCUSDT"))
            #expect(ExampleEvents(last).fundingRates.first?.fundingRate == F.rate("0.003"))
            #expect(ExampleEvents(last).fundingRates.first?.markPrice == F.price("50000"))
        }
        // Isolated margin 200 → 125 → 50 → −25: the fund pays the 25.
        let ev = ExampleEvents(last)
        #expect(ev.balances(2, .fundingFee) == [F.amount("-75")])
        #expect(ev.balances(2, .insuranceClear) == [F.amount("25")])
        #expect(ev.balances(1, .fundingFee) == [F.amount("75")])
        #expect(d.position(2)?.isolatedMargin == .zero)
        #expect(d.engine.insuranceFund == F.amount("975"))
        #expect(d.wallet(2) == F.amount("787.5"))  // 987.5 − 3 × 75 + 25
        #expect(d.wallet(1) == F.amount("100220"))  // 100,000 − 5 (maker fee) + 3 × 75

        // The next tick liquidates it (0 ≤ MM 100): bankruptcy = (25,000 − 0) / 0.5 = 50,000;
        // with the bid gone the book is empty and account 1 takes it over at 50,000: PnL 0,
        // nothing left for a fee, the fund unchanged.
        d.ok(.cancelOrder(account: 3, symbol: "BTCUSDT", order: .id(bid.orderId!)))
        let tick = ExampleEvents(d.moveMark(to: "50000"))
        let record = try #require(tick.liquidations.first)
        #expect(record.bankruptcyPrice == F.price("50000"))
        #expect(record.closedByAdl == F.quantity("0.5"))
        #expect(record.liquidationFee == .zero)
        #expect(record.insuranceFundChange == .zero)
        #expect(d.engine.insuranceFund == F.amount("975"))
        #expect(d.wallet(2) == F.amount("787.5"))
        #expect(d.position(1) == nil && d.position(2) == nil)
    }

    /// MECHANICS.md: "What is left of the position's margin after the close, up to the
    /// liquidation fee, goes to the insurance fund; a loss beyond the margin is paid by the
    /// fund." For a cross account the margin is the cross margin balance, which still
    /// holds the other cross positions' unrealised PnL while they are open.
    @Test("cross liquidation of two positions: a loss covered by the other position's profit is not paid by the fund")
    func crossTwoPositionsNoInsuranceGift() throws {
        var d = Self.market()
        d.ok(.addSymbol(F.ethSpec))
        d.ok(.setIndexPrice(symbol: "ETHUSDT", price: F.price("2000")))
        d.ok(.depositInsuranceFund(amount: F.amount("10000")))
        d.ok(.deposit(account: 1, amount: F.amount("100000")))
        d.ok(.deposit(account: 6, amount: F.amount("100000")))
        // Account 5 (cross): BTC 100x long 0.5 @ 50,000 (IM 250, fee 12.5), ETH 50x short
        // 10 @ 2,000 (IM 400, fee 10): wallet 722.5 − 22.5 = 700.
        d.ok(.deposit(account: 5, amount: F.amount("722.5")))
        d.ok(.setLeverage(account: 5, symbol: "BTCUSDT", leverage: 100))
        d.ok(.setLeverage(account: 5, symbol: "ETHUSDT", leverage: 50))
        d.ok(F.limit(1, .sell, "0.5", at: "50000"))
        d.ok(F.limit(5, .buy, "0.5", at: "50000"))
        d.ok(F.limit(1, .buy, "10", at: "2000", on: "ETHUSDT"))
        d.ok(F.limit(5, .sell, "10", at: "2000", on: "ETHUSDT"))
        #expect(d.wallet(5) == F.amount("700"))
        // ETH to 1,900: the short gains 1,000 (equity 1,700 > MM 100 + 140).
        #expect(ExampleEvents(d.moveMark("ETHUSDT", to: "1900")).liquidations.isEmpty)
        // Liquidity: account 6 bids 0.5 BTC @ 47,500 and offers 10 ETH @ 1,900.
        d.ok(F.limit(6, .buy, "0.5", at: "47500"))
        d.ok(F.limit(6, .sell, "10", at: "1900", on: "ETHUSDT"))
        // BTC to 47,000: equity 700 − 1,500 + 1,000 = 200 ≤ MM 94 + 140 = 234 → liquidate both.
        //   BTC sells 0.5 @ 47,500: realised −1,250; ETH buys 10 @ 1,900: realised +1,000.
        //   Margin left 700 − 250 = 450 ≥ fees 1 % × 23,500 + 1 % × 19,000 = 235 + 190 = 425.
        //   Nothing to cover: wallet 25, the fund +425.
        let ev = ExampleEvents(d.moveMark(to: "47000"))
        #expect(ev.liquidations.count == 2)
        #expect(ev.trades.map(\.price) == [F.price("47500"), F.price("1900")])
        #expect(ev.balances(5, .insuranceClear).isEmpty)
        #expect(ev.liquidations.map(\.liquidationFee) == [F.amount("235"), F.amount("190")])
        #expect(d.wallet(5) == F.amount("25"))
        #expect(d.engine.insuranceFund == F.amount("10425"))
    }
}
