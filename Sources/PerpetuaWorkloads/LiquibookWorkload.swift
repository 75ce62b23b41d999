import PerpetuaCore
import PerpetuaEngine

/// The Liquibook insert workload of DESIGN.md: GTC limit inserts only into one book,
/// prices and sizes from glibc's `srand(3)`/`rand()`.
///
/// It is the standard way C++ matching engines quote insert throughput, so the numbers
/// compare directly. Its outcome is fixed by the random sequence, which gives a
/// correctness gate: over 1M and 5M orders the fill and resting counts are known, and a
/// book that reaches different counts is wrong however fast it is.
public enum LiquibookWorkload {
    /// The seed passed to `srand`.
    public static let seed: UInt32 = 3

    /// The counts DESIGN.md publishes: order count → (fills, resting).
    public static let publishedCounts: [Int: (fills: Int, resting: Int)] = [
        1_000_000: (459_746, 492_707),
        5_000_000: (2_297_421, 2_465_112),
    ]

    /// The first `count` orders. Order `i` (from 0) is a buy when `i` is even; its price is
    /// `rand() % 10 + (buy ? 1880 : 1884)` ticks and then its size `(rand() % 10 + 1) × 100`
    /// lots. Ids run from 1; every order has its own owner (owner = id), so self-trade
    /// prevention never applies.
    public static func orders(count: Int) -> [BookOrder] {
        precondition(count >= 0, "order count must not be negative")
        var random = GlibcRandom(seed: seed)
        var orders: [BookOrder] = []
        orders.reserveCapacity(count)
        for index in 0..<count { orders.append(order(at: index, random: &random)) }
        return orders
    }

    /// Order `index`, drawing its price and then its size from `random`.
    private static func order(at index: Int, random: inout GlibcRandom) -> BookOrder {
        let isBuy = index % 2 == 0
        let price = Int64(random.next() % 10) + (isBuy ? 1880 : 1884)
        let lots = Int64(random.next() % 10 + 1) * 100
        let id = UInt64(index + 1)
        return BookOrder(
            id: id, owner: id, side: isBuy ? .buy : .sell, type: .limit, timeInForce: .gtc,
            priceTicks: price, lots: lots, selfTradePrevention: .none
        )
    }

    /// The orders as place commands, built directly so that 5M orders are not held twice.
    private static func commands(count: Int) -> [WorkloadCommand] {
        precondition(count >= 0, "order count must not be negative")
        var random = GlibcRandom(seed: seed)
        var commands: [WorkloadCommand] = []
        commands.reserveCapacity(count)
        for index in 0..<count { commands.append(.place(order(at: index, random: &random))) }
        return commands
    }

    /// The workload over `count` orders, with the correctness gate when DESIGN.md
    /// publishes counts for that size (1M and 5M).
    public static func workload(orderCount count: Int) -> MatchingWorkload {
        let expectation = publishedCounts[count].map {
            WorkloadExpectation(fills: $0.fills, resting: $0.resting, source: "DESIGN.md, \(count) orders")
        }
        return MatchingWorkload(
            name: "liquibook",
            commands: commands(count: count),
            bookCapacity: max(count, 1),
            expectation: expectation
        )
    }
}
