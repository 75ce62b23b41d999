import PerpetuaCore
@testable import PerpetuaEngine
import Testing

/// Reduce-only orders resting on the book (API.md §5.5: "Reduce-only orders may only shrink
/// the position"), worked by hand on the BTCUSDT fixture (tick 0.1, step 0.001, maker
/// 0.02 %, taker 0.05 %, default leverage 20) with index = mark = 50,000.
///
/// The book limits each reduce-only maker, within one sweep, to what its account's
/// position still closes after the sweep's earlier fills: the rest of it is cancelled with
/// REDUCE_ONLY where the sweep reaches it, so no fill grows or flips a position. (After the
/// command the engine also trims what still rests beyond the position.)
@Suite("Engine examples: reduce-only makers")
struct ReduceOnlyExamplesTests {
    typealias F = EngineFixtures

    /// BTCUSDT at a mark of 50,000; account 1 with 1,000,000 sells 0.1 at 50,000 to
    /// account 2 (1,000 deposited), which is then long 0.1 at 50,000 with a wallet of
    /// 1,000 − 5,000 × 0.0005 = 997.5. Accounts 3 and 4 hold 10,000 each.
    static func accountTwoLong() -> EngineDriver {
        var d = EngineDriver()
        d.ok(.addSymbol(F.btc))
        d.ok(.setIndexPrice(symbol: "BTCUSDT", price: F.price("50000")))
        d.ok(.markPriceTick)
        d.ok(.deposit(account: 1, amount: F.amount("1000000")))
        for account in [UInt64(2), 3, 4] {
            d.ok(.deposit(account: account, amount: F.amount(account == 2 ? "1000" : "10000")))
        }
        d.ok(F.limit(1, .sell, "0.1", at: "50000"))
        d.ok(F.market(2, .buy, "0.1"))
        #expect(d.position(2)?.size == F.quantity("0.1"))
        #expect(d.wallet(2) == F.amount("997.5"))
        return d
    }

    /// The order events of a command as (id, status, executed, cancel reason), in order.
    static func orderSteps(_ result: EngineResult) -> [String] {
        ExampleEvents(result).orders.map {
            "\($0.orderId) \($0.status.rawValue) \($0.executedQuantity)\($0.cancelReason.map { " \($0.name)" } ?? "")"
        }
    }

    static func trade(
        _ id: UInt64, maker: UInt64, makerAccount: UInt64, taker: UInt64, takerAccount: UInt64, price: String, qty: String,
        makerFee: String, takerFee: String, makerPnl: String, time: Int64
    ) -> TradeRecord {
        TradeRecord(
            tradeId: id, symbol: "BTCUSDT", price: F.price(price), quantity: F.quantity(qty), takerSide: .buy,
            makerOrderId: maker, takerOrderId: taker, makerAccount: makerAccount, takerAccount: takerAccount,
            makerFee: F.amount(makerFee), takerFee: F.amount(takerFee), makerRealizedPnl: F.amount(makerPnl),
            takerRealizedPnl: .zero, time: time)
    }

