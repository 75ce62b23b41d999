import PerpetuaCore
import PerpetuaEngine
import PerpetuaStore
import Testing

/// Test numbers from strings.
enum F {
    static func amount(_ text: String) -> Amount { try! Amount(parsing: text) }
    static func price(_ text: String) -> Price { try! Price(parsing: text) }
    static func quantity(_ text: String) -> Quantity { try! Quantity(parsing: text) }
    static func rate(_ text: String) -> Rate { try! Rate(parsing: text) }

    /// BTCUSDT with round numbers: tick 0.1, step 0.001, maker 0.02 %, taker 0.05 %.
    static var btc: SymbolSpec {
        SymbolSpec(
            symbol: "BTCUSDT", baseAsset: "BTC", tickSize: price("0.1"), stepSize: quantity("0.001"),
            minQty: quantity("0.001"), maxQty: quantity("1000"), minNotional: amount("5"), priceBandRate: rate("0.05"),
            leverageBrackets: [
                LeverageBracket(bracket: 1, maxLeverage: 125, notionalFloor: .zero, notionalCap: amount("50000"), maintMarginRate: rate("0.004")),
                LeverageBracket(bracket: 2, maxLeverage: 100, notionalFloor: amount("50000"), notionalCap: amount("250000"), maintMarginRate: rate("0.005")),
            ],
            feeTiers: [FeeTier(tier: 0, minVolume30d: .zero, makerRate: rate("0.0002"), takerRate: rate("0.0005"))])
    }

    static func limit(_ account: UInt64, _ side: Side, _ qty: String, at px: String, clientOrderId: String? = nil) -> EngineCommand {
        .placeOrder(OrderRequest(
            account: account, symbol: "BTCUSDT", side: side, type: .limit, quantity: quantity(qty), price: price(px),
            clientOrderId: clientOrderId.map { ClientOrderId($0)! }))
    }
}

/// Drives a real engine with increasing sequence numbers and a settable clock, and keeps
/// every command's events as the projector will receive them.
struct EngineRun {
    /// 2025-11-21 00:00 UTC, a Friday.
    static let start: Int64 = 1_763_683_200_000

    var engine = Engine()
    var sequence: UInt64 = 0
    var time: Int64 = EngineRun.start
    var commands: [ProjectedCommand] = []

    @discardableResult
    mutating func ok(_ command: EngineCommand, sourceLocation: SourceLocation = #_sourceLocation) -> EngineResult {
        sequence += 1
        let envelope = CommandEnvelope(sequence: sequence, timestamp: time, command: command)
        let result = engine.apply(envelope)
        #expect(result.error == nil, "\(command) failed: \(String(describing: result.error))", sourceLocation: sourceLocation)
        commands.append(ProjectedCommand(envelope, events: result.events))
        return result
    }

    var events: [EngineEvent] { commands.flatMap(\.events) }
}
