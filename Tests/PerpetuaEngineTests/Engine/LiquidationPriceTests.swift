import PerpetuaCore
@testable import PerpetuaEngine
import Testing

/// Liquidation prices from MECHANICS.md, by hand:
///
///     isolated long:   LP = (Q × EP − WB − cum) / (Q × (1 − MMR))
///     isolated short:  LP = (Q × EP + WB + cum) / (Q × (1 + MMR))
///     cross (general): LP = (WB − TMM₁ + UPNL₁ + cum − side × Q × EP) / (Q × MMR − side × Q)
///
/// with the bracket re-chosen when LP's notional falls in another one. MECHANICS.md does
/// not round LP; the engine shows it at 10⁻⁸, half away from zero, which is what these
/// expectations use (the exact fractions are in the comments).
@Suite("Engine examples: liquidation price")
struct LiquidationPriceTests {
    typealias F = EngineFixtures

    static func market() -> EngineDriver {
        EngineDriver.btcMarket()
    }

    @Test("isolated long 0.5 @ 50,000 at 20x: LP 47,690.76305221, and the mark on either side of it decides")
    func isolatedLong() throws {
        var d = Self.market()
        d.ok(.deposit(account: 2, amount: F.amount("10000")))
        d.ok(.setMarginMode(account: 2, symbol: "BTCUSDT", mode: .isolated))
        d.ok(F.limit(1, .sell, "0.5", at: "50000"))
        d.ok(F.limit(2, .buy, "0.5", at: "50000"))
        // WB = 25,000 / 20 = 1,250; bracket 1 (MMR 0.004, cum 0):
        // LP = (25,000 − 1,250) / (0.5 × 0.996) = 23,750 / 0.498 = 11,875,000 / 249
        //    = 47,690.763052208835… → 47,690.76305221; its notional 23,845 is in bracket 1.
        #expect(d.position(2)?.liquidationPrice == F.price("47690.76305221"))
        // Mark 47,690.8: 1,250 + 0.5 × (47,690.8 − 50,000) = 95.4 > MM 0.5 × 47,690.8 × 0.004 = 95.3816.
        let above = d.moveMark(to: "47690.8")
        #expect(ExampleEvents(above).liquidations.isEmpty)
        #expect(d.position(2)?.size == F.quantity("0.5"))
        // Mark 47,690.7: 95.35 ≤ 95.3814 → liquidated.
        let below = d.moveMark(to: "47690.7")
        #expect(ExampleEvents(below).liquidations.map(\.account) == [2])
        #expect(d.position(2) == nil)
    }

    @Test("isolated short 0.5 @ 50,000 at 20x: LP 52,290.83665339, and the mark on either side of it decides")
    func isolatedShort() throws {
        var d = Self.market()
        d.ok(.deposit(account: 2, amount: F.amount("10000")))
        d.ok(.setMarginMode(account: 2, symbol: "BTCUSDT", mode: .isolated))
        d.ok(F.limit(1, .buy, "0.5", at: "50000"))
        d.ok(F.limit(2, .sell, "0.5", at: "50000"))
        // LP = (25,000 + 1,250) / (0.5 × 1.004) = 26,250 / 0.502 = 13,125,000 / 251
        //    = 52,290.836653386454… → 52,290.83665339.
        #expect(d.position(2)?.liquidationPrice == F.price("52290.83665339"))
        // Mark 52,290.8: 1,250 − 0.5 × 2,290.8 = 104.6 > MM 0.5 × 52,290.8 × 0.004 = 104.5816.
        #expect(ExampleEvents(d.moveMark(to: "52290.8")).liquidations.isEmpty)
        // Mark 52,290.9: 104.55 ≤ 104.5818.
        #expect(ExampleEvents(d.moveMark(to: "52290.9")).liquidations.map(\.account) == [2])
    }

