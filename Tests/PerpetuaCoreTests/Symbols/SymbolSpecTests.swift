import PerpetuaCore
import Testing

/// `SymbolSpec`: the grid conversions, order size checks, the leverage and fee schedules
/// and the validation of a specification. The fixture is `btcusdt()` (TestSupport.swift),
/// whose schedule and hand-computed `cum` values are written out there.
@Suite struct SymbolSpecTests {
    /// A low-priced contract with an integer quantity grid (tick 0.00001, step 1).
    static func dogeusdt() -> SymbolSpec {
        SymbolSpec(
            symbol: "DOGEUSDT", baseAsset: "DOGE",
            tickSize: dec("0.00001"), stepSize: dec("1"), minQty: dec("1"), maxQty: dec("50000000"),
            minNotional: dec("5"), priceBandRate: dec("0.1"),
            leverageBrackets: [
                LeverageBracket(bracket: 1, maxLeverage: 75, notionalFloor: whole(0), notionalCap: whole(10_000),
                                maintMarginRate: dec("0.005")),
            ],
            feeTiers: [FeeTier(tier: 0, minVolume30d: whole(0), makerRate: dec("0.0002"), takerRate: dec("0.0005"))]
        )
    }

    // MARK: Grid conversions

    @Test(arguments: [("65000.5", Int64(650_005)), ("0.1", 1), ("1", 10), ("65000", 650_000), ("100000.0", 1_000_000),
                      ("0.10000000", 1)] as [(String, Int64)])
    func ticksOnTheGrid(text: String, ticks: Int64) throws {
        let spec = btcusdt()
        let price = try Price(parsing: text)
        #expect(try spec.ticks(for: price) == ticks)
        #expect(spec.price(ticks: ticks) == price)
    }

    @Test(arguments: ["65000.55", "0.05", "65000.00000001", "0.00000001", "1.01"])
    func ticksOffTheGrid(text: String) throws {
        let spec = btcusdt()
        let price = try Price(parsing: text)
        let error = try #require(throws: PerpetuaError.self) { try spec.ticks(for: price) }
        #expect(error.code == .priceNotOnTick)
        #expect(error.details["tickSize"] == "0.1")
        #expect(error.details["price"] == price.description)
        #expect(error.details["field"] == "price")
        #expect(error.message == "price \(price) is not a multiple of the tick size 0.1")
    }

