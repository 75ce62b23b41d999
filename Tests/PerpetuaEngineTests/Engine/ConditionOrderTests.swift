import PerpetuaCore
@testable import PerpetuaEngine
import Testing

/// Condition orders (API.md §5.4): a stop BUY triggers when the price rises to the trigger,
/// a stop SELL when it falls to it, take-profit the other way; LAST is checked after
/// trades, MARK after mark ticks, INDEX after index updates; a trailing SELL triggers when
/// the price falls callbackRate below the highest price since activation (BUY mirrored).
/// On trigger a normal order with source CONDITION is placed.
///
/// The market starts at index = mark = last = 50,000. Account 1 provides liquidity,
/// accounts 3 and 4 move the last price by trading 0.01 with each other.
@Suite("Engine examples: condition orders")
struct ConditionOrderTests {
    typealias F = EngineFixtures

    static func market() -> EngineDriver {
        EngineDriver.btcMarket(deposits: [1: "1000000", 2: "100000", 3: "100000", 4: "100000"])
    }

    static func condition(
        _ account: UInt64, _ side: Side, _ type: ConditionType, trigger: String? = nil, _ priceType: TriggerPriceType = .last,
        price: String? = nil, qty: String? = "0.1", closePosition: Bool = false, callback: String? = nil, activation: String? = nil
    ) -> EngineCommand {
        .placeCondition(ConditionRequest(
            account: account, symbol: "BTCUSDT", side: side, type: type, triggerPrice: trigger.map(F.price),
            triggerPriceType: priceType, price: price.map(F.price), quantity: qty.map(F.quantity), closePosition: closePosition,
            callbackRate: callback.map(F.rate), activationPrice: activation.map(F.price)))
    }

    /// Accounts 3 and 4 trade 0.01 at `price`: the last price becomes `price`.
    @discardableResult
    static func trade(_ d: inout EngineDriver, at price: String) -> EngineResult {
        d.ok(F.limit(3, .sell, "0.01", at: price))
        return d.ok(F.limit(4, .buy, "0.01", at: price))
    }

    /// The order a condition placed, from the events of the command that triggered it.
    static func triggered(_ result: EngineResult, _ conditionId: UInt64?) -> (ConditionSnapshot?, OrderSnapshot?) {
        let ev = ExampleEvents(result)
        let condition = ev.conditions.last { $0.conditionOrderId == conditionId }
        let order = ev.orders.first { $0.conditionOrderId == conditionId && $0.conditionOrderId != nil }
        return (condition, order)
    }

    @Test("STOP_MARKET SELL on LAST: fires when a trade reaches the trigger from above")
    func stopMarketLast() throws {
        var d = Self.market()
        d.ok(F.limit(1, .buy, "1", at: "48900"))
        let id = try #require(d.ok(Self.condition(2, .sell, .stopMarket, trigger: "49000")).conditionOrderId)
        #expect(d.engine.conditionOrders(account: 2).map(\.status) == [.untriggered])
        // Last 49,500 > 49,000: nothing.
        #expect(Self.triggered(Self.trade(&d, at: "49500"), id).0 == nil)
        #expect(d.engine.conditionOrders(account: 2).count == 1)
        // Last 49,000 ≤ 49,000: the stop fires and sells 0.1 at market into the 48,900 bid.
        let fired = Self.trade(&d, at: "49000")
        let (condition, order) = Self.triggered(fired, id)
        #expect(condition?.status == .triggered)
        let placed = try #require(order)
        #expect(condition?.triggeredOrderId == placed.orderId)
        #expect(placed.source == .condition && placed.type == .market && placed.side == .sell)
        #expect(placed.quantity == F.quantity("0.1"))
        #expect(ExampleEvents(fired).trades.last?.price == F.price("48900"))
        #expect(d.position(2)?.size == Quantity(units: -F.quantity("0.1").units))
        #expect(d.engine.conditionOrders(account: 2).isEmpty)
    }

