import PerpetuaCore
import PerpetuaEngine
@testable import PerpetuaJournal
import Testing

@Suite("Command codec")
struct CommandCodecTests {
    typealias F = JournalFixtures

    static let client = ClientOrderId("my-order_1:a.b")!

    static var order: OrderRequest {
        OrderRequest(
            account: 42, symbol: "BTCUSDT", side: .sell, type: .limit, quantity: F.quantity("0.125"), price: F.price("50000.5"),
            timeInForce: .postOnly, reduceOnly: true, clientOrderId: client, selfTradePrevention: .cancelBoth)
    }

    static var marketOrder: OrderRequest {
        OrderRequest(account: 7, symbol: "ETHUSDT", side: .buy, type: .market, quantity: F.quantity("3"), timeInForce: .ioc)
    }

    static var condition: ConditionRequest {
        ConditionRequest(
            account: 9, symbol: "BTCUSDT", side: .buy, type: .stopLimit, triggerPrice: F.price("51000"),
            triggerPriceType: .mark, price: F.price("51010"), quantity: F.quantity("0.5"), closePosition: false,
            reduceOnly: true, clientOrderId: ClientOrderId("stop-1"), callbackRate: nil, activationPrice: nil,
            timeInForce: .fok, selfTradePrevention: .none)
    }

    static var trailing: ConditionRequest {
        ConditionRequest(
            account: 9, symbol: "BTCUSDT", side: .sell, type: .trailingStopMarket, triggerPriceType: .index,
            closePosition: true, callbackRate: F.rate("0.025"), activationPrice: F.price("52000"))
    }

    /// Every command kind, with optional fields both present and absent.
    static var commands: [EngineCommand] {
        var spec = F.btc
        spec.status = .reduceOnly
        spec.maxOpenOrders = 17
        return [
            .deposit(account: 1, amount: F.amount("1000.12345678")),
            .withdraw(account: UInt64.max, amount: F.amount("0.00000001")),
            .placeOrder(order),
            .placeOrder(marketOrder),
            .cancelOrder(account: 3, symbol: "BTCUSDT", order: .id(123_456_789)),
            .cancelOrder(account: 3, symbol: "BTCUSDT", order: .client(client)),
            .amendOrder(AmendRequest(account: 3, symbol: "BTCUSDT", order: .id(5), price: F.price("49999.9"))),
            .amendOrder(AmendRequest(account: 3, symbol: "BTCUSDT", order: .client(client), quantity: F.quantity("2"))),
            .batchPlace([order, marketOrder]),
            .batchPlace([]),
            .batchAmend([AmendRequest(account: 1, symbol: "X", order: .id(1), price: F.price("1"), quantity: F.quantity("1"))]),
            .batchCancel(account: 4, symbol: "ETHUSDT", orders: [.id(1), .client(client), .id(UInt64.max)]),
            .cancelAll(account: 4, symbol: nil, scope: .all),
            .cancelAll(account: 4, symbol: "ETHUSDT", scope: .condition),
            .cancelAll(account: 4, symbol: "ETHUSDT", scope: .normal),
            .placeCondition(condition),
            .placeCondition(trailing),
            .cancelCondition(account: 9, symbol: "BTCUSDT", conditionOrderId: 77),
            .placeStrategy(StrategyRequest(account: 9, type: .oto, clientStrategyId: ClientOrderId("s1"), working: .order(order), pending: .condition(condition))),
            .placeStrategy(StrategyRequest(account: 9, type: .oco, legs: [.condition(condition), .condition(trailing)])),
            .placeStrategy(StrategyRequest(account: 9, type: .otoco, working: .order(marketOrder), legs: [.order(order), .condition(trailing)])),
            .setLeverage(account: 5, symbol: "BTCUSDT", leverage: 125),
            .setLeverage(account: 5, symbol: "BTCUSDT", leverage: -3),
            .setMarginMode(account: 5, symbol: "BTCUSDT", mode: .isolated),
            .setMarginMode(account: 5, symbol: "BTCUSDT", mode: .cross),
            .addSymbol(F.btc),
            .updateSymbol(spec),
            .setIndexPrice(symbol: "BTCUSDT", price: F.price("50123.4")),
            .depositInsuranceFund(amount: F.amount("250000")),
            .markPriceTick,
            .premiumSample,
            .settleFunding(symbol: nil),
            .settleFunding(symbol: "BTCUSDT"),
            .dailyRollover,
        ]
    }

    @Test("the samples cover every command tag")
    func coverage() {
        let tags = Set(Self.commands.map(WireTag.command))
        #expect(tags == Set(1...22))
    }

    @Test("every command kind round-trips exactly", arguments: Self.commands)
    func roundTrip(_ command: EngineCommand) throws {
        let envelope = CommandEnvelope(sequence: 123_456, timestamp: F.startTime + 999, command: command)
        let bytes = CommandCodec.encode(envelope)
        #expect(try CommandCodec.decode(bytes) == envelope)
    }

    @Test("a symbol's derived values survive even when they differ from what the initialiser derives")
    func symbolSpecFieldsVerbatim() throws {
        var spec = F.btc
        spec.leverageBrackets[1].cum = F.amount("12.5")
        spec.capRate = F.rate("0.003")
        spec.floorRate = F.rate("-0.001")
        spec.impactNotional = F.amount("777")
        let envelope = CommandEnvelope(sequence: 1, timestamp: 0, command: .updateSymbol(spec))
        #expect(try CommandCodec.decode(CommandCodec.encode(envelope)) == envelope)
    }

