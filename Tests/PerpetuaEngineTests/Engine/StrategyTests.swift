import PerpetuaCore
@testable import PerpetuaEngine
import Testing

/// Strategies (API.md §5.4): OTO — `pending` goes live when `working` fills completely;
/// OCO — two legs, when one triggers or starts filling the other is cancelled; OTOCO —
/// `working`, then an OCO pair (take-profit and stop). Cancelling a live leg cancels the
/// strategy. Account 2 trades; account 1 is the other side; accounts 3 and 4 move the
/// last price. Index = mark = last = 50,000.
@Suite("Engine examples: strategies")
struct StrategyTests {
    typealias F = EngineFixtures

    static func market() -> EngineDriver {
        EngineDriver.btcMarket(deposits: [1: "1000000", 2: "100000", 3: "100000", 4: "100000"])
    }

    static func limitLeg(_ side: Side, _ qty: String, at price: String) -> StrategyLeg {
        .order(F.order(2, side, qty, at: price))
    }

    static func stopLeg(_ side: Side, _ qty: String, trigger: String) -> StrategyLeg {
        .condition(ConditionRequest(account: 2, symbol: "BTCUSDT", side: side, type: .stopMarket,
                                    triggerPrice: F.price(trigger), quantity: F.quantity(qty)))
    }

    static func strategyEvents(_ result: EngineResult, _ id: UInt64) -> [StrategyStatus] {
        ExampleEvents(result).strategies.filter { $0.strategyId == id }.map(\.status)
    }

    /// Accounts 3 and 4 trade 0.01 at `price`.
    @discardableResult
    static func trade(_ d: inout EngineDriver, at price: String) -> EngineResult {
        d.ok(F.limit(3, .sell, "0.01", at: price))
        return d.ok(F.limit(4, .buy, "0.01", at: price))
    }

    // MARK: OTO

    @Test("OTO: the pending order goes live only when the working order has filled completely")
    func otoPendingAfterCompleteFill() throws {
        var d = Self.market()
        let placed = d.ok(.placeStrategy(StrategyRequest(
            account: 2, type: .oto, working: Self.limitLeg(.buy, "0.2", at: "50000"), pending: Self.limitLeg(.sell, "0.2", at: "51000"))))
        let id = try #require(placed.strategyId)
        #expect(Self.strategyEvents(placed, id) == [.new, .working])
        var strategy = try #require(d.engine.strategy(account: 2, strategyId: id))
        let workingId = try #require(strategy.legs[0].orderId)
        #expect(strategy.legs[1].orderId == nil)
        #expect(d.engine.openOrders(account: 2).map(\.orderId) == [workingId])
        #expect(d.engine.openOrders(account: 2).first?.source == .strategy)
        #expect(d.engine.openOrders(account: 2).first?.strategyId == id)

        // Half the working order fills: not enough.
        d.ok(F.limit(1, .sell, "0.1", at: "50000"))
        strategy = try #require(d.engine.strategy(account: 2, strategyId: id))
        #expect(strategy.legs[1].orderId == nil)
        #expect(d.engine.openOrders(account: 2).map(\.status) == [.partiallyFilled])

        // The rest fills: the pending SELL 0.2 @ 51,000 is placed.
        d.ok(F.limit(1, .sell, "0.1", at: "50000"))
        strategy = try #require(d.engine.strategy(account: 2, strategyId: id))
        #expect(strategy.status == .working)
        let pendingId = try #require(strategy.legs[1].orderId)
        let pending = try #require(d.engine.openOrders(account: 2).first)
        #expect(pending.orderId == pendingId)
        #expect(pending.side == .sell && pending.price == F.price("51000") && pending.quantity == F.quantity("0.2"))
        #expect(pending.source == .strategy && pending.strategyId == id)

        // The pending order fills: the strategy is complete.
        d.ok(F.limit(1, .buy, "0.2", at: "51000"))
        #expect(d.engine.strategy(account: 2, strategyId: id) == nil)
        #expect(d.position(2) == nil)
    }

