import PerpetuaCore
import Testing

/// SplitMix64: a small, fast, fully deterministic generator, so that the property-style
/// loops below see the same "random" values on every run and every machine.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A random Int64 whose magnitude is spread over all sizes: a full-width value shifted
    /// right by a random amount, so that small numbers (a few units, whole numbers with no
    /// fraction) come up as often as huge ones.
    mutating func nextUnits() -> Int64 {
        let raw = Int64(bitPattern: next())
        let shift = Int64(next() % 64)
        var value = raw >> shift
        // Every eighth value is made a multiple of a power of ten, so that trailing zeros
        // in the fraction (and whole numbers) are exercised too.
        if next() % 8 == 0 {
            var power: Int64 = 1
            for _ in 0..<(next() % 11) { power *= 10 }
            value = value / power * power
        }
        return value
    }
}

/// Parses a decimal fixture. A fixture that does not parse is recorded as a test issue
/// (instead of crashing the whole run) and stands in as zero.
func dec<T: FixedPointDecimal>(_ text: String, as type: T.Type = T.self,
                               sourceLocation: SourceLocation = #_sourceLocation) -> T {
    do {
        return try T(parsing: text)
    } catch {
        Issue.record("fixture \"\(text)\" does not parse: \(error)", sourceLocation: sourceLocation)
        return .zero
    }
}

/// The value of `whole` whole units, built without the parser under test.
func whole<T: FixedPointDecimal>(_ whole: Int64, as type: T.Type = T.self) -> T {
    T(units: whole * fixedPointOne)
}

/// 10⁻¹⁶ units per whole, the scale of ``ExactProduct``.
let exactOne = Int128(fixedPointOne) * Int128(fixedPointOne)

/// The placeholders (`{name}`) of a message template, in order of appearance.
func placeholders(of template: String) -> [String] {
    var names: [String] = []
    var rest = Substring(template)
    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
        names.append(String(rest[rest.index(after: open)..<close]))
        rest = rest[rest.index(after: close)...]
    }
    return names
}

/// A Binance-like BTCUSDT contract: the numbers of the tests are computed by hand from it.
///
/// Leverage brackets (floor, cap, max leverage, MMR) and the `cum` of MECHANICS.md,
/// `cum(n) = floor(n) × (MMR(n) − MMR(n−1)) + cum(n−1)`:
///
///     1:         0 ..     50,000  125x  0.004  cum = 0
///     2:    50,000 ..    250,000  100x  0.005  cum =    50,000 × 0.001 + 0     =     50
///     3:   250,000 ..  1,000,000   50x  0.01   cum =   250,000 × 0.005 + 50    =  1,300
///     4: 1,000,000 .. 10,000,000   20x  0.025  cum = 1,000,000 × 0.015 + 1,300 = 16,300
///
/// Fee tiers by 30-day volume: 0 from 0 (maker 0.0002, taker 0.0005), 1 from 15,000,000
/// (0.00016 / 0.0004), 2 from 100,000,000 (rebate −0.00005 / 0.00035).
func btcusdt(minQty: String = "0.001") -> SymbolSpec {
    SymbolSpec(
        symbol: "BTCUSDT", baseAsset: "BTC",
        tickSize: dec("0.1"), stepSize: dec("0.001"), minQty: dec(minQty), maxQty: dec("1000"),
        minNotional: dec("5"), priceBandRate: dec("0.05"),
        leverageBrackets: [
            LeverageBracket(bracket: 1, maxLeverage: 125, notionalFloor: whole(0), notionalCap: whole(50_000),
                            maintMarginRate: dec("0.004")),
            LeverageBracket(bracket: 2, maxLeverage: 100, notionalFloor: whole(50_000), notionalCap: whole(250_000),
                            maintMarginRate: dec("0.005")),
            LeverageBracket(bracket: 3, maxLeverage: 50, notionalFloor: whole(250_000), notionalCap: whole(1_000_000),
                            maintMarginRate: dec("0.01")),
            LeverageBracket(bracket: 4, maxLeverage: 20, notionalFloor: whole(1_000_000), notionalCap: whole(10_000_000),
                            maintMarginRate: dec("0.025")),
        ],
        feeTiers: [
            FeeTier(tier: 0, minVolume30d: whole(0), makerRate: dec("0.0002"), takerRate: dec("0.0005")),
            FeeTier(tier: 1, minVolume30d: whole(15_000_000), makerRate: dec("0.00016"), takerRate: dec("0.0004")),
            FeeTier(tier: 2, minVolume30d: whole(100_000_000), makerRate: dec("-0.00005"), takerRate: dec("0.00035")),
        ]
    )
}
