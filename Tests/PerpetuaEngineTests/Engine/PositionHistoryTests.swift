import PerpetuaCore
@testable import PerpetuaEngine
import Testing

/// The position-history row written when a position goes flat or flips: its close price
/// is the average of all the fills that closed it, as Binance, OKX and Bybit report it.
@Suite("Engine examples: position history")
struct PositionHistoryTests {
    typealias F = EngineFixtures

    @Test("closed in two fills: the close price is their average; a flip starts the next row's average afresh")
    func averageClosePrice() throws {
        var d = EngineDriver.btcMarket(deposits: [1: "1000000", 2: "100000", 3: "100000"])
        // Account 2 goes long 1 @ 50,000.
        d.ok(F.limit(1, .sell, "1", at: "50000"))
        d.ok(F.limit(2, .buy, "1", at: "50000"))
        // It closes 0.4 @ 50,100, then 0.6 @ 49,900 into account 3's bids.
        d.ok(F.limit(3, .buy, "0.4", at: "50100"))
        #expect(ExampleEvents(d.ok(F.limit(2, .sell, "0.4", at: "50100"))).closedPositions.isEmpty)
        d.ok(F.limit(3, .buy, "0.6", at: "49900"))
        let first = try #require(ExampleEvents(d.ok(F.limit(2, .sell, "0.6", at: "49900"))).closedPositions.first { $0.account == 2 })
        // (0.4 × 50,100 + 0.6 × 49,900) / 1 = 49,980; PnL 0.4 × 100 − 0.6 × 100 = −20.
        #expect(first.closePrice == F.price("49980"))
        #expect(first.entryPrice == F.price("50000"))
        #expect(first.maxSize == F.quantity("1"))
        #expect(first.realizedPnl == F.amount("-20"))

        // Long 1 @ 50,000 again, then a sell of 2 @ 50,200 closes it and opens a short.
        d.ok(F.limit(1, .sell, "1", at: "50000"))
        d.ok(F.limit(2, .buy, "1", at: "50000"))
        d.ok(F.limit(3, .buy, "2", at: "50200"))
        let flip = try #require(ExampleEvents(d.ok(F.limit(2, .sell, "2", at: "50200"))).closedPositions.first { $0.account == 2 })
        #expect(flip.closePrice == F.price("50200"))
        // The short closes by buying 1 @ 50,000: its own closes only, not the long's.
        d.ok(F.limit(1, .sell, "1", at: "50000"))
        let short = try #require(ExampleEvents(d.ok(F.limit(2, .buy, "1", at: "50000"))).closedPositions.first { $0.account == 2 })
        #expect(short.side == .sell)
        #expect(short.entryPrice == F.price("50200"))
        #expect(short.closePrice == F.price("50000"))
    }
}
