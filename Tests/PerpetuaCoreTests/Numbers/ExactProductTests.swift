import PerpetuaCore
import Testing

/// `ExactProduct`: notional, fees and PnL at 10⁻¹⁶ in 128 bits, rounded once, by a named rule.
@Suite struct ExactProductTests {
    // MARK: Exact notional

    @Test func notionalIsExact() {
        // 65000.5 × 1.5 = 97500.75
        let notional = ExactProduct(dec("65000.5", as: Price.self), dec("1.5", as: Quantity.self))
        #expect(notional.units == 9_750_075 * exactOne / 100)
        #expect(notional.description == "97500.75")
        // 0.1 × 0.001 = 0.0001
        #expect(ExactProduct(dec("0.1", as: Price.self), dec("0.001", as: Quantity.self)).description == "0.0001")
        // 65000.5 × 0.003 = 195.0015
        let small = ExactProduct(dec("65000.5", as: Price.self), dec("0.003", as: Quantity.self))
        #expect(small.units == 1_950_015 * exactOne / 10_000)
        #expect(small.rounded(.down) == dec("195.0015"))
        #expect(small.rounded(.up) == dec("195.0015"))
    }

    @Test func notionalBeyondSixtyFourBits() {
        // 92,000,000,000 × 1000 = 92,000,000,000,000: 9.2 × 10²⁹ units, far past Int64.max.
        let price = dec("92000000000", as: Price.self)
        let quantity = dec("1000", as: Quantity.self)
        let notional = ExactProduct(price, quantity)
        #expect(notional.units == 92_000_000_000_000 * exactOne)
        #expect(notional.units == 920_000_000_000_000_000_000_000_000_000)
        #expect(notional.units > Int128(Int64.max))
        #expect(notional.description == "92000000000000")
        // The largest price times the largest quantity still fits, exactly.
        let extreme = ExactProduct(Price(units: .max), Quantity(units: .max))
        #expect(extreme.units == Int128(Int64.max) * Int128(Int64.max))
        #expect(ExactProduct(Price(units: .min), Quantity(units: .min)).units == Int128(Int64.min) * Int128(Int64.min))
        // Eight decimals on each side give sixteen in the product, none lost.
        let tiny = ExactProduct(dec("0.00000001", as: Price.self), dec("0.00000001", as: Quantity.self))
        #expect(tiny.units == 1)
        #expect(tiny.description == "0.0000000000000001")
    }

    @Test func amountTimesRate() {
        // 1000 × 0.0001 = 0.1
        #expect(ExactProduct(dec("1000", as: Amount.self), dec("0.0001", as: Rate.self)).description == "0.1")
        // −250.5 × 0.004 = −1.002
        #expect(ExactProduct(dec("-250.5", as: Amount.self), dec("0.004", as: Rate.self)).description == "-1.002")
        #expect(ExactProduct(dec("0.00000003", as: Amount.self), dec("0.5", as: Rate.self)).description == "0.000000015")
    }

    // MARK: Fees: rounded once, in the exchange's favour

    @Test func feeRoundsUpForAChargeAndTowardZeroForARebate() {
        // 30000.1 × 0.003 = 90.0003; × 0.00017 = 0.015300051 (nine decimals).
        let notional = ExactProduct(dec("30000.1", as: Price.self), dec("0.003", as: Quantity.self))
        #expect(notional.description == "90.0003")
        let charge = notional.amount(times: dec("0.00017"), rounding: .up)
        #expect(charge == dec("0.01530006"), "a positive fee rounds up")
        // A rebate of −0.00017: −0.015300051 → −0.01530005, the smaller payout.
        let rebate = notional.amount(times: dec("-0.00017"), rounding: .up)
        #expect(rebate == dec("-0.01530005"), "a rebate rounds toward zero")
        // The other rules, for contrast.
        #expect(notional.amount(times: dec("0.00017"), rounding: .down) == dec("0.01530005"))
        #expect(notional.amount(times: dec("-0.00017"), rounding: .down) == dec("-0.01530006"))
        #expect(notional.amount(times: dec("0.00017"), rounding: .halfAwayFromZero) == dec("0.01530005"))
        #expect(notional.amount(times: dec("-0.00017"), rounding: .towardZero) == dec("-0.01530005"))
    }