    @Test("a trigger reached while the symbol is SUSPENDED fires when it reopens, not at the next price change")
    func triggerReachedDuringSuspensionFiresOnReopen() throws {
        var d = Self.market()
        d.ok(F.limit(1, .buy, "1", at: "48900"))
        let id = try #require(d.ok(Self.condition(2, .sell, .stopMarket, trigger: "49000", .index)).conditionOrderId)
        var spec = F.btc
        spec.status = .suspended
        d.ok(.updateSymbol(spec))
        // The index falls through the trigger while the market is closed: nothing fires.
        let moved = d.ok(.setIndexPrice(symbol: "BTCUSDT", price: F.price("48950")))
        #expect(Self.triggered(moved, id).0 == nil)
        #expect(d.engine.conditionOrders(account: 2).map(\.status) == [.untriggered])
        // Reopening evaluates it at once: the stop sells 0.1 into the 48,900 bid.
        spec.status = .trading
        let reopened = d.ok(.updateSymbol(spec))
        let (condition, order) = Self.triggered(reopened, id)
        #expect(condition?.status == .triggered)
        #expect(order?.source == .condition && order?.side == .sell && order?.type == .market)
        #expect(ExampleEvents(reopened).trades.last?.price == F.price("48900"))
        #expect(d.position(2)?.size == Quantity(units: -F.quantity("0.1").units))
    }

    @Test("STOP_LIMIT BUY on LAST: fires on a rise to the trigger and rests a LIMIT at its price")
    func stopLimitLast() throws {
        var d = Self.market()
        let id = try #require(d.ok(Self.condition(2, .buy, .stopLimit, trigger: "51000", price: "51100")).conditionOrderId)
        #expect(Self.triggered(Self.trade(&d, at: "50900"), id).0 == nil)
        let (condition, order) = Self.triggered(Self.trade(&d, at: "51000"), id)
        #expect(condition?.status == .triggered)
        #expect(order?.type == .limit && order?.price == F.price("51100") && order?.side == .buy)
        // Nothing offers at or below 51,100 any more: the order rests, live, from CONDITION.
        let open = try #require(d.engine.openOrders(account: 2).first)
        #expect(open.source == .condition && open.conditionOrderId == id && open.price == F.price("51100"))
        #expect(open.status == .new)
    }

    @Test("TAKE_PROFIT_MARKET SELL on MARK: an index update alone does not fire it, the mark tick does")
    func takeProfitMarketMark() throws {
        var d = Self.market()
        d.ok(F.limit(1, .buy, "1", at: "50900"))
        let id = try #require(d.ok(Self.condition(2, .sell, .takeProfitMarket, trigger: "51000", .mark)).conditionOrderId)
        // Mark 50,500 < 51,000 (median of 50,500, 50,500 and last = index 50,500).
        #expect(Self.triggered(d.moveMark(to: "50500"), id).0 == nil)
        // The index at 51,000 without a tick leaves the mark at 50,500.
        #expect(Self.triggered(d.ok(.setIndexPrice(symbol: "BTCUSDT", price: F.price("51000"))), id).0 == nil)
        #expect(d.engine.conditionOrders(account: 2).count == 1)
        // The tick moves the mark to 51,000 ≥ 51,000: sell 0.1 at market into the 50,900 bid.
        let fired = d.ok(.markPriceTick)
        let (condition, order) = Self.triggered(fired, id)
        #expect(condition?.status == .triggered)
        #expect(order?.type == .market && order?.source == .condition)
        #expect(ExampleEvents(fired).trades.map(\.price) == [F.price("50900")])
        #expect(d.position(2)?.size == Quantity(units: -F.quantity("0.1").units))
    }

    @Test("TAKE_PROFIT_LIMIT BUY on INDEX: fires when the index falls to the trigger")
    func takeProfitLimitIndex() throws {
        var d = Self.market()
        d.ok(F.limit(1, .sell, "1", at: "49100"))
        let id = try #require(d.ok(Self.condition(2, .buy, .takeProfitLimit, trigger: "49000", .index, price: "49100")).conditionOrderId)
        #expect(Self.triggered(d.ok(.setIndexPrice(symbol: "BTCUSDT", price: F.price("49500"))), id).0 == nil)
        let fired = d.ok(.setIndexPrice(symbol: "BTCUSDT", price: F.price("49000")))
        let (condition, order) = Self.triggered(fired, id)
        #expect(condition?.status == .triggered)
        #expect(order?.type == .limit && order?.price == F.price("49100"))
        // The LIMIT buy @ 49,100 takes account 1's offer.
        #expect(ExampleEvents(fired).trades.map(\.price) == [F.price("49100")])
        #expect(d.position(2)?.size == F.quantity("0.1"))
    }

