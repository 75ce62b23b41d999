import PerpetuaCore
import PerpetuaEngine
import PerpetuaWorkloads
import Testing

@Suite struct LiquibookWorkloadTests {
    @Test func firstSixOrdersAreTheOnesDesignPublishes() {
        let orders = LiquibookWorkload.orders(count: 6)
        let expected: [(Side, Int64, Int64)] = [
            (.buy, 1886, 600), (.sell, 1892, 100), (.buy, 1885, 100),
            (.sell, 1886, 700), (.buy, 1881, 500), (.sell, 1892, 500),
        ]
        #expect(orders.count == 6)
        for (index, (order, want)) in zip(orders, expected).enumerated() {
            #expect(order.side == want.0, "order \(index)")
            #expect(order.priceTicks == want.1, "order \(index)")
            #expect(order.lots == want.2, "order \(index)")
        }
    }

    @Test func ordersAreGTCLimitsWithSequentialIdsAndDistinctOwners() {
        let orders = LiquibookWorkload.orders(count: 1_000)
        #expect(orders.map(\.id) == Array(1...1_000))
        #expect(Set(orders.map(\.owner)).count == 1_000)
        #expect(orders.allSatisfy { $0.type == .limit && $0.timeInForce == .gtc })
        #expect(orders.allSatisfy { (100...1_000).contains($0.lots) && $0.lots % 100 == 0 })
        #expect(orders.allSatisfy { $0.side == .buy ? (1880...1889).contains($0.priceTicks) : (1884...1893).contains($0.priceTicks) })
    }

    @Test func workloadCommandsAreTheOrders() {
        let workload = LiquibookWorkload.workload(orderCount: 100)
        #expect(workload.commands == LiquibookWorkload.orders(count: 100).map { .place($0) })
        #expect(workload.warmUp.isEmpty)
        #expect(workload.expectation == nil)
    }

    @Test func gateCountsComeFromDesign() {
        #expect(LiquibookWorkload.publishedCounts[1_000_000]! == (459_746, 492_707))
        #expect(LiquibookWorkload.publishedCounts[5_000_000]! == (2_297_421, 2_465_112))
    }

    /// The full 1M-order gate through the real book: counts only, never time.
    @Test func oneMillionOrdersReachThePublishedCounts() {
        let workload = LiquibookWorkload.workload(orderCount: 1_000_000)
        var book = workload.makeBook()
        var events: [BookEvent] = []
        var counts = MatchingCounts()
        MatchingRunner().apply(workload.commands, to: &book, events: &events, counts: &counts)
        counts.resting = book.orderCount
        #expect(counts.fills == 459_746)
        #expect(counts.resting == 492_707)
        #expect(counts.rejected == 0)
    }
}

@Suite struct WorkloadExpectationTests {
    @Test func matchingCountsPass() {
        var counts = MatchingCounts()
        counts.fills = 10
        counts.resting = 4
        counts.tradeCommands = 3
        #expect(WorkloadExpectation(fills: 10, resting: 4, tradeCommands: 3, source: "test").mismatch(in: counts) == nil)
        #expect(WorkloadExpectation(fills: 10, resting: 4, source: "test").mismatch(in: counts) == nil)
    }

    @Test func everyDifferenceIsNamed() {
        var counts = MatchingCounts()
        counts.fills = 9
        counts.resting = 5
        counts.rejected = 1
        let message = WorkloadExpectation(fills: 10, resting: 4, source: "DESIGN.md").mismatch(in: counts)
        #expect(message == "fills 9, expected 10; resting 5, expected 4; 1 commands rejected, expected none (expected counts from DESIGN.md)")
    }
}
