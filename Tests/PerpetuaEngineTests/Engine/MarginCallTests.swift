import PerpetuaCore
@testable import PerpetuaEngine
import Testing

/// MARGIN_CALL: a cross account whose maintenance margin reaches 80 % of its margin
/// balance is warned on the first mark tick that finds it there, then once a minute while it
/// stays, and at once again after it has left the zone.
@Suite("Engine examples: margin calls")
struct MarginCallTests {
    typealias F = EngineFixtures

    @Test("warned at once, not again within a minute, again after it; leaving the zone resets the clock")
    func throttled() throws {
        var d = EngineDriver.btcMarket(deposits: [1: "1000000", 2: "2600"])
        d.ok(F.limit(1, .sell, "1", at: "50000"))
        d.ok(F.limit(2, .buy, "1", at: "50000"))  // taker fee 25: wallet 2,575
        // Mark 47,650: margin balance 2,575 − 2,350 = 225; MM 47,650 × 0.4 % = 190.6; ratio 0.847.
        #expect(ExampleEvents(d.moveMark(to: "47650")).marginCalls == [2])
        d.time += 1000
        #expect(ExampleEvents(d.ok(.markPriceTick)).marginCalls.isEmpty)
        d.time += 58_000
        #expect(ExampleEvents(d.ok(.markPriceTick)).marginCalls.isEmpty)
        d.time += 1000
        #expect(ExampleEvents(d.ok(.markPriceTick)).marginCalls == [2])
        // Back at 50,000 the ratio is 200 / 2,575: out of the zone. Falling again warns at once.
        d.time += 1000
        #expect(ExampleEvents(d.moveMark(to: "50000")).marginCalls.isEmpty)
        d.time += 1000
        #expect(ExampleEvents(d.moveMark(to: "47650")).marginCalls == [2])
        // A snapshot keeps the clock: the restored engine stays quiet within the minute.
        var restored = try Engine(snapshot: d.engine.snapshotBytes(), configuration: d.engine.configuration)
        d.time += 1000
        let next = restored.apply(CommandEnvelope(sequence: d.sequence + 1, timestamp: d.time, command: .markPriceTick))
        #expect(ExampleEvents(next).marginCalls.isEmpty)
    }
}
