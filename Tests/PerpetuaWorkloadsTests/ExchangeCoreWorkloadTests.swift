import PerpetuaCore
import PerpetuaEngine
import PerpetuaWorkloads
import Testing

@Suite struct ExchangeCoreWorkloadTests {
    private static func small(seed: UInt64 = 7) -> ExchangeCoreWorkload {
        var configuration = ExchangeCoreWorkload.Configuration()
        configuration.warmUpCommands = 20_000
        return ExchangeCoreWorkload(commandCount: 30_000, seed: seed, configuration: configuration)
    }

    @Test func sameSeedSameCommands() {
        let first = Self.small()
        let second = Self.small()
        #expect(first.warmUp == second.warmUp)
        #expect(first.commands == second.commands)
        #expect(first.statistics == second.statistics)
    }

    @Test func differentSeedDifferentCommands() {
        #expect(Self.small(seed: 7).commands != Self.small(seed: 8).commands)
    }

    @Test func mixIsTheExchangeCoreOne() {
        let statistics = Self.small().statistics
        let total = Double(statistics.commands)
        #expect(statistics.commands == 30_000)
        #expect(abs(Double(statistics.gtcOrders) / total - 0.09) < 0.01)
        #expect(abs(Double(statistics.iocOrders) / total - 0.03) < 0.01)
        #expect(abs(Double(statistics.cancels) / total - 0.06) < 0.01)
        #expect(abs(Double(statistics.moves) / total - 0.82) < 0.01)
        #expect(abs(statistics.tradeRatio - 0.06) < 0.015)
        #expect((800...1_200).contains(Int(statistics.meanLiveOrders)))
        #expect((600...900).contains(Int(statistics.meanLevels)))
    }

    @Test func accountsAndTimeInForceAreAsSpecified() {
        let workload = Self.small()
        var owners = Set<UInt64>()
        for case .place(let order) in workload.warmUp + workload.commands {
            owners.insert(order.owner)
            #expect(order.type == .limit)
            #expect(order.timeInForce == .gtc || order.timeInForce == .ioc)
            #expect(order.selfTradePrevention == .none)
        }
        #expect(owners.count <= 1_000)
        #expect(owners.count > 900)
    }

    /// The real book must agree with the generator's model: same fills, same trading
    /// commands, same resting orders, nothing rejected.
    @Test func bookAgreesWithTheModel() {
        let workload = Self.small().workload
        var book = workload.makeBook()
        var events: [BookEvent] = []
        var ignored = MatchingCounts()
        let runner = MatchingRunner()
        runner.apply(workload.warmUp, to: &book, events: &events, counts: &ignored)
        #expect(ignored.rejected == 0)
        var counts = MatchingCounts()
        runner.apply(workload.commands, to: &book, events: &events, counts: &counts)
        counts.resting = book.orderCount
        let expectation = try! #require(workload.expectation)
        #expect(expectation.mismatch(in: counts) == nil)
    }
}