    @Test func feeRoundsOnceNotTwice() {
        // 1.00000001 × 0.5 = 0.500000005; × 0.5 = 0.2500000025.
        // Rounding the notional half-up first would give 0.50000001 × 0.5 = 0.250000005 → 0.25000001;
        // the single rounding of the exact value gives 0.25.
        let notional = ExactProduct(dec("1.00000001", as: Price.self), dec("0.5", as: Quantity.self))
        #expect(notional.description == "0.500000005")
        #expect(notional.amount(times: dec("0.5"), rounding: .halfAwayFromZero) == dec("0.25"))
        #expect(notional.amount(times: dec("0.5"), rounding: .up) == dec("0.25000001"))
        #expect(notional.amount(times: dec("0.5"), rounding: .down) == dec("0.25"))
    }

    @Test func exactFeeIsNotMoved() {
        // 65432.1 × 0.007 = 458.0247; × 0.0005 = 0.22901235 exactly.
        let notional = ExactProduct(dec("65432.1", as: Price.self), dec("0.007", as: Quantity.self))
        #expect(notional.description == "458.0247")
        for rule in [RoundingRule.down, .up, .towardZero, .halfAwayFromZero] {
            #expect(notional.amount(times: dec("0.0005"), rounding: rule) == dec("0.22901235"))
            #expect(notional.amount(times: dec("-0.0005"), rounding: rule) == dec("-0.22901235"))
        }
        #expect(notional.amount(times: .zero, rounding: .up) == .zero)
    }

    @Test func feeOnAHugeNotional() {
        // 92,000,000,000 × 1000 × 0.0005 = 46,000,000,000: the intermediate needs ~115 bits.
        let notional = ExactProduct(dec("92000000000", as: Price.self), dec("1000", as: Quantity.self))
        let fee = notional.amount(times: dec("0.0005"), rounding: .up)
        #expect(fee == dec("46000000000"))
        // Plus a sub-unit remainder: (92,000,000,000 × 1000 + 0.00000001 × 0.5) × 0.0005.
        let more = notional + ExactProduct(dec("0.00000001", as: Price.self), dec("0.5", as: Quantity.self))
        #expect(more.amount(times: dec("0.0005"), rounding: .up) == dec("46000000000.00000001"))
        #expect(more.amount(times: dec("0.0005"), rounding: .down) == dec("46000000000"))
    }

    @Test func feeRoundingProperties() {
        // For random fills and rates: .up never charges less than the exact fee and never
        // more than one unit above it; a rebate under .up is never larger than the exact one.
        var rng = SplitMix64(seed: 0x5EED_0004)
        for _ in 0..<10_000 {
            let price = Price(units: Int64(rng.next() % 10_000_000_000_000) + 1) // up to 100,000
            let quantity = Quantity(units: Int64(rng.next() % 100_000_000_000) + 1) // up to 1,000
            let rate = Rate(units: Int64(rng.next() % 200_001) - 100_000) // −0.001 … 0.001
            let notional = ExactProduct(price, quantity)
            let exact = notional.units * Int128(rate.units) // at 10⁻²⁴
            let scale = exactOne // 10⁻⁸ units of the fee → 10⁻²⁴
            let up = notional.amount(times: rate, rounding: .up)
            let down = notional.amount(times: rate, rounding: .down)
            #expect(Int128(up.units) * scale >= exact)
            #expect(Int128(up.units - 1) * scale < exact)
            #expect(Int128(down.units) * scale <= exact)
            #expect(up.units - down.units == (exact % scale == 0 ? 0 : 1))
            if rate.isNegative {
                #expect(up.units <= 0, "a rebate never turns into a charge")
            }
        }
    }