    @Test("TRAILING_STOP_MARKET SELL without activation price, on LAST: 1 % below the highest last price")
    func trailingStopLast() throws {
        var d = Self.market()
        d.ok(F.limit(1, .buy, "1", at: "49000"))
        let id = try #require(d.ok(Self.condition(2, .sell, .trailingStopMarket, qty: "0.1", callback: "0.01")).conditionOrderId)
        // Tracking starts at once, from the last price (the index, no trade yet): 50,000.
        #expect(d.engine.conditionOrders(account: 2).first?.activated == true)
        #expect(d.engine.conditionOrders(account: 2).first?.trailingExtreme == F.price("50000"))
        // 51,000: new high; the stop is 51,000 × 0.99 = 50,490.
        #expect(Self.triggered(Self.trade(&d, at: "51000"), id).0 == nil)
        #expect(d.engine.conditionOrders(account: 2).first?.trailingExtreme == F.price("51000"))
        // 50,500 > 50,490: nothing; the high stays 51,000.
        #expect(Self.triggered(Self.trade(&d, at: "50500"), id).0 == nil)
        #expect(d.engine.conditionOrders(account: 2).first?.trailingExtreme == F.price("51000"))
        // 50,490 ≤ 50,490: fires; sells 0.1 at market into the 49,000 bid.
        let fired = Self.trade(&d, at: "50490")
        let (condition, order) = Self.triggered(fired, id)
        #expect(condition?.status == .triggered)
        #expect(order?.type == .market && order?.side == .sell)
        #expect(ExampleEvents(fired).trades.last?.price == F.price("49000"))
    }

