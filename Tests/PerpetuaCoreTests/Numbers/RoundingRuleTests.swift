import PerpetuaCore
import Testing

/// `RoundingRule.divide`: exact division with the rounding named at the call site.
@Suite struct RoundingRuleTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var value: Int128
        var divisor: Int128
        var down: Int128
        var up: Int128
        var towardZero: Int128
        var halfAwayFromZero: Int128
        var testDescription: String { "\(value) / \(divisor)" }
    }

    static let cases: [Case] = [
        // Exact quotients are never moved, whatever the rule.
        Case(value: 30, divisor: 10, down: 3, up: 3, towardZero: 3, halfAwayFromZero: 3),
        Case(value: -30, divisor: 10, down: -3, up: -3, towardZero: -3, halfAwayFromZero: -3),
        Case(value: 0, divisor: 10, down: 0, up: 0, towardZero: 0, halfAwayFromZero: 0),
        Case(value: 7, divisor: 1, down: 7, up: 7, towardZero: 7, halfAwayFromZero: 7),
        Case(value: -7, divisor: 1, down: -7, up: -7, towardZero: -7, halfAwayFromZero: -7),
        // Positive, below, at and above the half.
        Case(value: 24, divisor: 10, down: 2, up: 3, towardZero: 2, halfAwayFromZero: 2),
        Case(value: 25, divisor: 10, down: 2, up: 3, towardZero: 2, halfAwayFromZero: 3),
        Case(value: 26, divisor: 10, down: 2, up: 3, towardZero: 2, halfAwayFromZero: 3),
        Case(value: 21, divisor: 10, down: 2, up: 3, towardZero: 2, halfAwayFromZero: 2),
        Case(value: 29, divisor: 10, down: 2, up: 3, towardZero: 2, halfAwayFromZero: 3),
        // Negative, below, at and above the half (in magnitude).
        Case(value: -24, divisor: 10, down: -3, up: -2, towardZero: -2, halfAwayFromZero: -2),
        Case(value: -25, divisor: 10, down: -3, up: -2, towardZero: -2, halfAwayFromZero: -3),
        Case(value: -26, divisor: 10, down: -3, up: -2, towardZero: -2, halfAwayFromZero: -3),
        // Less than one divisor: the quotient is zero, the rules pick 0 or ±1.
        Case(value: 1, divisor: 3, down: 0, up: 1, towardZero: 0, halfAwayFromZero: 0),
        Case(value: 2, divisor: 3, down: 0, up: 1, towardZero: 0, halfAwayFromZero: 1),
        Case(value: -1, divisor: 3, down: -1, up: 0, towardZero: 0, halfAwayFromZero: 0),
        Case(value: -2, divisor: 3, down: -1, up: 0, towardZero: 0, halfAwayFromZero: -1),
        Case(value: 1, divisor: 2, down: 0, up: 1, towardZero: 0, halfAwayFromZero: 1),
        Case(value: -1, divisor: 2, down: -1, up: 0, towardZero: 0, halfAwayFromZero: -1),
        // Odd and even divisors.
        Case(value: 5, divisor: 2, down: 2, up: 3, towardZero: 2, halfAwayFromZero: 3),
        Case(value: -5, divisor: 2, down: -3, up: -2, towardZero: -2, halfAwayFromZero: -3),
        Case(value: 7, divisor: 4, down: 1, up: 2, towardZero: 1, halfAwayFromZero: 2),
        Case(value: 5, divisor: 4, down: 1, up: 2, towardZero: 1, halfAwayFromZero: 1),
        Case(value: -7, divisor: 4, down: -2, up: -1, towardZero: -1, halfAwayFromZero: -2),
        Case(value: -5, divisor: 4, down: -2, up: -1, towardZero: -1, halfAwayFromZero: -1),
        // The fixed-point scales: 10⁻¹⁶ units back to 10⁻⁸ (1.5 units, −0.5 units, …).
        Case(value: 150_000_000, divisor: 100_000_000, down: 1, up: 2, towardZero: 1, halfAwayFromZero: 2),
        Case(value: -50_000_000, divisor: 100_000_000, down: -1, up: 0, towardZero: 0, halfAwayFromZero: -1),
        Case(value: 49_999_999, divisor: 100_000_000, down: 0, up: 1, towardZero: 0, halfAwayFromZero: 0),
        Case(value: -100_000_001, divisor: 100_000_000, down: -2, up: -1, towardZero: -1, halfAwayFromZero: -1),
        // The ends of the 128-bit range do not overflow.
        Case(value: Int128.max, divisor: 2, down: Int128.max / 2, up: Int128.max / 2 + 1,
             towardZero: Int128.max / 2, halfAwayFromZero: Int128.max / 2 + 1),
        Case(value: Int128.min, divisor: 2, down: Int128.min / 2, up: Int128.min / 2,
             towardZero: Int128.min / 2, halfAwayFromZero: Int128.min / 2),
        Case(value: Int128.min + 1, divisor: Int128.max, down: -1, up: -1, towardZero: -1, halfAwayFromZero: -1),
        Case(value: Int128.min, divisor: Int128.max, down: -2, up: -1, towardZero: -1, halfAwayFromZero: -1),
        Case(value: Int128.max - 1, divisor: Int128.max, down: 0, up: 1, towardZero: 0, halfAwayFromZero: 1),
    ]

    @Test(arguments: cases)
    func down(_ c: Case) { #expect(RoundingRule.down.divide(c.value, by: c.divisor) == c.down) }

    @Test(arguments: cases)
    func up(_ c: Case) { #expect(RoundingRule.up.divide(c.value, by: c.divisor) == c.up) }

    @Test(arguments: cases)
    func towardZero(_ c: Case) { #expect(RoundingRule.towardZero.divide(c.value, by: c.divisor) == c.towardZero) }

    @Test(arguments: cases)
    func halfAwayFromZero(_ c: Case) {
        #expect(RoundingRule.halfAwayFromZero.divide(c.value, by: c.divisor) == c.halfAwayFromZero)
    }

    /// Checks each rule against its definition for many deterministic random operands.
    @Test func rulesMatchTheirDefinitions() {
        var rng = SplitMix64(seed: 0x5EED_0003)
        for _ in 0..<20_000 {
            let value = Int128(rng.nextUnits()) * Int128(rng.nextUnits() >> 20)
            var divisor = Int128(rng.nextUnits().magnitude >> (rng.next() % 60))
            if divisor == 0 { divisor = 1 }
            let down = RoundingRule.down.divide(value, by: divisor)
            let up = RoundingRule.up.divide(value, by: divisor)
            let towardZero = RoundingRule.towardZero.divide(value, by: divisor)
            let half = RoundingRule.halfAwayFromZero.divide(value, by: divisor)
            let label = "\(value) / \(divisor)"
            // down is the floor: down × d ≤ value < (down + 1) × d.
            #expect(down * divisor <= value && value < (down + 1) * divisor, "\(label)")
            // up is the ceiling: one more than the floor unless the division is exact.
            let exact = value % divisor == 0
            #expect(up == (exact ? down : down + 1), "\(label)")
            // toward zero is the floor for positive values and the ceiling for negative ones.
            #expect(towardZero == (value >= 0 ? down : up), "\(label)")
            // half away from zero is the nearest, and on a tie the one of larger magnitude.
            let distanceDown = value - down * divisor // in [0, d)
            let distanceUp = up * divisor - value
            if exact {
                #expect(half == down, "\(label)")
            } else if distanceDown < distanceUp {
                #expect(half == down, "\(label)")
            } else if distanceUp < distanceDown {
                #expect(half == up, "\(label)")
            } else {
                #expect(half == (value > 0 ? up : down), "\(label)")
            }
        }
    }

    /// `divide` takes a 64-bit path, a one-word-divisor path (two hardware divisions) or
    /// the generic 128-bit one depending on the operands' sizes; all three must agree with
    /// the reference built on `Int128.quotientAndRemainder`, across the whole range.
    @Test func everyPathAgreesWithTheGenericDivision() {
        var rng = SplitMix64(seed: 0x5EED_0128)
        func reference(_ rule: RoundingRule, _ value: Int128, _ divisor: Int128) -> Int128 {
            let (q, r) = value.quotientAndRemainder(dividingBy: divisor)
            guard r != 0 else { return q }
            switch rule {
            case .towardZero: return q
            case .down: return value < 0 ? q - 1 : q
            case .up: return value > 0 ? q + 1 : q
            case .halfAwayFromZero: return r.magnitude >= divisor.magnitude - r.magnitude ? (value < 0 ? q - 1 : q + 1) : q
            }
        }
        let extremes: [Int128] = [.min, .min + 1, -1, 0, 1, .max - 1, .max, Int128(Int64.min), Int128(Int64.max), Int128(UInt64.max)]
        for round in 0..<40_000 {
            let wide = Int128(truncatingIfNeeded: UInt128(rng.next()) << 64 | UInt128(rng.next()))
            let value = round % 10 == 0 ? extremes[Int(rng.next() % UInt64(extremes.count))] : wide >> (rng.next() % 127)
            let divisor = max(1, Int128(truncatingIfNeeded: UInt128(rng.next()) << 64 | UInt128(rng.next())).magnitude >> (1 + rng.next() % 127))
            let d = Int128(divisor)
            for rule in [RoundingRule.down, .up, .towardZero, .halfAwayFromZero] {
                #expect(rule.divide(value, by: d) == reference(rule, value, d), "\(rule) \(value) / \(d)")
            }
        }
    }

    @Test func nonPositiveDivisorStopsTheProcess() async {
        await #expect(processExitsWith: .failure) {
            _ = RoundingRule.down.divide(1, by: 0)
        }
        await #expect(processExitsWith: .failure) {
            _ = RoundingRule.up.divide(10, by: -3)
        }
    }
}
