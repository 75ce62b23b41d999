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

    @Test func nonPositiveDivisorStopsTheProcess() async {
        await #expect(processExitsWith: .failure) {
            _ = RoundingRule.down.divide(1, by: 0)
        }
        await #expect(processExitsWith: .failure) {
            _ = RoundingRule.up.divide(10, by: -3)
        }
    }
}