    // MARK: Rounding back to 10⁻⁸

    @Test(arguments: [
        // (units at 10⁻¹⁶, down, up, towardZero, halfAwayFromZero) in 10⁻⁸ units
        (Int128(0), Int64(0), Int64(0), Int64(0), Int64(0)),
        (1, 0, 1, 0, 0),
        (-1, -1, 0, 0, 0),
        (50_000_000, 0, 1, 0, 1),
        (-50_000_000, -1, 0, 0, -1),
        (49_999_999, 0, 1, 0, 0),
        (150_000_000, 1, 2, 1, 2),
        (300_000_000, 3, 3, 3, 3),
        (-300_000_001, -4, -3, -3, -3),
    ] as [(Int128, Int64, Int64, Int64, Int64)])
    func rounded(units: Int128, down: Int64, up: Int64, towardZero: Int64, half: Int64) {
        let product = ExactProduct(units: units)
        #expect(product.rounded(.down).units == down)
        #expect(product.rounded(.up).units == up)
        #expect(product.rounded(.towardZero).units == towardZero)
        #expect(product.rounded(.halfAwayFromZero).units == half)
    }

    // MARK: Arithmetic and order

    @Test func arithmeticAndComparison() {
        let a = ExactProduct(units: 7 * exactOne)
        let b = ExactProduct(units: 2 * exactOne + 5)
        #expect((a + b).units == 9 * exactOne + 5)
        #expect((a - b).units == 5 * exactOne - 5)
        #expect((b - a).description == "-4.9999999999999995")
        #expect(b < a && !(a < b) && !(a < a))
        #expect(a > b && a >= a && b <= a)
        #expect(a == ExactProduct(units: 7 * exactOne))
        #expect(Set([a, b, ExactProduct(units: 7 * exactOne)]).count == 2)
        #expect([a, b].max() == a)
    }

    // MARK: Description

    @Test(arguments: [
        (Int128(0), "0"),
        (1, "0.0000000000000001"),
        (-1, "-0.0000000000000001"),
        (10, "0.000000000000001"),
        (5_000_000_000_000_000, "0.5"),
        (-5_000_000_000_000_000, "-0.5"),
        (10_000_000_000_000_000, "1"),
        (-10_000_000_000_000_000, "-1"),
        (12_345_678_901_234_567, "1.2345678901234567"),
        (1_000_000_000_000_000_000, "100"),
        (Int128.max, "17014118346046923173168.7303715884105727"),
        (Int128.min, "-17014118346046923173168.7303715884105728"),
    ] as [(Int128, String)])
    func description(units: Int128, text: String) {
        #expect(ExactProduct(units: units).description == text)
    }

    @Test func descriptionReadsBackExactly() {
        // The description, read back with integer arithmetic, gives the units again; it
        // has no trailing fractional zeros.
        var rng = SplitMix64(seed: 0x5EED_0005)
        for _ in 0..<10_000 {
            let product = ExactProduct(Price(units: rng.nextUnits()), Quantity(units: rng.nextUnits()))
            let text = product.description
            let negative = text.hasPrefix("-")
            let body = negative ? text.dropFirst() : Substring(text)
            let parts = body.split(separator: ".", omittingEmptySubsequences: false)
            #expect(parts.count == 1 || parts.count == 2, "\(text)")
            guard let wholeText = parts.first, let wholePart = Int128(wholeText) else {
                Issue.record("unreadable \(text)")
                continue
            }
            var value = wholePart * exactOne
            if parts.count == 2 {
                let fraction = parts[1]
                #expect(fraction.count <= 16 && fraction.last != "0", "\(text)")
                var scaled = Int128(fraction) ?? -1
                for _ in 0..<max(0, 16 - fraction.count) { scaled *= 10 }
                value += scaled
            }
            #expect((negative ? -value : value) == product.units, "\(text)")
        }
    }
}
