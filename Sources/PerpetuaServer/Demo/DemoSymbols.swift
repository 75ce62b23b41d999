import PerpetuaCore

/// The demo's contracts, with tick and step sizes, leverage brackets and fee tiers shaped
/// like the largest USDT-margined venues' (BTCUSDT up to 125x).
enum DemoSymbols {
    static func amount(_ text: String) -> Amount { try! Amount(parsing: text) }
    static func price(_ text: String) -> Price { try! Price(parsing: text) }
    static func quantity(_ text: String) -> Quantity { try! Quantity(parsing: text) }
    static func rate(_ text: String) -> Rate { try! Rate(parsing: text) }

    /// Volume tiers with a maker rebate at the top, so rebates can be seen working.
    static let feeTiers = [
        FeeTier(tier: 0, minVolume30d: .zero, makerRate: rate("0.0002"), takerRate: rate("0.0005")),
        FeeTier(tier: 1, minVolume30d: amount("15000000"), makerRate: rate("0.00016"), takerRate: rate("0.0004")),
        FeeTier(tier: 2, minVolume30d: amount("50000000"), makerRate: rate("0.00012"), takerRate: rate("0.00035")),
        FeeTier(tier: 3, minVolume30d: amount("250000000"), makerRate: rate("0.00008"), takerRate: rate("0.0003")),
        FeeTier(tier: 4, minVolume30d: amount("1000000000"), makerRate: rate("-0.00005"), takerRate: rate("0.00025")),
    ]

    /// `(cap, maxLeverage, maintenance rate)` rows from a notional of zero.
    static func brackets(_ rows: [(String, Int, String)]) -> [LeverageBracket] {
        var floor = Amount.zero
        return rows.enumerated().map { index, row in
            defer { floor = amount(row.0) }
            return LeverageBracket(
                bracket: index + 1, maxLeverage: row.1, notionalFloor: floor, notionalCap: amount(row.0), maintMarginRate: rate(row.2))
        }
    }

    static let btc = SymbolSpec(
        symbol: "BTCUSDT", baseAsset: "BTC", tickSize: price("0.1"), stepSize: quantity("0.001"), minQty: quantity("0.001"),
        maxQty: quantity("1000"), minNotional: amount("5"), priceBandRate: rate("0.05"),
        leverageBrackets: brackets([
            ("50000", 125, "0.004"), ("250000", 100, "0.005"), ("3000000", 50, "0.01"), ("15000000", 20, "0.025"),
            ("30000000", 10, "0.05"), ("80000000", 5, "0.1"), ("150000000", 4, "0.125"), ("300000000", 3, "0.15"),
            ("500000000", 2, "0.25"), ("800000000", 1, "0.5"),
        ]),
        feeTiers: feeTiers)

    static let eth = SymbolSpec(
        symbol: "ETHUSDT", baseAsset: "ETH", tickSize: price("0.01"), stepSize: quantity("0.001"), minQty: quantity("0.001"),
        maxQty: quantity("10000"), minNotional: amount("5"), priceBandRate: rate("0.05"),
        leverageBrackets: brackets([
            ("50000", 100, "0.005"), ("250000", 75, "0.0065"), ("3000000", 50, "0.01"), ("15000000", 20, "0.025"),
            ("30000000", 10, "0.05"), ("80000000", 5, "0.1"), ("150000000", 4, "0.125"), ("300000000", 3, "0.15"),
            ("500000000", 2, "0.25"), ("800000000", 1, "0.5"),
        ]),
        feeTiers: feeTiers)

    static let sol = SymbolSpec(
        symbol: "SOLUSDT", baseAsset: "SOL", tickSize: price("0.01"), stepSize: quantity("0.1"), minQty: quantity("0.1"),
        maxQty: quantity("100000"), minNotional: amount("5"), priceBandRate: rate("0.05"),
        leverageBrackets: brackets([
            ("10000", 75, "0.01"), ("50000", 50, "0.015"), ("500000", 25, "0.02"), ("2000000", 10, "0.05"),
            ("5000000", 5, "0.1"), ("10000000", 2, "0.25"), ("20000000", 1, "0.5"),
        ]),
        feeTiers: feeTiers)

    /// The symbols with the index price each starts at.
    static let all: [(spec: SymbolSpec, index: Price)] = [
        (btc, price("65000")), (eth, price("3400")), (sol, price("150")),
    ]
}
