import PerpetuaCore
import PerpetuaEngine
import PerpetuaWorkloads
import Testing

/// The engine benchmark's workload, run small and untimed: every command the generator
/// wrote must be accepted by the full engine, the pre-built cancels and amends must name
/// the orders the generator meant, and the engine must end sound.
@Suite struct EngineWorkloadTests {
    private static func small(commands: Int = 20_000, seed: UInt64 = 11) -> EngineWorkload {
        var configuration = ExchangeCoreWorkload.Configuration()
        configuration.warmUpCommands = 5_000
        return EngineWorkload(ExchangeCoreWorkload(commandCount: commands, seed: seed, configuration: configuration))
    }

    @Test func specAndPricesAreValid() {
        let workload = Self.small(commands: 2_000)
        #expect(workload.spec.problems().isEmpty)
        #expect(workload.problem == nil)
        #expect(workload.setup.count == 2 + workload.accounts)
        #expect(workload.totalPlaces >= workload.warmUpPlaces)
        // The ~750 levels sit well inside the ±5 % band around the index.
        #expect(workload.band.contains(workload.priceRange.lowerBound))
        #expect(workload.band.contains(workload.priceRange.upperBound))
    }

    @Test func engineAcceptsEveryCommandAndTrades() throws {
        let workload = Self.small()
        let (engine, counts) = EngineRunner().apply(workload)
        #expect(counts.setupRejected == 0)
        #expect(counts.warmUpRejected == 0)
        #expect(counts.rejected == 0)
        #expect(counts.idMismatches == 0)
        #expect(counts.commands == 20_000)
        #expect(counts.fills > 0)
        #expect(counts.tradeCommands > 0)
        #expect(counts.eventsPerCommand > 1)
        // The full engine matches exactly like the generator's model.
        #expect(EngineRunner.mismatch(counts, workload.expectation) == nil)
        try engine.checkInvariants()
        // Margin was really computed: somebody holds a position.
        let holders = engine.accountIds.filter { !engine.positions(account: $0).isEmpty }
        #expect(!holders.isEmpty)
    }
}