    @Test("a reduce-only maker behind an ordinary maker of the same account: one sweep closes the long and does not open a short")
    func behindOrdinaryMaker() throws {
        var d = Self.accountTwoLong()
        // Account 2 offers its long twice: an ordinary sell at 50,050 (order 3) and a
        // reduce-only sell at 50,100 (order 4), both 0.1.
        #expect(d.ok(F.limit(2, .sell, "0.1", at: "50050")).orderId == 3)
        #expect(d.ok(F.limit(2, .sell, "0.1", at: "50100", reduceOnly: true)).orderId == 4)

        // Account 3 buys 0.2 up to 50,100 (order 5). The ordinary sell fills first and
        // closes the long: notional 5,005, maker fee 5,005 × 0.0002 = 1.001, taker fee
        // 5,005 × 0.0005 = 2.5025, account 2's PnL (50,050 − 50,000) × 0.1 = 5. The
        // reduce-only sell then has nothing to close and is cancelled; the other 0.1 of the
        // buy rests at 50,100.
        let result = d.ok(F.limit(3, .buy, "0.2", at: "50100"))
        #expect(result.orderId == 5)
        #expect(ExampleEvents(result).trades == [
            Self.trade(2, maker: 3, makerAccount: 2, taker: 5, takerAccount: 3, price: "50050", qty: "0.1",
                       makerFee: "1.001", takerFee: "2.5025", makerPnl: "5", time: d.time),
        ])
        #expect(Self.orderSteps(result) == [
            "5 NEW 0",
            "3 FILLED 0.1",  // the maker's fill
            "5 PARTIALLY_FILLED 0.1",  // the taker's fill
            "3 FILLED 0.1",  // the maker closed
            "4 CANCELED 0 REDUCE_ONLY",
        ])
        #expect(ExampleEvents(result).closedPositions.map(\.account) == [2])

        #expect(d.position(2) == nil, "account 2: \(String(describing: d.position(2)?.size))")
        #expect(d.wallet(2) == F.amount("1001.499"))  // 997.5 + 5 − 1.001
        let p3 = try #require(d.position(3))
        #expect(p3.size == F.quantity("0.1") && p3.entryPrice == F.price("50050"))
        #expect(d.position(1)?.size == Quantity(units: -F.quantity("0.1").units))
        #expect(d.engine.openOrders(account: 2).isEmpty)
        #expect(d.engine.openOrders(account: 3).map { "\($0.orderId) \($0.price!) \($0.executedQuantity)/\($0.quantity)" }
            == ["5 50100 0.1/0.2"])
    }

    @Test("two reduce-only makers of one account whose total exceeds the position: one sweep fills only the position")
    func twoBeyondPosition() throws {
        var d = Self.accountTwoLong()
        // Account 2: an ordinary sell of 0.05 at 50,000 (order 3) and reduce-only sells of
        // 0.05 at 50,100 (order 4) and 0.05 at 50,200 (order 5), together its whole long.
        d.ok(F.limit(2, .sell, "0.05", at: "50000"))
        d.ok(F.limit(2, .sell, "0.05", at: "50100", reduceOnly: true))
        d.ok(F.limit(2, .sell, "0.05", at: "50200", reduceOnly: true))
        // Stop-market buys on the INDEX at 50,050: account 3 for 0.05, then account 4 for 0.1.
        for (account, qty) in [(UInt64(3), "0.05"), (4, "0.1")] {
            d.ok(.placeCondition(ConditionRequest(
                account: account, symbol: "BTCUSDT", side: .buy, type: .stopMarket, triggerPrice: F.price("50050"),
                triggerPriceType: .index, quantity: F.quantity(qty))))
        }

        // One index update fires both in one command. Account 3's buy (order 6) takes the
        // ordinary sell: account 2 is long 0.05 with 0.1 of reduce-only sells still resting
        // (the engine trims after the command). Account 4's buy of 0.1 (order 7) then
        // sweeps both: the first closes the 0.05 (notional 2,505, maker fee 0.501, taker
        // fee 1.2525, PnL 0.05 × 100 = 5), the second has nothing left to close and is
        // cancelled; the buy's other 0.05 finds no more sellers and expires.
        // Trade 6 @ 50,000: notional 2,500, maker fee 0.5, taker fee 1.25, PnL 0.
        let result = d.ok(.setIndexPrice(symbol: "BTCUSDT", price: F.price("50050")))
        #expect(ExampleEvents(result).trades == [
            Self.trade(2, maker: 3, makerAccount: 2, taker: 6, takerAccount: 3, price: "50000", qty: "0.05",
                       makerFee: "0.5", takerFee: "1.25", makerPnl: "0", time: d.time),
            Self.trade(3, maker: 4, makerAccount: 2, taker: 7, takerAccount: 4, price: "50100", qty: "0.05",
                       makerFee: "0.501", takerFee: "1.2525", makerPnl: "5", time: d.time),
        ])
        #expect(Self.orderSteps(result) == [
            "6 NEW 0",
            "3 FILLED 0.05", "6 FILLED 0.05", "3 FILLED 0.05", "6 FILLED 0.05",
            "7 NEW 0",
            "4 FILLED 0.05", "7 PARTIALLY_FILLED 0.05", "4 FILLED 0.05",
            "5 CANCELED 0 REDUCE_ONLY",
            "7 EXPIRED 0.05 IMMEDIATE_OR_CANCEL",
        ])
        // Account 2's position after each of its fills: 0.05, then flat; never short.
        let sizes = ExampleEvents(result).events.compactMap { event -> String? in
            if case .position(let p) = event, p.account == 2 { "\(p.size)" } else { nil }
        }
        #expect(sizes == ["0.05", "0"])

        #expect(d.position(2) == nil, "account 2: \(String(describing: d.position(2)?.size))")
        #expect(d.wallet(2) == F.amount("1001.499"))  // 997.5 − 0.5 + 5 − 0.501
        #expect(d.position(3)?.size == F.quantity("0.05") && d.position(3)?.entryPrice == F.price("50000"))
        #expect(d.position(4)?.size == F.quantity("0.05") && d.position(4)?.entryPrice == F.price("50100"))
        #expect(d.position(1)?.size == Quantity(units: -F.quantity("0.1").units))
        #expect(d.engine.openOrders(account: 2).isEmpty)
    }
}
