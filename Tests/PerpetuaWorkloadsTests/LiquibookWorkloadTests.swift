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
