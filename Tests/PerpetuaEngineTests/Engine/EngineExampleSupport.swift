import PerpetuaCore
@testable import PerpetuaEngine
import Testing

/// Shared pieces of the worked-example suites (margin, liquidation, funding, fees,
/// condition orders, strategies, bad input): a second symbol, order builders, event
/// filters and a few driver steps. Every number the examples assert is computed by hand in
/// the test's comments from MECHANICS.md; nothing here computes an expected value.
extension EngineFixtures {
    /// A second symbol for cross-margin examples, again with round numbers: tick 0.01, step
    /// 0.01, brackets 0–10,000 at 100x / 0.5 %, 10,000–100,000 at 50x / 1 % (cum
    /// 10,000 × (0.01 − 0.005) = 50), 100,000–1,000,000 at 20x / 2.5 % (cum 100,000 ×
    /// (0.025 − 0.01) + 50 = 1,550); the same fees as BTCUSDT.
    static var ethSpec: SymbolSpec {
        SymbolSpec(
            symbol: "ETHUSDT", baseAsset: "ETH", tickSize: price("0.01"), stepSize: quantity("0.01"),
            minQty: quantity("0.01"), maxQty: quantity("10000"), minNotional: amount("5"), priceBandRate: rate("0.05"),
            leverageBrackets: [
                LeverageBracket(bracket: 1, maxLeverage: 100, notionalFloor: .zero, notionalCap: amount("10000"), maintMarginRate: rate("0.005")),
                LeverageBracket(bracket: 2, maxLeverage: 50, notionalFloor: amount("10000"), notionalCap: amount("100000"), maintMarginRate: rate("0.01")),
                LeverageBracket(bracket: 3, maxLeverage: 20, notionalFloor: amount("100000"), notionalCap: amount("1000000"), maintMarginRate: rate("0.025")),
            ],
            feeTiers: [
                FeeTier(tier: 0, minVolume30d: .zero, makerRate: rate("0.0002"), takerRate: rate("0.0005")),
                FeeTier(tier: 1, minVolume30d: amount("1000000"), makerRate: rate("-0.0001"), takerRate: rate("0.0004")),
            ])
    }

    /// A LIMIT order request.
    static func order(
        _ account: UInt64, _ side: Side, _ qty: String, at px: String, on symbol: String = "BTCUSDT",
        tif: TimeInForce = .gtc, reduceOnly: Bool = false, clientOrderId: String? = nil
    ) -> OrderRequest {
        OrderRequest(
            account: account, symbol: symbol, side: side, type: .limit, quantity: quantity(qty), price: price(px),
            timeInForce: tif, reduceOnly: reduceOnly, clientOrderId: clientOrderId.map { ClientOrderId($0)! })
    }

    /// A LIMIT order command.
    static func limit(
        _ account: UInt64, _ side: Side, _ qty: String, at px: String, on symbol: String = "BTCUSDT",
        tif: TimeInForce = .gtc, reduceOnly: Bool = false, clientOrderId: String? = nil
    ) -> EngineCommand {
        .placeOrder(order(account, side, qty, at: px, on: symbol, tif: tif, reduceOnly: reduceOnly, clientOrderId: clientOrderId))
    }

    /// A MARKET order command.
    static func market(_ account: UInt64, _ side: Side, _ qty: String, on symbol: String = "BTCUSDT", reduceOnly: Bool = false) -> EngineCommand {
        .placeOrder(OrderRequest(account: account, symbol: symbol, side: side, type: .market, quantity: quantity(qty),
                                 timeInForce: .ioc, reduceOnly: reduceOnly))
    }
}

/// The events of one command, by kind.
struct ExampleEvents {
    let events: [EngineEvent]
    init(_ result: EngineResult) { events = result.events }

    var trades: [TradeRecord] { events.compactMap { if case .trade(let x) = $0 { x } else { nil } } }
    var orders: [OrderSnapshot] { events.compactMap { if case .order(let x) = $0 { x } else { nil } } }
    var balances: [BalanceChange] { events.compactMap { if case .balance(let x) = $0 { x } else { nil } } }
    var liquidations: [LiquidationRecord] { events.compactMap { if case .liquidation(let x) = $0 { x } else { nil } } }
    var closedPositions: [PositionHistoryRecord] { events.compactMap { if case .positionClosed(let x) = $0 { x } else { nil } } }
    var conditions: [ConditionSnapshot] { events.compactMap { if case .condition(let x) = $0 { x } else { nil } } }
    var strategies: [StrategySnapshot] { events.compactMap { if case .strategy(let x) = $0 { x } else { nil } } }
    var fundingRates: [FundingRateRecord] { events.compactMap { if case .fundingRate(let x) = $0 { x } else { nil } } }
    var markPrices: [MarkPriceRecord] { events.compactMap { if case .markPrice(let x) = $0 { x } else { nil } } }
    var positions: [PositionSnapshot] { events.compactMap { if case .position(let x) = $0 { x } else { nil } } }
    var marginCalls: [UInt64] { events.compactMap { if case .marginCall(let account, _) = $0 { account } else { nil } } }

    /// Balance changes of one account and type, in order.
    func balances(_ account: UInt64, _ type: BalanceChangeType) -> [Amount] {
        balances.filter { $0.account == account && $0.type == type }.map(\.amount)
    }
}

extension EngineDriver {
    /// Applies a command that must fail with `code`.
    @discardableResult
    mutating func expectError(_ code: ErrorCode, _ command: EngineCommand, sourceLocation: SourceLocation = #_sourceLocation) -> EngineResult {
        let result = apply(command, sourceLocation: sourceLocation)
        #expect(result.error?.code == code, "\(command): expected \(code.rawValue), got \(String(describing: result.error))",
                sourceLocation: sourceLocation)
        return result
    }

    /// Sets the index and runs a mark-price tick (which recomputes the mark and liquidates).
    @discardableResult
    mutating func moveMark(_ symbol: String = "BTCUSDT", to index: String, sourceLocation: SourceLocation = #_sourceLocation) -> EngineResult {
        ok(.setIndexPrice(symbol: symbol, price: EngineFixtures.price(index)), sourceLocation: sourceLocation)
        return ok(.markPriceTick, sourceLocation: sourceLocation)
    }

    /// The account's position on a symbol, if it is not flat.
    func position(_ account: UInt64, _ symbol: String = "BTCUSDT") -> PositionSnapshot? {
        engine.positions(account: account, symbol: symbol).first
    }

    /// The account's wallet balance (zero for an unknown account).
    func wallet(_ account: UInt64) -> Amount { engine.asset(account: account)?.walletBalance ?? .zero }

    /// Σ long sizes and Σ short sizes of a symbol over every account (API.md §9).
    func openInterest(_ symbol: String = "BTCUSDT") -> (long: Int64, short: Int64) {
        var long: Int64 = 0, short: Int64 = 0
        for id in engine.accountIds {
            for p in engine.positions(account: id, symbol: symbol) {
                if p.size.units > 0 { long += p.size.units } else { short -= p.size.units }
            }
        }
        return (long, short)
    }
}
