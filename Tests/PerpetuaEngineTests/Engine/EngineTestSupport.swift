import PerpetuaCore
@testable import PerpetuaEngine
import Testing

/// A symbol with round numbers that keep hand computations short: tick 0.1, step 0.001,
/// brackets 0–50,000 at 125x / 0.4 %, 50,000–250,000 at 100x / 0.5 %, 250,000–1,000,000
/// at 50x / 1 %; fees maker 0.02 % / taker 0.05 %, and a second tier at 1,000,000 volume.
enum EngineFixtures {
    static func amount(_ text: String) -> Amount { try! Amount(parsing: text) }
    static func price(_ text: String) -> Price { try! Price(parsing: text) }
    static func quantity(_ text: String) -> Quantity { try! Quantity(parsing: text) }
    static func rate(_ text: String) -> Rate { try! Rate(parsing: text) }

    static var btc: SymbolSpec {
        SymbolSpec(
            symbol: "BTCUSDT", baseAsset: "BTC", tickSize: price("0.1"), stepSize: quantity("0.001"),
            minQty: quantity("0.001"), maxQty: quantity("1000"), minNotional: amount("5"), priceBandRate: rate("0.05"),
            leverageBrackets: [
                LeverageBracket(bracket: 1, maxLeverage: 125, notionalFloor: .zero, notionalCap: amount("50000"), maintMarginRate: rate("0.004")),
                LeverageBracket(bracket: 2, maxLeverage: 100, notionalFloor: amount("50000"), notionalCap: amount("250000"), maintMarginRate: rate("0.005")),
                LeverageBracket(bracket: 3, maxLeverage: 50, notionalFloor: amount("250000"), notionalCap: amount("1000000"), maintMarginRate: rate("0.01")),
            ],
            feeTiers: [
                FeeTier(tier: 0, minVolume30d: .zero, makerRate: rate("0.0002"), takerRate: rate("0.0005")),
                FeeTier(tier: 1, minVolume30d: amount("1000000"), makerRate: rate("-0.0001"), takerRate: rate("0.0004")),
            ])
    }
}

/// Drives an engine with increasing sequence numbers and a settable time, checking the
/// invariants after every command.
struct EngineDriver {
    var engine = Engine()
    var sequence: UInt64 = 0
    var time: Int64 = 1_763_683_200_000  // 2025-11-21 00:00 UTC

    @discardableResult
    mutating func apply(_ command: EngineCommand, sourceLocation: SourceLocation = #_sourceLocation) -> EngineResult {
        sequence += 1
        let result = engine.apply(CommandEnvelope(sequence: sequence, timestamp: time, command: command))
        do { try engine.checkInvariants() } catch {
            Issue.record("invariant broken after \(command): \(error)", sourceLocation: sourceLocation)
        }
        return result
    }

    /// Applies a command that must succeed.
    @discardableResult
    mutating func ok(_ command: EngineCommand, sourceLocation: SourceLocation = #_sourceLocation) -> EngineResult {
        let result = apply(command, sourceLocation: sourceLocation)
        #expect(result.error == nil, "\(command) failed: \(String(describing: result.error))", sourceLocation: sourceLocation)
        return result
    }
}

extension EngineDriver {
    /// A fresh engine with ``EngineFixtures/btc`` listed, the index at 50,000 (so the mark
    /// is 50,000 until a tick moves it), and `deposits` made in order: where most example
    /// tests start.
    static func btcMarket(deposits: KeyValuePairs<UInt64, String> = [1: "1000000"]) -> EngineDriver {
        var d = EngineDriver()
        d.ok(.addSymbol(EngineFixtures.btc))
        d.ok(.setIndexPrice(symbol: "BTCUSDT", price: EngineFixtures.price("50000")))
        for (account, amount) in deposits { d.ok(.deposit(account: account, amount: EngineFixtures.amount(amount))) }
        return d
    }
}