    @Test("TRAILING_STOP_MARKET BUY with activation price, on INDEX: tracks the low only once activated")
    func trailingStopActivationIndex() throws {
        var d = Self.market()
        d.ok(F.limit(1, .sell, "1", at: "49500"))
        let id = try #require(d.ok(Self.condition(2, .buy, .trailingStopMarket, .index, qty: "0.1", callback: "0.02", activation: "49000"))
            .conditionOrderId)
        #expect(d.engine.conditionOrders(account: 2).first?.activated == false)
        func index(_ price: String) -> EngineResult { d.ok(.setIndexPrice(symbol: "BTCUSDT", price: F.price(price))) }
        // 49,500 > 49,000: not active yet.
        #expect(Self.triggered(index("49500"), id).0 == nil)
        #expect(d.engine.conditionOrders(account: 2).first?.activated == false)
        // 48,800 ≤ 49,000: active, low 48,800.
        #expect(Self.triggered(index("48800"), id).0 == nil)
        #expect(d.engine.conditionOrders(account: 2).first?.activated == true)
        #expect(d.engine.conditionOrders(account: 2).first?.trailingExtreme == F.price("48800"))
        // 48,500: new low; the stop is 48,500 × 1.02 = 49,470.
        #expect(Self.triggered(index("48500"), id).0 == nil)
        #expect(d.engine.conditionOrders(account: 2).first?.trailingExtreme == F.price("48500"))
        // 49,400 < 49,470: nothing. 49,470 ≥ 49,470: fires, buys 0.1 at market from the 49,500 offer.
        #expect(Self.triggered(index("49400"), id).0 == nil)
        let fired = index("49470")
        let (condition, order) = Self.triggered(fired, id)
        #expect(condition?.status == .triggered)
        #expect(order?.type == .market && order?.side == .buy)
        #expect(ExampleEvents(fired).trades.map(\.price) == [F.price("49500")])
        #expect(d.position(2)?.size == F.quantity("0.1"))
    }

    @Test("13012 when the trigger is already reached, for each trigger price type")
    func wouldTriggerImmediately() {
        var d = Self.market()
        // LAST = 50,000: a stop SELL at 50,000 (50,000 ≤ 50,000) and a stop BUY at 49,000 (≥).
        let sell = d.expectError(.wouldTriggerImmediately, Self.condition(2, .sell, .stopMarket, trigger: "50000"))
        #expect(sell.error?.details["currentPrice"] == "50000.0")
        #expect(sell.error?.details["priceType"] == "LAST")
        d.expectError(.wouldTriggerImmediately, Self.condition(2, .buy, .stopMarket, trigger: "49000"))
        // MARK = 50,000: a take-profit SELL at 49,000 (it fires on a rise to 49,000).
        d.expectError(.wouldTriggerImmediately, Self.condition(2, .sell, .takeProfitMarket, trigger: "49000", .mark))
        // INDEX = 50,000: a take-profit BUY at 51,000 (it fires on a fall to 51,000), a stop-limit SELL at 50,000.
        d.expectError(.wouldTriggerImmediately, Self.condition(2, .buy, .takeProfitLimit, trigger: "51000", .index, price: "51000"))
        d.expectError(.wouldTriggerImmediately, Self.condition(2, .sell, .stopLimit, trigger: "50000", .index, price: "50000"))
        // The same orders on the far side of the price are accepted.
        d.ok(Self.condition(2, .sell, .stopMarket, trigger: "49999.9"))
        d.ok(Self.condition(2, .buy, .takeProfitLimit, trigger: "49999.9", .index, price: "50000"))
        #expect(d.engine.conditionOrders(account: 2).count == 2)
    }

    @Test("closePosition closes the whole position as it is at the trigger, reduce-only; with none it expires")
    func closePosition() throws {
        var d = Self.market()
        d.ok(F.limit(1, .sell, "0.3", at: "50000"))
        d.ok(F.limit(1, .buy, "1", at: "48900"))
        d.ok(F.limit(2, .buy, "0.1", at: "50000"))
        let id = try #require(d.ok(Self.condition(2, .sell, .stopMarket, trigger: "49000", qty: nil, closePosition: true)).conditionOrderId)
        // The position grows to 0.3 after the condition was placed.
        d.ok(F.limit(2, .buy, "0.2", at: "50000"))
        #expect(d.position(2)?.size == F.quantity("0.3"))
        let fired = Self.trade(&d, at: "49000")
        let (_, order) = Self.triggered(fired, id)
        #expect(order?.quantity == F.quantity("0.3"))
        #expect(order?.reduceOnly == true)
        #expect(d.position(2) == nil)

        // Without a position at the trigger there is nothing to close: EXPIRED, no order.
        var e = Self.market()
        e.ok(F.limit(1, .buy, "1", at: "48900"))
        let none = try #require(e.ok(Self.condition(2, .sell, .stopMarket, trigger: "49000", qty: nil, closePosition: true)).conditionOrderId)
        let (ended, noOrder) = Self.triggered(Self.trade(&e, at: "49000"), none)
        #expect(ended?.status == .expired)
        #expect(noOrder == nil)
        #expect(e.engine.conditionOrders(account: 2).isEmpty)
    }

    @Test("cancel-condition: CANCELED, then unknown (13013), and never someone else's")
    func cancelCondition() throws {
        var d = Self.market()
        d.ok(F.limit(1, .buy, "1", at: "48900"))
        let id = try #require(d.ok(Self.condition(2, .sell, .stopMarket, trigger: "49000")).conditionOrderId)
        d.expectError(.orderNotFound, .cancelCondition(account: 3, symbol: "BTCUSDT", conditionOrderId: id))
        let cancelled = ExampleEvents(d.ok(.cancelCondition(account: 2, symbol: "BTCUSDT", conditionOrderId: id)))
        #expect(cancelled.conditions.map(\.status) == [.canceled])
        #expect(cancelled.conditions.first?.cancelReason == .user)
        #expect(d.engine.conditionOrders(account: 2).isEmpty)
        d.expectError(.orderNotFound, .cancelCondition(account: 2, symbol: "BTCUSDT", conditionOrderId: id))
        // The cancelled stop no longer fires.
        #expect(Self.triggered(Self.trade(&d, at: "49000"), id).1 == nil)
        #expect(d.position(2) == nil)
    }
}