    @Test("the format is pinned: a deposit encodes to these bytes")
    func goldenBytes() {
        let envelope = CommandEnvelope(sequence: 1, timestamp: F.startTime, command: .deposit(account: 7, amount: F.amount("3")))
        // seq 1; timestamp zigzag(1763683200000); tag 1 (deposit); account 7; 3.0 = 300000000 units, zigzagged.
        let expected: [UInt8] = [0x01, 0x80, 0xB0, 0xAF, 0xBB, 0xD4, 0x66, 0x01, 0x07, 0x80, 0x8C, 0x8D, 0x9E, 0x02]
        #expect(CommandCodec.encode(envelope) == expected)
    }

    @Test("enum tags are explicit numbers, independent of declaration order")
    func tagTables() throws {
        #expect(WireTag.side(.buy) == 1 && WireTag.side(.sell) == 2)
        #expect(WireTag.timeInForce(.postOnly) == 4)
        #expect(WireTag.selfTradePrevention(.none) == 4)
        #expect(WireTag.conditionType(.trailingStopMarket) == 5)
        #expect(WireTag.command(.dailyRollover) == 22)
        // Every table decodes what it encodes.
        for side in Side.allCases { #expect(try WireTag.side(WireTag.side(side), at: 0) == side) }
        for type in OrderType.allCases { #expect(try WireTag.orderType(WireTag.orderType(type), at: 0) == type) }
        for tif in TimeInForce.allCases { #expect(try WireTag.timeInForce(WireTag.timeInForce(tif), at: 0) == tif) }
        for stp in SelfTradePrevention.allCases { #expect(try WireTag.selfTradePrevention(WireTag.selfTradePrevention(stp), at: 0) == stp) }
        for status in SymbolStatus.allCases { #expect(try WireTag.symbolStatus(WireTag.symbolStatus(status), at: 0) == status) }
        for type in ConditionType.allCases { #expect(try WireTag.conditionType(WireTag.conditionType(type), at: 0) == type) }
        for type in TriggerPriceType.allCases { #expect(try WireTag.triggerPriceType(WireTag.triggerPriceType(type), at: 0) == type) }
        for type in [StrategyType.oto, .oco, .otoco] { #expect(try WireTag.strategyType(WireTag.strategyType(type), at: 0) == type) }
        for scope in [CancelScope.normal, .condition, .all] { #expect(try WireTag.cancelScope(WireTag.cancelScope(scope), at: 0) == scope) }
        for mode in [MarginMode.cross, .isolated] { #expect(try WireTag.marginMode(WireTag.marginMode(mode), at: 0) == mode) }
    }

    @Test("every truncation of every command fails with an error")
    func truncations() {
        for command in Self.commands {
            let bytes = CommandCodec.encode(CommandEnvelope(sequence: 300, timestamp: F.startTime, command: command))
            for length in 0..<bytes.count {
                #expect(throws: BinaryDecodingError.self, "\(command) cut at \(length)") {
                    try CommandCodec.decode(Array(bytes[0..<length]))
                }
            }
            #expect(throws: BinaryDecodingError.self) { try CommandCodec.decode(bytes + [0]) }
        }
    }

    @Test("malformed values are errors: unknown tags, bad booleans, invalid client ids, huge counts")
    func malformed() {
        // Command tag 0 and 99.
        #expect(throws: BinaryDecodingError.self) { try CommandCodec.decode([1, 2, 0]) }
        #expect(throws: BinaryDecodingError.self) { try CommandCodec.decode([1, 2, 99]) }
        // cancelAll with a presence byte of 7.
        #expect(throws: BinaryDecodingError.self) { try CommandCodec.decode([1, 2, 9, 1, 7]) }
        // cancelOrder by client id "a b" (a space is not allowed).
        #expect(throws: BinaryDecodingError.self) { try CommandCodec.decode([1, 2, 4, 1, 1, 65, 2, 3, 97, 32, 98]) }
        // batchPlace claiming 2^40 requests.
        #expect(throws: BinaryDecodingError.self) { try CommandCodec.decode([1, 2, 6, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20]) }
        // An unsupported format version.
        #expect(throws: BinaryDecodingError.self) { try CommandCodec.decode([1, 2, 19], version: 2) }
    }

    @Test("random garbage and bit flips never trap")
    func garbage() {
        var random = SeededRandom(seed: 7)
        var failures = 0
        for _ in 0..<20_000 {
            let count = Int.random(in: 0..<64, using: &random)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
            do { _ = try CommandCodec.decode(bytes) } catch { failures += 1 }
        }
        #expect(failures > 19_000)
        for command in Self.commands {
            let bytes = CommandCodec.encode(CommandEnvelope(sequence: 1, timestamp: 2, command: command))
            for _ in 0..<200 {
                var flipped = bytes
                flipped[Int.random(in: 0..<flipped.count, using: &random)] ^= UInt8.random(in: 1...255, using: &random)
                _ = try? CommandCodec.decode(flipped)
            }
        }
    }
}
