import PerpetuaCore
@testable import PerpetuaEngine
import Testing

/// Every rejection answers its catalogue code (API.md §3) and changes nothing.
///
/// "Changes nothing" needs care: every envelope the engine applies sets `lastSequence`
/// and `time`, and ``Engine/stateHash()`` covers both (a replayed journal must agree on
/// them), so the hash after a rejected command never equals the hash before it, and
/// comparing with the state before would fail for a correct engine. The fair baseline is
/// the same engine after a command known to do nothing, applied with the very same
/// envelope (sequence and timestamp): a cancel-all for an account that does not exist.
/// A rejected command must leave exactly that state — equal hashes — emit no event, and
/// leave every observable view (balances, positions, open and condition orders, funds,
/// markets, depth) equal too, so a difference the hash does not cover would show as well.
/// ``noOpBaselineIsOnlyTheEnvelope`` checks that the baseline really differs from the
/// state before in the envelope's bookkeeping only.
@Suite("Engine examples: bad input")
struct EngineBadInputTests {
    typealias F = EngineFixtures

    /// A command that changes nothing but the envelope bookkeeping.
    static let noop = EngineCommand.cancelAll(account: 999_999_999, symbol: nil, scope: .all)

    /// What a client can observe of the engine.
    struct View: Equatable {
        var assets: [AssetSnapshot?]
        var positions: [[PositionSnapshot]]
        var orders: [[OrderSnapshot]]
        var conditions: [[ConditionSnapshot]]
        var insuranceFund: Amount
        var feeIncome: Amount
        var markets: [MarketSnapshot?]
        var depth: [String]
        var settings: [String]

        init(_ engine: Engine) {
            let ids = engine.accountIds
            let names = engine.symbolSpecs.map(\.symbol)
            assets = ids.map { engine.asset(account: $0) }
            positions = ids.map { engine.positions(account: $0) }
            orders = ids.map { engine.openOrders(account: $0) }
            conditions = ids.map { engine.conditionOrders(account: $0) }
            insuranceFund = engine.insuranceFund
            feeIncome = engine.feeIncome
            markets = names.map { engine.market($0) }
            depth = names.map { name in
                guard let book = engine.depth(name, limit: 1000) else { return "-" }
                return "\(book.sequence) \(book.bids.map { "\($0.0):\($0.1)" }) \(book.asks.map { "\($0.0):\($0.1)" })"
            }
            settings = ids.flatMap { id in names.map { "\(String(describing: engine.positionSettings(account: id, symbol: $0)))" } }
        }
    }

