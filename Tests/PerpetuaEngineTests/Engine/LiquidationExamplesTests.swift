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

    // MARK: ADL at the exact bankruptcy price

    /// A symbol near 100 with a coarse tick, where the bankruptcy price falls between ticks:
    /// tick 0.1, step 1, one bracket 0–100,000 at 20x / 1 % MMR (then 10x / 2.5 %), band 50 %
    /// so that the set-ups can trade far from the mark; the same fees as BTCUSDT.
    static var xyzSpec: SymbolSpec {
        SymbolSpec(
            symbol: "XYZUSDT", baseAsset: "XYZ", tickSize: F.price("0.1"), stepSize: F.quantity("1"),
            minQty: F.quantity("1"), maxQty: F.quantity("100000"), minNotional: F.amount("5"), priceBandRate: F.rate("0.5"),
            leverageBrackets: [
                LeverageBracket(bracket: 1, maxLeverage: 20, notionalFloor: .zero, notionalCap: F.amount("100000"), maintMarginRate: F.rate("0.01")),
                LeverageBracket(bracket: 2, maxLeverage: 10, notionalFloor: F.amount("100000"), notionalCap: F.amount("1000000"), maintMarginRate: F.rate("0.025")),
            ],
            feeTiers: [
                FeeTier(tier: 0, minVolume30d: .zero, makerRate: F.rate("0.0002"), takerRate: F.rate("0.0005")),
            ])
    }

    static func xyzMarket(index: String) -> EngineDriver {
        var d = EngineDriver()
        d.ok(.addSymbol(Self.xyzSpec))
        d.ok(.setIndexPrice(symbol: "XYZUSDT", price: F.price(index)))
        return d
    }

    /// MECHANICS.md step 3: what the book cannot absorb "is closed against opposite positions
    /// at the bankruptcy price … No fee on ADL." Only the IOC's limit is on tick.
    @Test("isolated short, empty book: ADL at the exact bankruptcy price 133.33333333…, counterparty paid in full, no fee")
    func adlAtExactBankruptcyPriceIsolatedShort() throws {
        var d = Self.xyzMarket(index: "95")
        d.ok(.deposit(account: 1, amount: F.amount("100000")))
        d.ok(.deposit(account: 2, amount: F.amount("1000")))
        d.ok(.deposit(account: 3, amount: F.amount("1000")))
        // Account 3 (cross) buys 10 @ 95 from account 1.
        d.ok(F.limit(1, .sell, "10", at: "95", on: "XYZUSDT"))
        d.ok(F.limit(3, .buy, "10", at: "95", on: "XYZUSDT"))
        d.moveMark("XYZUSDT", to: "100")
        // Account 2 (isolated, 3x) sells 7 @ 100 to account 1 (short 10 → short 3): isolated
        // margin 700 / 3 = 233.33333334 (rounded up); taker fee 0.35 → wallet 999.65.
        d.ok(.setLeverage(account: 2, symbol: "XYZUSDT", leverage: 3))
        d.ok(.setMarginMode(account: 2, symbol: "XYZUSDT", mode: .isolated))
        d.ok(F.limit(1, .buy, "7", at: "100", on: "XYZUSDT"))
        d.ok(F.limit(2, .sell, "7", at: "100", on: "XYZUSDT"))
        #expect(d.position(2, "XYZUSDT")?.isolatedMargin == F.amount("233.33333334"))
        #expect(d.wallet(2) == F.amount("999.65"))

        // Mark 132.1: 233.33333334 − 7 × 32.1 = 8.63333334 ≤ MM 1 % × 924.7 = 9.247.
        // BP = (700 + 233.33333334) / 7 = 133.333333334285…: the IOC buys at 133.3 (on tick,
        // down), finds no ask, and all 7 go to account 3 (the only long) at the exact BP.
        let ev = ExampleEvents(d.moveMark("XYZUSDT", to: "132.1"))
        let ioc = try #require(ev.orders.first { $0.source == .liquidation && $0.timeInForce == .ioc && $0.account == 2 })
        #expect(ioc.side == .buy && ioc.price == F.price("133.3"))
        let record = try #require(ev.liquidations.first)
        #expect(record.bankruptcyPrice == F.price("133.33333333"))  // to 10⁻⁸, down for a short
        #expect(record.closedInBook == .zero && record.closedByAdl == F.quantity("7"))
        let trade = try #require(ev.trades.first)
        #expect(ev.trades.count == 1)
        #expect(trade.price == F.price("133.33333333") && trade.quantity == F.quantity("7"))
        #expect(trade.makerAccount == 3 && trade.takerAccount == 2 && trade.makerFee == .zero && trade.takerFee == .zero)
        // Account 3: 7 × 133.333333334285… − 7 × 95 = 933.33333334 − 665 = +268.33333334 exactly.
        // Account 2 loses exactly its margin, and nothing is left for a fee.
        #expect(ev.balances(3, .adl) == [F.amount("268.33333334")])
        #expect(ev.balances(2, .adl) == [F.amount("-233.33333334")])
        #expect(ev.balances(2, .liquidationFee).isEmpty && ev.balances(2, .insuranceClear).isEmpty)
        #expect(record.liquidationFee == .zero && record.insuranceFundChange == .zero)
        #expect(d.engine.insuranceFund == .zero)
        #expect(d.wallet(2) == F.amount("766.31666666"))  // 999.65 − 233.33333334
        #expect(d.position(2, "XYZUSDT") == nil)
        #expect(d.position(3, "XYZUSDT")?.size == F.quantity("3"))
        #expect(ev.closedPositions.first { $0.account == 2 }?.closePrice == F.price("133.33333333"))
    }

    @Test("isolated long, empty book: ADL at 105.68 (between ticks), counterparty +264.2, no fee")
    func adlAtExactBankruptcyPriceIsolatedLong() throws {
        var d = Self.xyzMarket(index: "132.1")
        d.ok(.deposit(account: 1, amount: F.amount("100000")))
        d.ok(.deposit(account: 2, amount: F.amount("1000")))
        // Account 2 (isolated, 5x) buys 10 @ 132.1 from account 1: margin 1,321 / 5 = 264.2;
        // taker fee 0.6605; account 1's maker fee 0.2642.
        d.ok(.setLeverage(account: 2, symbol: "XYZUSDT", leverage: 5))
        d.ok(.setMarginMode(account: 2, symbol: "XYZUSDT", mode: .isolated))
        d.ok(F.limit(1, .sell, "10", at: "132.1", on: "XYZUSDT"))
        d.ok(F.limit(2, .buy, "10", at: "132.1", on: "XYZUSDT"))
        #expect(d.position(2, "XYZUSDT")?.isolatedMargin == F.amount("264.2"))

        // Mark 106.5: 264.2 − 10 × 25.6 = 8.2 ≤ MM 10.65. BP = (1,321 − 264.2) / 10 = 105.68:
        // the IOC sells at 105.7 (up), no bid; ADL against account 1 at 105.68.
        let ev = ExampleEvents(d.moveMark("XYZUSDT", to: "106.5"))
        let ioc = try #require(ev.orders.first { $0.source == .liquidation && $0.timeInForce == .ioc && $0.account == 2 })
        #expect(ioc.side == .sell && ioc.price == F.price("105.7"))
        let record = try #require(ev.liquidations.first)
        #expect(record.bankruptcyPrice == F.price("105.68"))
        #expect(record.closedByAdl == F.quantity("10"))
        #expect(ev.trades.map(\.price) == [F.price("105.68")])
        // Account 1: 10 × (132.1 − 105.68) = +264.2; account 2 loses its 264.2; fee 0.
        #expect(ev.balances(1, .adl) == [F.amount("264.2")])
        #expect(ev.balances(2, .adl) == [F.amount("-264.2")])
        #expect(ev.balances(2, .liquidationFee).isEmpty)
        #expect(record.liquidationFee == .zero && record.insuranceFundChange == .zero)
        #expect(d.engine.insuranceFund == .zero)
        #expect(d.wallet(2) == F.amount("735.1395"))  // 1,000 − 0.6605 − 264.2
        #expect(d.wallet(1) == F.amount("100263.9358"))  // 100,000 − 0.2642 + 264.2
        #expect(d.position(1, "XYZUSDT") == nil && d.position(2, "XYZUSDT") == nil)
    }

    @Test("cross short: the book takes 300 at 129.9 (on tick), ADL the other 100 at 129.95, fee from the 15 left")
    func bookOnTickThenAdlAtExactBankruptcyPrice() throws {
        var d = Self.xyzMarket(index: "100")
        d.ok(.deposit(account: 1, amount: F.amount("100000")))
        d.ok(.deposit(account: 2, amount: F.amount("12000")))
        d.ok(.deposit(account: 5, amount: F.amount("100000")))
        // Account 2 (cross, 20x) sells 400 @ 100 to account 1: taker fee 20 → wallet 11,980.
        d.ok(F.limit(1, .buy, "400", at: "100", on: "XYZUSDT"))
        d.ok(F.limit(2, .sell, "400", at: "100", on: "XYZUSDT"))
        #expect(d.wallet(2) == F.amount("11980"))
        // Account 5 offers 300 @ 129.9.
        d.ok(F.limit(5, .sell, "300", at: "129.9", on: "XYZUSDT"))

        // Mark 129: 11,980 − 400 × 29 = 380 ≤ MM 1 % × 51,600 = 516. BP = (40,000 + 11,980) /
        // 400 = 129.95; the IOC buys 400 @ 129.9 (down) and takes the 300 offered at 129.9:
        // realised 300 × (100 − 129.9) = −8,970. The other 100 go to account 1 at 129.95:
        // 100 × 29.95 = 2,995. Left: 11,980 − 8,970 − 2,995 = 15 < cap 1 % × 51,600 → fee 15.
        let ev = ExampleEvents(d.moveMark("XYZUSDT", to: "129"))
        let ioc = try #require(ev.orders.first { $0.source == .liquidation && $0.timeInForce == .ioc && $0.account == 2 })
        #expect(ioc.price == F.price("129.9"))
        let record = try #require(ev.liquidations.first)
        #expect(record.bankruptcyPrice == F.price("129.95"))
        #expect(record.closedInBook == F.quantity("300") && record.closedByAdl == F.quantity("100"))
        #expect(ev.trades.map(\.price) == [F.price("129.9"), F.price("129.95")])
        #expect(ev.balances(2, .realizedPnl) == [F.amount("-8970")])
        #expect(ev.balances(2, .adl) == [F.amount("-2995")])
        #expect(ev.balances(1, .adl) == [F.amount("2995")])
        #expect(ev.balances(2, .liquidationFee) == [F.amount("-15")])
        #expect(record.liquidationFee == F.amount("15") && record.insuranceFundChange == F.amount("15"))
        #expect(ev.balances(2, .insuranceClear).isEmpty)
        #expect(d.engine.insuranceFund == F.amount("15"))
        #expect(d.wallet(2) == .zero)
        #expect(d.position(1, "XYZUSDT")?.size == F.quantity("300"))
        #expect(d.position(5, "XYZUSDT")?.size == Quantity(units: -F.quantity("300").units))
    }

    /// Two counterparties share the exact value Q × BP = 933.33333334 in proportion to what
    /// each takes (3 and 4 of 7); the shares add up exactly, and only the engine's usual
    /// rounding of credited PnL (down, per fill and side) is left, swept to the fund.
    @Test("ADL split over two counterparties at an off-tick bankruptcy price: both fills at it, the value shared exactly")
    func adlSplitAtExactBankruptcyPrice() throws {
        var d = Self.xyzMarket(index: "95")
        d.ok(.deposit(account: 1, amount: F.amount("100000")))
        d.ok(.deposit(account: 2, amount: F.amount("1000")))
        d.ok(.deposit(account: 3, amount: F.amount("100")))
        d.ok(.deposit(account: 4, amount: F.amount("10000")))
        // Account 1 sells 3 @ 95 to account 3 and 7 @ 95 to account 4 (both cross).
        d.ok(F.limit(1, .sell, "10", at: "95", on: "XYZUSDT"))
        d.ok(F.limit(3, .buy, "3", at: "95", on: "XYZUSDT"))
        d.ok(F.limit(4, .buy, "7", at: "95", on: "XYZUSDT"))
        d.moveMark("XYZUSDT", to: "100")
        // As in the isolated-short example: account 2 short 7 @ 100, margin 233.33333334.
        d.ok(.setLeverage(account: 2, symbol: "XYZUSDT", leverage: 3))
        d.ok(.setMarginMode(account: 2, symbol: "XYZUSDT", mode: .isolated))
        d.ok(F.limit(1, .buy, "7", at: "100", on: "XYZUSDT"))
        d.ok(F.limit(2, .sell, "7", at: "100", on: "XYZUSDT"))

        // Mark 132.1: both longs are up 39.05 %; account 3 (wallet ~100) is far more leveraged
        // than account 4, so it goes first with all its 3, then 4 of account 4's 7.
        //   after 3: 933.33333334 × 3 / 7 = 400.00000000285714… (down at 10⁻¹⁶): account 3
        //     realises 400.0000000028571428 − 285 → credited 115; account 2
        //     −100.0000000028571428 → −100.00000001;
        //   the other 4: 533.3333333371428572: account 4 +153.3333333371428572 → 153.33333333,
        //     account 2 −133.3333333371428572 → −133.33333334.
        // The two fills' rounding remainders make 0.00000001 each, swept to the fund; account
        // 2's −233.33333335 is 0.00000001 beyond its margin, which the fund covers.
        let ev = ExampleEvents(d.moveMark("XYZUSDT", to: "132.1"))
        let record = try #require(ev.liquidations.first)
        #expect(record.bankruptcyPrice == F.price("133.33333333") && record.closedByAdl == F.quantity("7"))
        #expect(ev.trades.map(\.price) == [F.price("133.33333333"), F.price("133.33333333")])
        #expect(ev.trades.map(\.makerAccount) == [3, 4])
        #expect(ev.trades.map(\.quantity) == [F.quantity("3"), F.quantity("4")])
        #expect(ev.balances(3, .adl) == [F.amount("115")])
        #expect(ev.balances(4, .adl) == [F.amount("153.33333333")])
        #expect(ev.balances(2, .adl) == [F.amount("-100.00000001"), F.amount("-133.33333334")])
        #expect(ev.balances(2, .insuranceClear) == [F.amount("0.00000001")])
        #expect(ev.balances(2, .liquidationFee).isEmpty && record.liquidationFee == .zero)
        #expect(d.engine.insuranceFund == F.amount("0.00000001"))
        #expect(d.wallet(2) == F.amount("766.31666666"))  // 999.65 − 233.33333334
        #expect(d.position(3, "XYZUSDT") == nil)
        #expect(d.position(4, "XYZUSDT")?.size == F.quantity("3"))
    }
}