    @Test("OTO: cancelling a partly filled working order cancels the strategy; the pending order never goes live")
    func otoCancelAfterPartialFill() throws {
        var d = Self.market()
        let id = try #require(d.ok(.placeStrategy(StrategyRequest(
            account: 2, type: .oto, working: Self.limitLeg(.buy, "0.2", at: "50000"),
            pending: Self.limitLeg(.sell, "0.2", at: "51000")))).strategyId)
        let workingId = try #require(d.engine.strategy(account: 2, strategyId: id)?.legs[0].orderId)
        d.ok(F.limit(1, .sell, "0.1", at: "50000"))
        let cancel = d.ok(.cancelOrder(account: 2, symbol: "BTCUSDT", order: .id(workingId)))
        #expect(Self.strategyEvents(cancel, id) == [.canceled])
        #expect(d.engine.strategy(account: 2, strategyId: id) == nil)
        #expect(d.engine.openOrders(account: 2).isEmpty)
        #expect(d.position(2)?.size == F.quantity("0.1"))
    }

    // MARK: OCO

    /// Account 2 long 0.1 with an OCO: take-profit SELL 0.1 @ 52,000, stop SELL 0.1 at 48,000.
    static func ocoOnLong(_ d: inout EngineDriver) throws -> (strategy: UInt64, limit: UInt64, stop: UInt64) {
        d.ok(F.limit(1, .sell, "0.1", at: "50000"))
        d.ok(F.limit(2, .buy, "0.1", at: "50000"))
        let id = try #require(d.ok(.placeStrategy(StrategyRequest(
            account: 2, type: .oco, legs: [Self.limitLeg(.sell, "0.1", at: "52000"), Self.stopLeg(.sell, "0.1", trigger: "48000")])))
            .strategyId)
        let strategy = try #require(d.engine.strategy(account: 2, strategyId: id))
        #expect(strategy.status == .working)
        let limit = try #require(strategy.legs[0].orderId)
        let stop = try #require(strategy.legs[1].conditionOrderId)
        #expect(d.engine.openOrders(account: 2).map(\.orderId) == [limit])
        #expect(d.engine.conditionOrders(account: 2).map(\.conditionOrderId) == [stop])
        #expect(d.engine.conditionOrders(account: 2).first?.strategyId == id)
        return (id, limit, stop)
    }

    @Test("OCO: the limit leg starting to fill cancels the stop leg; its full fill completes the strategy")
    func ocoLimitStartsFilling() throws {
        var d = Self.market()
        let (id, _, stop) = try Self.ocoOnLong(&d)
        let partial = d.ok(F.limit(1, .buy, "0.05", at: "52000"))
        let cancelled = ExampleEvents(partial).conditions.last { $0.conditionOrderId == stop }
        #expect(cancelled?.status == .canceled)
        #expect(cancelled?.cancelReason == .strategy)
        #expect(d.engine.conditionOrders(account: 2).isEmpty)
        #expect(d.engine.strategy(account: 2, strategyId: id)?.status == .working)
        let done = d.ok(F.limit(1, .buy, "0.05", at: "52000"))
        #expect(Self.strategyEvents(done, id) == [.completed])
        #expect(d.position(2) == nil)
    }

    @Test("OCO: the stop leg triggering cancels the limit leg")
    func ocoStopTriggers() throws {
        var d = Self.market()
        let (id, limit, stop) = try Self.ocoOnLong(&d)
        d.ok(F.limit(1, .buy, "1", at: "47900"))
        let fired = Self.trade(&d, at: "48000")
        let ev = ExampleEvents(fired)
        #expect(ev.conditions.last { $0.conditionOrderId == stop }?.status == .triggered)
        let limitEnd = ev.orders.last { $0.orderId == limit }
        #expect(limitEnd?.status == .canceled)
        #expect(limitEnd?.cancelReason == .strategy)
        // The stop's market SELL 0.1 fills at 47,900 and the strategy is complete.
        #expect(ev.trades.last?.price == F.price("47900"))
        #expect(Self.strategyEvents(fired, id).last == .completed)
        #expect(d.engine.strategy(account: 2, strategyId: id) == nil)
        #expect(d.engine.openOrders(account: 2).isEmpty)
        #expect(d.position(2) == nil)
    }

    @Test("OCO: cancelling either leg cancels the strategy and the other leg")
    func ocoCancelLeg() throws {
        var d = Self.market()
        let (id, limit, stop) = try Self.ocoOnLong(&d)
        let cancel = d.ok(.cancelOrder(account: 2, symbol: "BTCUSDT", order: .id(limit)))
        #expect(Self.strategyEvents(cancel, id) == [.canceled])
        #expect(ExampleEvents(cancel).conditions.last { $0.conditionOrderId == stop }?.status == .canceled)
        #expect(d.engine.conditionOrders(account: 2).isEmpty)

        var e = Self.market()
        let (id2, limit2, stop2) = try Self.ocoOnLong(&e)
        let cancel2 = e.ok(.cancelCondition(account: 2, symbol: "BTCUSDT", conditionOrderId: stop2))
        #expect(Self.strategyEvents(cancel2, id2) == [.canceled])
        #expect(ExampleEvents(cancel2).orders.last { $0.orderId == limit2 }?.status == .canceled)
        #expect(e.engine.openOrders(account: 2).isEmpty)
    }

    // MARK: OTOCO

    static func otoco(_ d: inout EngineDriver) throws -> UInt64 {
        try #require(d.ok(.placeStrategy(StrategyRequest(
            account: 2, type: .otoco, working: Self.limitLeg(.buy, "0.1", at: "50000"),
            legs: [Self.limitLeg(.sell, "0.1", at: "52000"), Self.stopLeg(.sell, "0.1", trigger: "48000")]))).strategyId)
    }

    @Test("OTOCO: the pair goes live after the working order fills completely; the stop then cancels the take-profit")
    func otocoFlow() throws {
        var d = Self.market()
        let id = try Self.otoco(&d)
        #expect(d.engine.openOrders(account: 2).count == 1)
        #expect(d.engine.conditionOrders(account: 2).isEmpty)
        // A partial fill of the working order: the pair waits.
        d.ok(F.limit(1, .sell, "0.05", at: "50000"))
        #expect(d.engine.conditionOrders(account: 2).isEmpty)
        #expect(d.engine.openOrders(account: 2).map(\.status) == [.partiallyFilled])
        // Filled: take-profit SELL 0.1 @ 52,000 and the stop at 48,000 are live.
        d.ok(F.limit(1, .sell, "0.05", at: "50000"))
        let strategy = try #require(d.engine.strategy(account: 2, strategyId: id))
        let takeProfit = try #require(strategy.legs[1].orderId)
        let stop = try #require(strategy.legs[2].conditionOrderId)
        #expect(d.engine.openOrders(account: 2).map(\.orderId) == [takeProfit])
        #expect(d.engine.openOrders(account: 2).first?.price == F.price("52000"))
        #expect(d.engine.conditionOrders(account: 2).map(\.conditionOrderId) == [stop])
        // The stop triggers at 48,000: the take-profit is cancelled, the position closed at 47,900.
        d.ok(F.limit(1, .buy, "1", at: "47900"))
        let fired = Self.trade(&d, at: "48000")
        #expect(ExampleEvents(fired).orders.last { $0.orderId == takeProfit }?.cancelReason == .strategy)
        #expect(Self.strategyEvents(fired, id).last == .completed)
        #expect(d.position(2) == nil)
        #expect(d.engine.openOrders(account: 2).isEmpty)
    }

    @Test("OTOCO: cancelling the working order cancels the strategy before the pair exists")
    func otocoCancelWorking() throws {
        var d = Self.market()
        let id = try Self.otoco(&d)
        let working = try #require(d.engine.strategy(account: 2, strategyId: id)?.legs[0].orderId)
        let cancel = d.ok(.cancelOrder(account: 2, symbol: "BTCUSDT", order: .id(working)))
        #expect(Self.strategyEvents(cancel, id) == [.canceled])
        #expect(d.engine.openOrders(account: 2).isEmpty)
        #expect(d.engine.conditionOrders(account: 2).isEmpty)
        #expect(ExampleEvents(cancel).conditions.isEmpty)
    }
}
