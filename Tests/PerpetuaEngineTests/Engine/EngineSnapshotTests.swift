import PerpetuaCore
@testable import PerpetuaEngine
import Testing

@Suite("Engine snapshots")
struct EngineSnapshotTests {
    typealias F = EngineFixtures

    /// A deterministic stream touching every part of the state: accounts, resting orders
    /// with client ids, partial fills, positions in both margin modes, conditions, a
    /// strategy, prices and funding samples.
    static func commands(seed: UInt64, count: Int) -> [EngineCommand] {
        var rng = seed
        func next() -> UInt64 {
            rng &+= 0x9E37_79B9_7F4A_7C15
            var z = rng
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var result: [EngineCommand] = [.addSymbol(F.btc), .setIndexPrice(symbol: "BTCUSDT", price: F.price("50000"))]
        for account in 1...6 as ClosedRange<UInt64> {
            result.append(.deposit(account: account, amount: F.amount("100000")))
        }
        result.append(.setMarginMode(account: 6, symbol: "BTCUSDT", mode: .isolated))
        for i in 0..<count {
            let account = next() % 6 + 1
            let side: Side = next() % 2 == 0 ? .buy : .sell
            let price = Price(units: (49_900 + Int64(next() % 200)) * fixedPointOne)
            let quantity = Quantity(units: Int64(next() % 50 + 1) * 100_000)
            switch next() % 10 {
            case 0...4:
                result.append(.placeOrder(OrderRequest(
                    account: account, symbol: "BTCUSDT", side: side, type: .limit, quantity: quantity, price: price,
                    clientOrderId: ClientOrderId("c\(i)"))))
            case 5:
                result.append(.cancelOrder(account: account, symbol: "BTCUSDT", order: .client(ClientOrderId("c\(i - Int(next() % 20) - 1)")!)))
            case 6:
                result.append(.placeCondition(ConditionRequest(
                    account: account, symbol: "BTCUSDT", side: side, type: .stopMarket,
                    triggerPrice: Price(units: side == .buy ? 50_300 * fixedPointOne : 49_700 * fixedPointOne),
                    triggerPriceType: .mark, quantity: quantity)))
            case 7:
                result.append(.setIndexPrice(symbol: "BTCUSDT", price: Price(units: (49_950 + Int64(next() % 100)) * fixedPointOne)))
                result.append(.markPriceTick)
            case 8:
                result.append(.premiumSample)
            default:
                result.append(.placeStrategy(StrategyRequest(
                    account: account, type: .oto,
                    working: .order(OrderRequest(account: account, symbol: "BTCUSDT", side: side, type: .limit, quantity: quantity, price: price)),
                    pending: .order(OrderRequest(account: account, symbol: "BTCUSDT", side: side.opposite, type: .limit, quantity: quantity,
                                                 price: Price(units: price.units + (side == .buy ? 50 : -50) * fixedPointOne), reduceOnly: true)))))
            }
        }
        return result
    }

    @Test("a restored engine hashes equal and then behaves identically, event for event")
    func restoreAndContinue() async throws {
        var live = EngineDriver()
        let stream = Self.commands(seed: 42, count: 3_000)
        for (index, command) in stream.enumerated() {
            live.apply(command)
            // Give the cooperative pool back now and then (see EnginePropertyTests).
            if index % 64 == 0 { await Task.yield() }
        }
        #expect(!live.engine.openOrders(account: 1).isEmpty || !live.engine.openOrders(account: 2).isEmpty)
        #expect(live.engine.accountIds.contains { !live.engine.positions(account: $0).isEmpty })

        let bytes = live.engine.snapshotBytes()
        var restored = EngineDriver(engine: try Engine(snapshot: bytes), sequence: live.sequence, time: live.time)
        #expect(restored.engine.stateHash() == live.engine.stateHash())
        #expect(restored.engine.snapshotBytes() == bytes)

        for command in Self.commands(seed: 7, count: 2_000).dropFirst(8) {
            live.time += 1_000
            restored.time += 1_000
            let a = live.apply(command)
            let b = restored.apply(command)
            #expect(a.events == b.events, "diverged at \(command)")
            #expect(a.error == b.error)
            if a.events != b.events { break }
            await Task.yield()
        }
        #expect(restored.engine.stateHash() == live.engine.stateHash())
    }

    @Test("damaged snapshots are refused: wrong magic, other version, truncation, trailing bytes")
    func damaged() throws {
        var live = EngineDriver()
        for command in Self.commands(seed: 3, count: 300) { live.apply(command) }
        let bytes = live.engine.snapshotBytes()
        #expect(throws: (any Error).self) { _ = try Engine(snapshot: [0, 0, 0, 0] + bytes.dropFirst(4)) }
        var otherVersion = bytes
        otherVersion[4] = 99
        #expect(throws: (any Error).self) { _ = try Engine(snapshot: otherVersion) }
        for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 200)) {
            #expect(throws: (any Error).self) { _ = try Engine(snapshot: Array(bytes[..<cut])) }
        }
        #expect(throws: (any Error).self) { _ = try Engine(snapshot: bytes + [0]) }
    }
}