    @Test func ticksOffTheGridNamesTheField() throws {
        let error = try #require(throws: PerpetuaError.self) {
            try btcusdt().ticks(for: dec("65000.55"), field: "triggerPrice")
        }
        #expect(error.code == .priceNotOnTick)
        #expect(error.details["field"] == "triggerPrice")
    }

    @Test(arguments: ["0", "-0.1", "-65000", "-0.00000001"])
    func ticksOfANonPositivePrice(text: String) throws {
        let error = try #require(throws: PerpetuaError.self) { try btcusdt().ticks(for: dec(text)) }
        #expect(error.code == .invalidParameter)
        #expect(error.details["field"] == "price")
        #expect(error.details["reason"] == "must be greater than zero")
        let named = try #require(throws: PerpetuaError.self) { try btcusdt().ticks(for: dec(text), field: "stopPrice") }
        #expect(named.details["field"] == "stopPrice")
    }

    @Test(arguments: [("0.001", Int64(1)), ("1.5", 1_500), ("1000", 1_000_000), ("0.010", 10), ("12.345", 12_345)] as [(String, Int64)])
    func lotsOnTheGrid(text: String, lots: Int64) throws {
        let spec = btcusdt()
        let quantity = try Quantity(parsing: text)
        #expect(try spec.lots(for: quantity) == lots)
        #expect(spec.quantity(lots: lots) == quantity)
    }

    @Test(arguments: ["0.0015", "0.0001", "1.0001", "0.00000001"])
    func lotsOffTheGrid(text: String) throws {
        let quantity = try Quantity(parsing: text)
        let error = try #require(throws: PerpetuaError.self) { try btcusdt().lots(for: quantity) }
        #expect(error.code == .quantityNotOnStep)
        #expect(error.details["stepSize"] == "0.001")
        #expect(error.details["quantity"] == quantity.description)
        #expect(error.details["field"] == "quantity")
        #expect(error.message == "quantity \(quantity) is not a multiple of the step size 0.001")
    }

    @Test(arguments: ["0", "-0.001", "-5"])
    func lotsOfANonPositiveQuantity(text: String) throws {
        let error = try #require(throws: PerpetuaError.self) { try btcusdt().lots(for: dec(text)) }
        #expect(error.code == .invalidParameter)
        #expect(error.details["field"] == "quantity")
        let named = try #require(throws: PerpetuaError.self) { try btcusdt().lots(for: dec(text), field: "closeQty") }
        #expect(named.details["field"] == "closeQty")
    }

    @Test func integerStepAndFineTick() throws {
        let spec = Self.dogeusdt()
        #expect(spec.priceDecimals == 5)
        #expect(spec.quantityDecimals == 0)
        #expect(try spec.ticks(for: dec("0.16234")) == 16_234)
        #expect(try spec.lots(for: dec("100")) == 100)
        let price = try #require(throws: PerpetuaError.self) { try spec.ticks(for: dec("0.162345")) }
        #expect(price.code == .priceNotOnTick && price.details["tickSize"] == "0.00001")
        let quantity = try #require(throws: PerpetuaError.self) { try spec.lots(for: dec("100.5")) }
        #expect(quantity.code == .quantityNotOnStep && quantity.details["stepSize"] == "1")
    }

    @Test func gridRoundTrips() throws {
        let spec = btcusdt()
        var rng = SplitMix64(seed: 0x5EED_0006)
        for _ in 0..<2_000 {
            let ticks = Int64(rng.next() % 1_000_000_000) + 1
            let lots = Int64(rng.next() % 1_000_000_000) + 1
            #expect(try spec.ticks(for: spec.price(ticks: ticks)) == ticks)
            #expect(try spec.lots(for: spec.quantity(lots: lots)) == lots)
            // notional(ticks:lots:) is price × quantity, exactly.
            #expect(spec.notional(ticks: ticks, lots: lots).units
                == Int128(ticks) * 10_000_000 * Int128(lots) * 100_000)
        }
    }

    @Test func precision() {
        let spec = btcusdt()
        #expect(spec.priceDecimals == 1)
        #expect(spec.quantityDecimals == 3)
        // 65000.5 × 1.5 = 97500.75
        #expect(spec.notional(ticks: 650_005, lots: 1_500).description == "97500.75")
    }

    // MARK: Order size

    @Test func sizeWithinLimitsIsAccepted() throws {
        let spec = btcusdt(minQty: "0.01")
        try spec.checkSize(lots: 10, atTicks: 650_000) // minQty exactly: 0.01 × 65000 = 650
        try spec.checkSize(lots: 1_000_000, atTicks: 650_000) // maxQty exactly
        try spec.checkSize(lots: 77, atTicks: 650_001) // 65000.1 × 0.077 = 5005.0077, well inside
    }

    @Test func belowMinQty() throws {
        let spec = btcusdt(minQty: "0.01")
        let error = try #require(throws: PerpetuaError.self) { try spec.checkSize(lots: 9, atTicks: 650_000) }
        #expect(error.code == .quantityOutOfRange)
        #expect(error.details == ["quantity": "0.009", "minQty": "0.010", "maxQty": "1000.000", "field": "quantity"])
        #expect(error.message == "quantity 0.009 is outside [0.010, 1000.000]")
        for lots in [Int64(0), -1, -1_000] {
            #expect(throws: PerpetuaError(.quantityOutOfRange, [
                "quantity": spec.quantity(lots: lots).formatted(decimals: 3), "minQty": "0.010",
                "maxQty": "1000.000", "field": "quantity",
            ])) { try spec.checkSize(lots: lots, atTicks: 650_000) }
        }
    }

    @Test func aboveMaxQty() throws {
        let spec = btcusdt()
        let error = try #require(throws: PerpetuaError.self) { try spec.checkSize(lots: 1_000_001, atTicks: 650_000) }
        #expect(error.code == .quantityOutOfRange)
        #expect(error.details["quantity"] == "1000.001")
        #expect(error.details["maxQty"] == "1000.000")
        #expect(error.details["minQty"] == "0.001")
    }

    @Test func belowMinNotional() throws {
        let spec = btcusdt()
        // 4999.9 × 0.001 = 4.9999 < 5
        let error = try #require(throws: PerpetuaError.self) { try spec.checkSize(lots: 1, atTicks: 49_999) }
        #expect(error.code == .notionalBelowMinimum)
        #expect(error.details["notional"] == "4.9999")
        #expect(error.details["minNotional"] == "5")
        #expect(error.message == "order notional 4.9999 is below the minimum 5")
        // 5000 × 0.001 = 5: the minimum itself is accepted.
        try spec.checkSize(lots: 1, atTicks: 50_000)
        // 0.1 × 49.999 = 4.9999; 0.1 × 50 = 5.
        #expect(throws: PerpetuaError.self) { try spec.checkSize(lots: 49_999, atTicks: 1) }
        try spec.checkSize(lots: 50_000, atTicks: 1)
    }

    @Test func quantityIsCheckedBeforeNotional() throws {
        let spec = btcusdt(minQty: "0.01")
        // Both too small: the quantity error wins.
        let error = try #require(throws: PerpetuaError.self) { try spec.checkSize(lots: 1, atTicks: 1) }
        #expect(error.code == .quantityOutOfRange)
    }

    @Test func zeroMinNotionalAcceptsAnything() throws {
        var spec = btcusdt()
        spec.minNotional = .zero
        try spec.checkSize(lots: 1, atTicks: 1)
    }

    // MARK: Leverage brackets and cum (MECHANICS.md)

    @Test func cumIsDerivedFromTheSchedule() {
        let brackets = btcusdt().leverageBrackets
        // See btcusdt(): 0, 50,000 × 0.001 = 50, 250,000 × 0.005 + 50 = 1,300,
        // 1,000,000 × 0.015 + 1,300 = 16,300.
        #expect(brackets.map(\.cum) == [whole(0), whole(50), whole(1_300), whole(16_300)])
        #expect(brackets.map(\.cum.description) == ["0", "50", "1300", "16300"])
    }

    @Test func maintenanceMarginIsContinuousAtEveryEdge() {
        // notional × MMR − cum on both sides of each floor:
        //    50,000 × 0.004 − 0     =   200 =    50,000 × 0.005 − 50
        //   250,000 × 0.005 − 50    = 1,200 =   250,000 × 0.01  − 1,300
        // 1,000,000 × 0.01  − 1,300 = 8,700 = 1,000,000 × 0.025 − 16,300
        let brackets = btcusdt().leverageBrackets
        func maintenance(_ notional: Amount, _ bracket: LeverageBracket) -> ExactProduct {
            ExactProduct(notional, bracket.maintMarginRate) - ExactProduct(bracket.cum, Rate(units: fixedPointOne))
        }
        let expected = [whole(200), whole(1_200), whole(8_700)] as [Amount]
        for index in 1..<brackets.count {
            let floor = brackets[index].notionalFloor
            let below = maintenance(floor, brackets[index - 1])
            let above = maintenance(floor, brackets[index])
            #expect(below == above, "edge at \(floor)")
            #expect(above.rounded(.down) == expected[index - 1])
        }
    }

    @Test func givenCumIsReplacedByTheDerivedOne() {
        let spec = SymbolSpec(
            symbol: "ETHUSDT", baseAsset: "ETH", tickSize: dec("0.01"), stepSize: dec("0.001"), minQty: dec("0.001"),
            maxQty: dec("10000"), minNotional: dec("5"), priceBandRate: dec("0.05"),
            leverageBrackets: [
                LeverageBracket(bracket: 1, maxLeverage: 100, notionalFloor: whole(0), notionalCap: dec("12345.67"),
                                maintMarginRate: dec("0.004"), cum: whole(999)),
                LeverageBracket(bracket: 2, maxLeverage: 75, notionalFloor: dec("12345.67"), notionalCap: whole(100_000),
                                maintMarginRate: dec("0.0055"), cum: whole(999)),
            ],
            feeTiers: [FeeTier(tier: 0, minVolume30d: whole(0), makerRate: dec("0.0002"), takerRate: dec("0.0005"))]
        )
        // cum(1) = 0; cum(2) = 12,345.67 × 0.0015 = 18.518505, exactly.
        #expect(spec.leverageBrackets.map(\.cum) == [Amount.zero, dec("18.518505")])
        #expect(spec.problems().isEmpty)
    }

    @Test func cumIsRecomputedAfterAChange() {
        var spec = btcusdt()
        spec.leverageBrackets[1].maintMarginRate = dec("0.006")
        // Stale until derived again.
        #expect(spec.leverageBrackets[1].cum == whole(50))
        spec = spec.withDerivedMaintenanceAmounts()
        // 50,000 × 0.002 = 100; 250,000 × 0.004 + 100 = 1,100; 1,000,000 × 0.015 + 1,100 = 16,100.
        #expect(spec.leverageBrackets.map(\.cum) == [whole(0), whole(100), whole(1_100), whole(16_100)])
        // Deriving is idempotent.
        #expect(spec.withDerivedMaintenanceAmounts() == spec)
    }

    @Test(arguments: [
        // (notional at 10⁻¹⁶, expected bracket)
        (Int128(0), 1),
        (1, 1),
        (50_000 * exactOne - 1, 1), // 49,999.9999999999999999
        (50_000 * exactOne, 2),
        (50_000 * exactOne + 1, 2),
        (250_000 * exactOne - 1, 2),
        (250_000 * exactOne, 3),
        (1_000_000 * exactOne - 1, 3),
        (1_000_000 * exactOne, 4),
        (9_999_999 * exactOne, 4),
        (10_000_000 * exactOne, 4), // at and beyond the last cap: still the last bracket
        (92_000_000_000_000 * exactOne, 4),
        (-1, 1),
    ] as [(Int128, Int)])
    func bracketForNotional(units: Int128, bracket: Int) {
        let found = btcusdt().bracket(forNotional: ExactProduct(units: units))
        #expect(found.bracket == bracket)
        #expect(found == btcusdt().leverageBrackets[bracket - 1])
    }

    @Test func bracketOfAnOrderNotional() {
        // 65,000 × 0.769 = 49,985 (bracket 1); 65,000 × 0.770 = 50,050 (bracket 2).
        let spec = btcusdt()
        #expect(spec.bracket(forNotional: spec.notional(ticks: 650_000, lots: 769)).bracket == 1)
        #expect(spec.bracket(forNotional: spec.notional(ticks: 650_000, lots: 770)).bracket == 2)
        #expect(spec.bracket(forNotional: spec.notional(ticks: 650_000, lots: 770)).maxLeverage == 100)
    }

    // MARK: Fee tiers

    @Test(arguments: [
        ("0", 0),
        ("1", 0),
        ("14999999.99999999", 0),
        ("15000000", 1),
        ("15000000.00000001", 1),
        ("99999999.99999999", 1),
        ("100000000", 2),
        ("92233720368", 2),
    ] as [(String, Int)])
    func feeTierForVolume(volume: String, tier: Int) {
        let found = btcusdt().feeTier(forVolume: dec(volume))
        #expect(found.tier == tier)
        #expect(found == btcusdt().feeTiers[tier])
    }

    @Test func topTierHasARebate() {
        let top = btcusdt().feeTier(forVolume: whole(200_000_000))
        #expect(top.makerRate == dec("-0.00005"))
        #expect(top.makerRate.isNegative)
        #expect(top.takerRate == dec("0.00035"))
    }

    // MARK: Defaults

    @Test func defaults() {
        let spec = btcusdt()
        #expect(spec.quoteAsset == "USDT")
        #expect(spec.status == .trading)
        #expect(spec.fundingIntervalHours == 8)
        #expect(spec.interestRate == dec("0.0001"))
        #expect(spec.maxOpenOrders == 200)
        #expect(spec.maxLeverage == 125)
        // 0.75 × 0.004 = 0.003, and the floor mirrors it.
        #expect(spec.capRate == dec("0.003"))
        #expect(spec.floorRate == dec("-0.003"))
        // 200 USDT × 125 = 25,000.
        #expect(spec.impactNotional == whole(25_000))
        #expect(Self.dogeusdt().impactNotional == whole(15_000)) // 200 × 75
        #expect(Self.dogeusdt().capRate == dec("0.00375")) // 0.75 × 0.005
    }

    @Test func explicitFundingSettings() {
        let base = btcusdt()
        func make(capRate: Rate?, floorRate: Rate?, impactNotional: Amount?) -> SymbolSpec {
            SymbolSpec(symbol: base.symbol, baseAsset: base.baseAsset, quoteAsset: "USDC", status: .reduceOnly,
                       tickSize: base.tickSize, stepSize: base.stepSize, minQty: base.minQty, maxQty: base.maxQty,
                       minNotional: base.minNotional, priceBandRate: base.priceBandRate,
                       leverageBrackets: base.leverageBrackets, feeTiers: base.feeTiers, fundingIntervalHours: 4,
                       interestRate: dec("0.00005"), capRate: capRate, floorRate: floorRate,
                       impactNotional: impactNotional, maxOpenOrders: 50)
        }
        let capOnly = make(capRate: dec("0.002"), floorRate: nil, impactNotional: nil)
        #expect(capOnly.capRate == dec("0.002"))
        #expect(capOnly.floorRate == dec("-0.002"), "the floor defaults to minus the given cap")
        let both = make(capRate: dec("0.01"), floorRate: dec("-0.005"), impactNotional: whole(10_000))
        #expect(both.capRate == dec("0.01"))
        #expect(both.floorRate == dec("-0.005"))
        #expect(both.impactNotional == whole(10_000))
        #expect(both.quoteAsset == "USDC" && both.status == .reduceOnly)
        #expect(both.fundingIntervalHours == 4 && both.interestRate == dec("0.00005") && both.maxOpenOrders == 50)
        let floorOnly = make(capRate: nil, floorRate: dec("-0.001"), impactNotional: nil)
        #expect(floorOnly.capRate == dec("0.003"))
        #expect(floorOnly.floorRate == dec("-0.001"))
    }

    @Test func defaultCapOfAnUnevenRate() {
        var brackets = btcusdt().leverageBrackets
        brackets[0].maintMarginRate = dec("0.0065")
        let spec = SymbolSpec(symbol: "X", baseAsset: "X", tickSize: dec("1"), stepSize: dec("1"), minQty: dec("1"),
                              maxQty: dec("1"), minNotional: .zero, priceBandRate: dec("0.1"),
                              leverageBrackets: brackets, feeTiers: btcusdt().feeTiers)
        #expect(spec.capRate == dec("0.004875")) // 0.75 × 0.0065
        #expect(spec.floorRate == dec("-0.004875"))
    }

    // MARK: Validation

    @Test func soundSpecificationHasNoProblems() {
        #expect(btcusdt().problems().isEmpty)
        #expect(btcusdt(minQty: "0.01").problems().isEmpty)
        #expect(Self.dogeusdt().problems().isEmpty)
    }

    struct Mutation: Sendable, CustomTestStringConvertible {
        var name: String
        /// The `field` of each expected problem, in the order `problems()` reports them.
        var fields: [String]
        var apply: @Sendable (inout SymbolSpec) -> Void
        var testDescription: String { name }
    }

    static let malformed: [Mutation] = [
        Mutation(name: "empty symbol", fields: ["symbol"]) { $0.symbol = "" },
        Mutation(name: "lower-case symbol", fields: ["symbol"]) { $0.symbol = "btcusdt" },
        Mutation(name: "symbol with a separator", fields: ["symbol"]) { $0.symbol = "BTC-USDT" },
        Mutation(name: "symbol with a non-ASCII letter", fields: ["symbol"]) { $0.symbol = "BTCÜSDT" },
        Mutation(name: "zero tick", fields: ["tickSize"]) { $0.tickSize = .zero },
        Mutation(name: "negative tick", fields: ["tickSize"]) { $0.tickSize = dec("-0.1") },
        Mutation(name: "zero step", fields: ["stepSize"]) { $0.stepSize = .zero },
        Mutation(name: "negative step", fields: ["stepSize"]) { $0.stepSize = dec("-0.001") },
        Mutation(name: "zero minQty", fields: ["minQty"]) { $0.minQty = .zero },
        Mutation(name: "negative minQty", fields: ["minQty"]) { $0.minQty = dec("-0.001") },
        Mutation(name: "minQty off step", fields: ["minQty"]) { $0.minQty = dec("0.0015") },
        Mutation(name: "maxQty below minQty", fields: ["maxQty"]) { $0.maxQty = dec("0.0005") },
        Mutation(name: "maxQty off step", fields: ["maxQty"]) { $0.maxQty = dec("1000.0005") },
        Mutation(name: "negative minNotional", fields: ["minNotional"]) { $0.minNotional = dec("-0.00000001") },
        Mutation(name: "zero band", fields: ["priceBandRate"]) { $0.priceBandRate = .zero },
        Mutation(name: "band of 1", fields: ["priceBandRate"]) { $0.priceBandRate = dec("1") },
        Mutation(name: "negative band", fields: ["priceBandRate"]) { $0.priceBandRate = dec("-0.05") },
        Mutation(name: "no brackets", fields: ["leverageBrackets"]) { $0.leverageBrackets = [] },
        Mutation(name: "first floor not zero", fields: ["leverageBrackets[0].notionalFloor"]) {
            $0.leverageBrackets[0].notionalFloor = whole(1)
        },
        Mutation(name: "gap between brackets", fields: ["leverageBrackets[2].notionalFloor"]) {
            $0.leverageBrackets[1].notionalCap = whole(200_000)
        },
        Mutation(name: "empty bracket", fields: ["leverageBrackets[3].notionalCap"]) {
            $0.leverageBrackets[3].notionalCap = $0.leverageBrackets[3].notionalFloor
        },
        Mutation(name: "zero leverage", fields: ["leverageBrackets[3].maxLeverage"]) {
            $0.leverageBrackets[3].maxLeverage = 0
        },
        Mutation(name: "leverage above 1000", fields: ["leverageBrackets[0].maxLeverage"]) {
            $0.leverageBrackets[0].maxLeverage = 1001
            $0.leverageBrackets[0].maintMarginRate = dec("0.0005")
        },
        Mutation(name: "leverage rising with notional", fields: ["leverageBrackets[1].maxLeverage"]) {
            $0.leverageBrackets[1].maxLeverage = 126
        },
        Mutation(name: "zero maintenance rate", fields: ["leverageBrackets[0].maintMarginRate"]) {
            $0.leverageBrackets[0].maintMarginRate = .zero
        },
        Mutation(name: "negative maintenance rate", fields: ["leverageBrackets[0].maintMarginRate"]) {
            $0.leverageBrackets[0].maintMarginRate = dec("-0.004")
        },
        Mutation(name: "maintenance rate of 1",
                 fields: ["leverageBrackets[3].maintMarginRate", "leverageBrackets[3].maintMarginRate"]) {
            $0.leverageBrackets[3].maintMarginRate = dec("1")
        },
        Mutation(name: "maintenance rate falling", fields: ["leverageBrackets[2].maintMarginRate"]) {
            $0.leverageBrackets[2].maintMarginRate = dec("0.0045")
        },
        Mutation(name: "maintenance above initial margin", fields: ["leverageBrackets[3].maintMarginRate"]) {
            $0.leverageBrackets[3].maintMarginRate = dec("0.06") // 0.06 × 20 = 1.2 > 1
        },
        Mutation(name: "cum not exact at eight decimals", fields: ["leverageBrackets[1].maintMarginRate"]) {
            // 50,000.5 × (0.00523457 − 0.004) = 50,000.5 × 0.00123457 = 61.729117285
            $0.leverageBrackets[0].notionalCap = dec("50000.5")
            $0.leverageBrackets[1].notionalFloor = dec("50000.5")
            $0.leverageBrackets[1].maintMarginRate = dec("0.00523457")
        },
        Mutation(name: "no fee tiers", fields: ["feeTiers"]) { $0.feeTiers = [] },
        Mutation(name: "first tier not from zero", fields: ["feeTiers[0].minVolume30d"]) {
            $0.feeTiers[0].minVolume30d = whole(1)
        },
        Mutation(name: "tier volume repeated", fields: ["feeTiers[2].minVolume30d"]) {
            $0.feeTiers[2].minVolume30d = whole(15_000_000)
        },
        Mutation(name: "tier volume falling", fields: ["feeTiers[2].minVolume30d"]) {
            $0.feeTiers[1].minVolume30d = whole(200_000_000)
        },
        Mutation(name: "negative taker rate", fields: ["feeTiers[0].takerRate"]) {
            $0.feeTiers[0].takerRate = dec("-0.0001")
        },
        Mutation(name: "rebate above taker rate", fields: ["feeTiers[2].makerRate"]) {
            $0.feeTiers[2].makerRate = dec("-0.00036")
        },
        Mutation(name: "funding every 3 h", fields: ["fundingIntervalHours"]) { $0.fundingIntervalHours = 3 },
        Mutation(name: "funding every 0 h", fields: ["fundingIntervalHours"]) { $0.fundingIntervalHours = 0 },
        Mutation(name: "funding every 24 h", fields: ["fundingIntervalHours"]) { $0.fundingIntervalHours = 24 },
        Mutation(name: "cap below default floor", fields: ["capRate"]) { $0.capRate = dec("-0.01") },
        Mutation(name: "floor above default cap", fields: ["capRate"]) { $0.floorRate = dec("0.01") },
        Mutation(name: "zero impact notional", fields: ["impactNotional"]) { $0.impactNotional = .zero },
        Mutation(name: "negative impact notional", fields: ["impactNotional"]) { $0.impactNotional = whole(-1) },
        Mutation(name: "no open orders allowed", fields: ["maxOpenOrders"]) { $0.maxOpenOrders = 0 },
    ]

    @Test(arguments: malformed)
    func problemsNameTheMalformedField(_ mutation: Mutation) {
        var spec = btcusdt()
        mutation.apply(&spec)
        let problems = spec.problems()
        #expect(problems.map { $0.details["field"] ?? "<none>" } == mutation.fields)
        for problem in problems {
            #expect(problem.code == .invalidParameter)
            #expect(!(problem.details["reason"] ?? "").isEmpty)
            #expect(problem.message.hasPrefix("invalid parameter \(problem.details["field"] ?? "")"))
        }
    }

    static let soundVariants: [Mutation] = [
        Mutation(name: "zero minNotional", fields: []) { $0.minNotional = .zero },
        Mutation(name: "minQty equal to maxQty", fields: []) { $0.maxQty = $0.minQty },
        Mutation(name: "rebate equal to the taker rate", fields: []) { $0.feeTiers[2].makerRate = dec("-0.00035") },
        Mutation(name: "zero fees", fields: []) {
            $0.feeTiers[0].makerRate = .zero
            $0.feeTiers[0].takerRate = .zero
        },
        Mutation(name: "single bracket", fields: []) { $0.leverageBrackets.removeLast(3) },
        Mutation(name: "single tier", fields: []) { $0.feeTiers.removeLast(2) },
        Mutation(name: "funding every hour", fields: []) { $0.fundingIntervalHours = 1 },
        Mutation(name: "funding every 2 h", fields: []) { $0.fundingIntervalHours = 2 },
        Mutation(name: "funding every 4 h", fields: []) { $0.fundingIntervalHours = 4 },
        Mutation(name: "cap equal to floor", fields: []) {
            $0.capRate = .zero
            $0.floorRate = .zero
        },
        Mutation(name: "maintenance exactly 1 / leverage", fields: []) {
            $0.leverageBrackets[3].maintMarginRate = dec("0.05") // 0.05 × 20 = 1
        },
        Mutation(name: "leverage 1000", fields: []) {
            $0.leverageBrackets[0].maxLeverage = 1000
            $0.leverageBrackets[0].maintMarginRate = dec("0.001")
        },
        Mutation(name: "leverage 1 everywhere", fields: []) {
            for index in $0.leverageBrackets.indices { $0.leverageBrackets[index].maxLeverage = 1 }
        },
        Mutation(name: "equal maintenance rates", fields: []) {
            $0.leverageBrackets[1].maintMarginRate = $0.leverageBrackets[0].maintMarginRate
        },
        Mutation(name: "digits in the symbol", fields: []) { $0.symbol = "1000PEPEUSDT" },
        Mutation(name: "suspended", fields: []) { $0.status = .suspended },
    ]

    @Test(arguments: soundVariants)
    func soundVariantsHaveNoProblems(_ mutation: Mutation) {
        var spec = btcusdt()
        mutation.apply(&spec)
        spec = spec.withDerivedMaintenanceAmounts()
        #expect(spec.problems().isEmpty, "\(spec.problems())")
    }

    @Test func problemsAccumulate() {
        var spec = btcusdt()
        spec.symbol = ""
        spec.tickSize = .zero
        spec.feeTiers = []
        spec.maxOpenOrders = 0
        #expect(spec.problems().map { $0.details["field"] } == ["symbol", "tickSize", "feeTiers", "maxOpenOrders"])
    }

    @Test func valueSemantics() {
        var a = btcusdt()
        let b = btcusdt()
        #expect(a == b)
        a.leverageBrackets[0].maxLeverage = 100
        #expect(a != b)
        #expect(b.leverageBrackets[0].maxLeverage == 125)
    }
}

@Suite("SymbolSpec funding defaults")
struct SymbolSpecFundingDefaultTests {
    @Test("the default interest is 0.01 % per 8 hours, scaled to the funding interval", arguments: [(8, Int64(10_000)), (4, 5_000), (1, 1_250)])
    func interestScales(hours: Int, units: Int64) {
        let base = btcusdt()
        let spec = SymbolSpec(
            symbol: base.symbol, baseAsset: base.baseAsset, tickSize: base.tickSize, stepSize: base.stepSize, minQty: base.minQty,
            maxQty: base.maxQty, minNotional: base.minNotional, priceBandRate: base.priceBandRate,
            leverageBrackets: base.leverageBrackets, feeTiers: base.feeTiers, fundingIntervalHours: hours)
        #expect(spec.interestRate == Rate(units: units))
    }
}