    @Test("a position in bracket 2 whose LP falls in bracket 1 uses bracket 1's MMR and cum")
    func bracketRechosen() {
        var d = Self.market()
        d.ok(.deposit(account: 2, amount: F.amount("10000")))
        d.ok(.setMarginMode(account: 2, symbol: "BTCUSDT", mode: .isolated))
        d.ok(.setLeverage(account: 2, symbol: "BTCUSDT", leverage: 10))
        d.ok(F.limit(1, .sell, "1.1", at: "50000"))
        d.ok(F.limit(2, .buy, "1.1", at: "50000"))
        // 1.1 × 50,000 = 55,000 (bracket 2); WB = 55,000 / 10 = 5,500.
        // Bracket 2: (55,000 − 5,500 − 50) / (1.1 × 0.995) = 45,180.4476930… whose notional
        //   49,698.49 is below 50,000: not in bracket 2.
        // Bracket 1: (55,000 − 5,500) / (1.1 × 0.996) = 3,750,000 / 83 = 45,180.722891566…,
        //   notional 49,698.80, in bracket 1 → LP 45,180.72289157.
        #expect(d.position(2)?.maintenanceMargin == F.amount("225"))  // 55,000 × 0.005 − 50
        #expect(d.position(2)?.liquidationPrice == F.price("45180.72289157"))
    }

    @Test("cross account with a BTC long and an ETH short: each LP counts the other's MM and uPnL")
    func crossTwoPositions() throws {
        var d = Self.market()
        d.ok(.addSymbol(F.ethSpec))
        d.ok(.setIndexPrice(symbol: "ETHUSDT", price: F.price("2000")))
        d.ok(.deposit(account: 5, amount: F.amount("5000")))
        d.ok(F.limit(1, .sell, "0.5", at: "50000"))
        d.ok(F.limit(5, .buy, "0.5", at: "50000"))
        d.ok(F.limit(1, .buy, "10", at: "2000", on: "ETHUSDT"))
        d.ok(F.limit(5, .sell, "10", at: "2000", on: "ETHUSDT"))
        // Wallet = 5,000 − 25,000 × 0.0005 − 20,000 × 0.0005 = 5,000 − 12.5 − 10 = 4,977.5.
        #expect(d.wallet(5) == F.amount("4977.5"))
        // ETH 10 × 2,000 = 20,000 is in ETH bracket 2: MM = 20,000 × 0.01 − 50 = 150.
        #expect(d.position(5, "ETHUSDT")?.maintenanceMargin == F.amount("150"))

        // BTC (side +1, Q 0.5, EP 50,000, bracket 1): TMM₁ = 150, UPNL₁ = 0:
        //   LP = (4,977.5 − 150 + 0 + 0 − 25,000) / (0.5 × 0.004 − 0.5)
        //      = −20,172.5 / −0.498 = 10,086,250 / 249 = 40,507.028112449… → 40,507.02811245
        //   (notional 20,253.5: bracket 1).
        #expect(d.position(5)?.liquidationPrice == F.price("40507.02811245"))
        // ETH (side −1, Q 10, EP 2,000): TMM₁ = BTC's 25,000 × 0.004 = 100, UPNL₁ = 0.
        //   Bracket 1 (0.005, cum 0): (4,977.5 − 100 + 20,000) / 10.05 = 2,475.37…, notional
        //   24,753.7 — not in [0, 10,000).
        //   Bracket 2 (0.01, cum 50): (4,977.5 − 100 + 50 + 20,000) / (10 × 0.01 + 10)
        //      = 24,927.5 / 10.1 = 249,275 / 101 = 2,468.0693069306… → 2,468.06930693
        //   (notional 24,680.7: bracket 2).
        #expect(d.position(5, "ETHUSDT")?.liquidationPrice == F.price("2468.06930693"))

        // ETH's mark falls to 1,900 (median(1,900, 1,900, last 2,000)): the short gains
        // 10 × 100 = 1,000 and its MM is 19,000 × 0.01 − 50 = 140.
        d.moveMark("ETHUSDT", to: "1900")
        #expect(d.position(5, "ETHUSDT")?.unrealizedPnl == F.amount("1000"))
        #expect(d.position(5, "ETHUSDT")?.maintenanceMargin == F.amount("140"))
        // BTC: LP = (4,977.5 − 140 + 1,000 − 25,000) / −0.498 = 19,162.5 / 0.498
        //        = 3,193,750 / 83 = 38,478.915662650… → 38,478.91566265.
        #expect(d.position(5)?.liquidationPrice == F.price("38478.91566265"))
        // ETH: its own EP and the BTC figures (MM 100, uPnL 0) are unchanged: still 2,468.06930693.
        #expect(d.position(5, "ETHUSDT")?.liquidationPrice == F.price("2468.06930693"))
    }
}