    /// Applies `command` to a copy of the driver's engine as the next envelope and checks
    /// the code and that the copy equals the no-op baseline.
    @discardableResult
    static func expectRejected(
        _ d: EngineDriver, _ code: ErrorCode, _ command: EngineCommand, sourceLocation: SourceLocation = #_sourceLocation
    ) -> EngineResult {
        let sequence = d.sequence + 1, timestamp = d.time + 1_000
        var rejected = d.engine
        let result = rejected.apply(CommandEnvelope(sequence: sequence, timestamp: timestamp, command: command))
        var baseline = d.engine
        let noop = baseline.apply(CommandEnvelope(sequence: sequence, timestamp: timestamp, command: Self.noop))
        #expect(noop.error == nil && noop.events.isEmpty, sourceLocation: sourceLocation)
        #expect(result.error?.code == code, "\(command): expected \(code.rawValue), got \(String(describing: result.error))",
                sourceLocation: sourceLocation)
        #expect(result.events.isEmpty, "a rejected command emitted \(result.events)", sourceLocation: sourceLocation)
        #expect(rejected.stateHash() == baseline.stateHash(), "\(command) changed the state hash", sourceLocation: sourceLocation)
        #expect(View(rejected) == View(baseline), "\(command) changed what clients see", sourceLocation: sourceLocation)
        do { try rejected.checkInvariants() } catch {
            Issue.record("invariant broken after \(command): \(error)", sourceLocation: sourceLocation)
        }
        return result
    }

    /// BTCUSDT at 50,000; account 1 (1,000,000) rests an ask 0.5 @ 50,000 that account 2
    /// (10,000) takes: account 1 short 0.5, account 2 long 0.5.
    static func market() -> EngineDriver {
        var d = EngineDriver.btcMarket(deposits: [1: "1000000", 2: "10000"])
        d.ok(F.limit(1, .sell, "0.5", at: "50000"))
        d.ok(F.limit(2, .buy, "0.5", at: "50000"))
        return d
    }

    @Test("the no-op baseline differs from the state before only by the envelope's sequence and time")
    func noOpBaselineIsOnlyTheEnvelope() {
        let d = Self.market()
        var baseline = d.engine
        _ = baseline.apply(CommandEnvelope(sequence: d.sequence + 1, timestamp: d.time + 1_000, command: Self.noop))
        var bumped = d.engine
        bumped.lastSequence = d.sequence + 1
        bumped.time = d.time + 1_000
        #expect(baseline.stateHash() == bumped.stateHash())
        #expect(baseline.stateHash() != d.engine.stateHash())
        #expect(View(baseline) == View(d.engine))
    }

    @Test("13001 insufficient margin, for an order and for a withdrawal")
    func insufficientMargin() {
        let d = Self.market()
        // Account 2: wallet 9,987.5, IM 1,250 → available 8,737.5; 4 BTC more needs 10,000 + 100.
        let order = Self.expectRejected(d, .insufficientMargin, F.limit(2, .buy, "4", at: "50000"))
        #expect(order.error?.details["available"] == "8737.5")
        Self.expectRejected(d, .insufficientMargin, .withdraw(account: 2, amount: F.amount("8737.50000001")))
        Self.expectRejected(d, .insufficientMargin, F.limit(77, .buy, "0.1", at: "50000"))  // no account at all
    }

    @Test("13010 a reduce-only order that would increase the position")
    func reduceOnlyWouldIncrease() {
        var d = Self.market()
        d.ok(.deposit(account: 3, amount: F.amount("10000")))
        Self.expectRejected(d, .reduceOnlyRejected, F.limit(2, .buy, "0.1", at: "49000", reduceOnly: true))
        Self.expectRejected(d, .reduceOnlyRejected, F.limit(3, .sell, "0.1", at: "51000", reduceOnly: true))
    }

    @Test("13008 leverage out of range, 14003 leverage that the margin cannot carry")
    func leverage() {
        var d = Self.market()
        Self.expectRejected(d, .leverageOutOfRange, .setLeverage(account: 2, symbol: "BTCUSDT", leverage: 0))
        Self.expectRejected(d, .leverageOutOfRange, .setLeverage(account: 2, symbol: "BTCUSDT", leverage: 126))
        // Account 3 with 2 BTC (100,000: bracket 2, max 100x) cannot take 125x.
        d.ok(.deposit(account: 3, amount: F.amount("10000")))
        d.ok(F.limit(1, .sell, "2", at: "50000"))
        d.ok(F.limit(3, .buy, "2", at: "50000"))
        Self.expectRejected(d, .leverageOutOfRange, .setLeverage(account: 3, symbol: "BTCUSDT", leverage: 125))
        // At 1x its IM would be 100,000 > wallet 9,950; the message names the margin, not maintenance.
        let short = Self.expectRejected(d, .wouldTriggerLiquidation, .setLeverage(account: 3, symbol: "BTCUSDT", leverage: 1))
        #expect(short.error?.message == "leverage 1 needs more initial margin for BTCUSDT than the account has available; deposit, or reduce the position or its open orders, first")
    }

    @Test("14002 margin-mode change with a position, an open order or a condition order")
    func marginModeWithExposure() {
        var d = Self.market()
        Self.expectRejected(d, .hasPositionOrOrders, .setMarginMode(account: 2, symbol: "BTCUSDT", mode: .isolated))
        d.ok(.deposit(account: 3, amount: F.amount("10000")))
        d.ok(F.limit(3, .buy, "0.1", at: "49000"))
        Self.expectRejected(d, .hasPositionOrOrders, .setMarginMode(account: 3, symbol: "BTCUSDT", mode: .isolated))
        d.ok(.deposit(account: 4, amount: F.amount("10000")))
        d.ok(.placeCondition(ConditionRequest(account: 4, symbol: "BTCUSDT", side: .buy, type: .stopMarket,
                                              triggerPrice: F.price("51000"), quantity: F.quantity("0.1"))))
        Self.expectRejected(d, .hasPositionOrOrders, .setMarginMode(account: 4, symbol: "BTCUSDT", mode: .isolated))
    }

    @Test("13012 a condition order whose trigger is already reached")
    func triggerAlreadyReached() {
        let d = Self.market()
        // Last 50,000: a stop SELL at 50,100 is already below it.
        let result = Self.expectRejected(d, .wouldTriggerImmediately, .placeCondition(ConditionRequest(
            account: 2, symbol: "BTCUSDT", side: .sell, type: .stopMarket, triggerPrice: F.price("50100"), quantity: F.quantity("0.1"))))
        #expect(result.error?.details["triggerPrice"] == "50100.0" && result.error?.details["currentPrice"] == "50000.0")
    }

    @Test("13013 unknown order or condition order, someone else's included; 13014 for a final one")
    func unknownOrder() throws {
        var d = Self.market()
        Self.expectRejected(d, .orderNotFound, .cancelOrder(account: 2, symbol: "BTCUSDT", order: .id(424_242)))
        Self.expectRejected(d, .orderNotFound, .cancelOrder(account: 2, symbol: "BTCUSDT", order: .client(ClientOrderId("nope")!)))
        Self.expectRejected(d, .orderNotFound, .amendOrder(AmendRequest(account: 2, symbol: "BTCUSDT", order: .id(424_242), price: F.price("49000"))))
        Self.expectRejected(d, .orderNotFound, .cancelCondition(account: 2, symbol: "BTCUSDT", conditionOrderId: 424_242))
        let resting = try #require(d.ok(F.limit(2, .buy, "0.1", at: "49000")).orderId)
        Self.expectRejected(d, .orderNotFound, .cancelOrder(account: 1, symbol: "BTCUSDT", order: .id(resting)))
        // A filled order is final.
        d.ok(F.limit(1, .sell, "0.1", at: "50000"))
        let filled = try #require(d.ok(F.limit(2, .buy, "0.1", at: "50000")).orderId)
        #expect(d.engine.openOrder(account: 2, reference: .id(filled)) == nil)
        Self.expectRejected(d, .orderAlreadyFinal, .cancelOrder(account: 2, symbol: "BTCUSDT", order: .id(filled)))
    }

    @Test("13017 on a SUSPENDED symbol: orders, amends and condition orders; cancels still work")
    func suspendedSymbol() throws {
        var d = Self.market()
        let resting = try #require(d.ok(F.limit(2, .buy, "0.1", at: "49000")).orderId)
        var spec = F.btc
        spec.status = .suspended
        d.ok(.updateSymbol(spec))
        Self.expectRejected(d, .marketNotTrading, F.limit(2, .buy, "0.1", at: "49000"))
        Self.expectRejected(d, .marketNotTrading, F.market(1, .buy, "0.1"))
        Self.expectRejected(d, .marketNotTrading, .amendOrder(AmendRequest(account: 2, symbol: "BTCUSDT", order: .id(resting), price: F.price("49100"))))
        Self.expectRejected(d, .marketNotTrading, .placeCondition(ConditionRequest(
            account: 2, symbol: "BTCUSDT", side: .sell, type: .stopMarket, triggerPrice: F.price("45000"), quantity: F.quantity("0.1"))))
        d.ok(.cancelOrder(account: 2, symbol: "BTCUSDT", order: .id(resting)))
    }

    @Test("13018 on a REDUCE_ONLY symbol: only orders that shrink a position")
    func reduceOnlySymbol() {
        var d = Self.market()
        var spec = F.btc
        spec.status = .reduceOnly
        d.ok(.updateSymbol(spec))
        d.ok(.deposit(account: 3, amount: F.amount("10000")))
        Self.expectRejected(d, .reduceOnlyMode, F.limit(3, .buy, "0.1", at: "49000"))  // flat
        Self.expectRejected(d, .reduceOnlyMode, F.limit(2, .buy, "0.1", at: "49000"))  // adds to the long
        Self.expectRejected(d, .reduceOnlyMode, F.limit(2, .sell, "0.6", at: "51000"))  // more than the 0.5 long
        d.ok(F.limit(2, .sell, "0.5", at: "51000"))
    }

    @Test("14001 while the account is in liquidation")
    func accountInLiquidation() {
        var d = EngineDriver()
        d.ok(.addSymbol(F.btc))
        d.ok(.setIndexPrice(symbol: "BTCUSDT", price: F.price("50000")))
        d.ok(.deposit(account: 1, amount: F.amount("100000")))
        d.ok(.deposit(account: 2, amount: F.amount("1262.5")))
        d.ok(F.limit(1, .sell, "0.5", at: "50000"))
        d.ok(F.limit(2, .buy, "0.5", at: "50000"))
        // Cross wallet 1,250; at mark 47,600: 1,250 − 1,200 = 50 ≤ MM 95.2 → liquidated.
        #expect(ExampleEvents(d.moveMark(to: "47600")).liquidations.count == 1)
        d.ok(.deposit(account: 2, amount: F.amount("1000")))
        Self.expectRejected(d, .liquidationInProgress, F.limit(2, .buy, "0.01", at: "47600"))
        Self.expectRejected(d, .liquidationInProgress, .setLeverage(account: 2, symbol: "BTCUSDT", leverage: 10))
        Self.expectRejected(d, .liquidationInProgress, .placeCondition(ConditionRequest(
            account: 2, symbol: "BTCUSDT", side: .buy, type: .stopMarket, triggerPrice: F.price("51000"), quantity: F.quantity("0.01"))))
    }

    @Test("12002 unknown symbol, with the suggestion when the input normalises to a known one")
    func unknownSymbol() {
        let d = Self.market()
        let typo = Self.expectRejected(d, .symbolNotFound, F.limit(2, .buy, "0.1", at: "49000", on: "btc/usdt"))
        #expect(typo.error?.message == "instrument does not exist: btc/usdt; did you mean BTCUSDT?")
        #expect(typo.error?.details["suggestion"] == "BTCUSDT")
        let unknown = Self.expectRejected(d, .symbolNotFound, F.limit(2, .buy, "0.1", at: "49000", on: "DOGEUSDT"))
        #expect(unknown.error?.details["suggestion"] == nil)
        Self.expectRejected(d, .symbolNotFound, .setLeverage(account: 2, symbol: "BTC-USDT", leverage: 10))
        Self.expectRejected(d, .symbolNotFound, .cancelOrder(account: 2, symbol: "btcusdt", order: .id(1)))
        Self.expectRejected(d, .symbolNotFound, .setIndexPrice(symbol: "ETHUSDT", price: F.price("2000")))
    }

    @Test("13015 duplicate clientOrderId, naming the existing order, also after it closed")
    func duplicateClientOrderId() throws {
        var d = Self.market()
        let first = try #require(d.ok(F.limit(2, .buy, "0.1", at: "49000", clientOrderId: "abc-1")).orderId)
        let again = Self.expectRejected(d, .duplicateClientOrderId, F.limit(2, .buy, "0.2", at: "48000", clientOrderId: "abc-1"))
        #expect(again.orderId == first)
        #expect(again.error?.details["orderId"] == String(first))
        // Another account may use the same id.
        d.ok(.deposit(account: 3, amount: F.amount("10000")))
        d.ok(F.limit(3, .buy, "0.1", at: "49000", clientOrderId: "abc-1"))
        // Closed orders keep their client id for 7 days.
        d.ok(.cancelOrder(account: 2, symbol: "BTCUSDT", order: .id(first)))
        let closed = Self.expectRejected(d, .duplicateClientOrderId, F.limit(2, .buy, "0.1", at: "49000", clientOrderId: "abc-1"))
        #expect(closed.orderId == first)
    }

    @Test("a finished condition order keeps its clientOrderId for 7 days, like a closed order")
    func conditionClientOrderIdRetained() throws {
        var d = Self.market()
        let condition = ConditionRequest(
            account: 2, symbol: "BTCUSDT", side: .sell, type: .stopMarket, triggerPrice: F.price("45000"),
            quantity: F.quantity("0.1"), clientOrderId: ClientOrderId("stop-1")!)
        let id = try #require(d.ok(.placeCondition(condition)).conditionOrderId)
        d.ok(.cancelCondition(account: 2, symbol: "BTCUSDT", conditionOrderId: id))
        // Cancelled, the id is still taken: by an order and by a new condition.
        Self.expectRejected(d, .duplicateClientOrderId, F.limit(2, .buy, "0.1", at: "49000", clientOrderId: "stop-1"))
        Self.expectRejected(d, .duplicateClientOrderId, .placeCondition(condition))
        // Six days on, still taken; eight days on, the daily rollover has freed it.
        d.time += 6 * 86_400_000
        d.ok(.dailyRollover)
        Self.expectRejected(d, .duplicateClientOrderId, F.limit(2, .buy, "0.1", at: "49000", clientOrderId: "stop-1"))
        d.time += 2 * 86_400_000
        d.ok(.dailyRollover)
        d.ok(F.limit(2, .buy, "0.1", at: "49000", clientOrderId: "stop-1"))
    }

    @Test("order parameter rejections: band, tick, step, size, notional, post-only, FOK, missing price, position limit")
    func orderParameters() throws {
        let d = Self.market()
        // Band ±5 % around the mark 50,000: [47,500, 52,500].
        let band = Self.expectRejected(d, .priceOutOfBand, F.limit(2, .buy, "0.1", at: "47499.9"))
        // Prices in the details come in the symbol's precision (tick 0.1).
        #expect(band.error?.details["minPrice"] == "47500.0" && band.error?.details["maxPrice"] == "52500.0")
        Self.expectRejected(d, .priceOutOfBand, F.limit(2, .sell, "0.1", at: "52500.1"))
        Self.expectRejected(d, .priceNotOnTick, F.limit(2, .buy, "0.1", at: "49000.05"))
        Self.expectRejected(d, .quantityNotOnStep, F.limit(2, .buy, "0.0015", at: "49000"))
        Self.expectRejected(d, .quantityOutOfRange, F.limit(2, .buy, "1000.001", at: "49000"))
        Self.expectRejected(d, .invalidParameter, F.limit(2, .buy, "0", at: "49000"))
        Self.expectRejected(d, .invalidParameter, .placeOrder(OrderRequest(
            account: 2, symbol: "BTCUSDT", side: .buy, type: .limit, quantity: F.quantity("0.1"))))
        // Account 1's ask is gone; account 1 now rests a bid at 49,000 for the crossing cases.
        var e = d
        e.ok(F.limit(1, .buy, "0.1", at: "49000"))
        let postOnly = Self.expectRejected(e, .postOnlyWouldTake, F.limit(2, .sell, "0.1", at: "49000", tif: .postOnly))
        #expect(postOnly.error?.details["price"] == "49000.0")
        // The same details when an amend would cross or leave the band.
        let ask = try #require(e.ok(F.limit(2, .sell, "0.1", at: "49500", tif: .postOnly)).orderId)
        let crossing = Self.expectRejected(
            e, .postOnlyWouldTake, .amendOrder(AmendRequest(account: 2, symbol: "BTCUSDT", order: .id(ask), price: F.price("49000"))))
        #expect(crossing.error?.details["price"] == "49000.0")
        let outside = Self.expectRejected(
            e, .priceOutOfBand, .amendOrder(AmendRequest(account: 2, symbol: "BTCUSDT", order: .id(ask), price: F.price("52500.1"))))
        #expect(outside.error?.details["price"] == "52500.1" && outside.error?.details["minPrice"] == "47500.0")
        Self.expectRejected(e, .fillOrKillNotFilled, F.limit(2, .sell, "0.2", at: "49000", tif: .fok))
        // Account 1 is short 0.5 with a bid of 0.1: buying 21 more reaches (−0.5 + 0.1 + 21) × 49,000
        // = 1,009,400 > 1,000,000 at 20x.
        Self.expectRejected(e, .maxPositionExceeded, F.limit(1, .buy, "21", at: "49000"))

        // minNotional (5 on the fixture) cannot be missed inside the band; at 100 it can:
        // 0.001 × 49,000 = 49 < 100.
        var spec = F.btc
        spec.minNotional = F.amount("100")
        var f = EngineDriver()
        f.ok(.addSymbol(spec))
        f.ok(.setIndexPrice(symbol: "BTCUSDT", price: F.price("50000")))
        f.ok(.deposit(account: 2, amount: F.amount("10000")))
        Self.expectRejected(f, .notionalBelowMinimum, F.limit(2, .buy, "0.001", at: "49000"))
    }
}
