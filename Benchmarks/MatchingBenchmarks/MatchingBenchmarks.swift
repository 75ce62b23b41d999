import Benchmark
import PerpetuaEngine
import PerpetuaWorkloads

// The matching-core benchmarks of DESIGN.md as `perpetua bench matching` runs them, but
// under package-benchmark's statistics, baselines and allocation counting. Each iteration
// applies a whole prepared workload to a fresh book that was built and warmed up outside
// the measurement, with the same per-command work as the CLI (top-5 depth read
// included), so `mallocCountTotal` shows whether the book allocates while matching. The
// correctness gate is checked after every iteration: a wrong book cannot post a number
// here either.

/// Orders in the Liquibook run: a size DESIGN.md publishes counts for.
let liquibookOrders = 1_000_000
/// Measured commands in the exchange-core run.
let exchangeCoreCommands = 1_000_000

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(20),
        maxIterations: 20
    )

    let liquibook = LiquibookWorkload.workload(orderCount: liquibookOrders)
    Benchmark("Liquibook insert, \(liquibookOrders) orders") { benchmark in
        measure(liquibook, benchmark)
    }

    let exchangeCore = ExchangeCoreWorkload(commandCount: exchangeCoreCommands).workload
    Benchmark("exchange-core mix, \(exchangeCoreCommands) commands") { benchmark in
        measure(exchangeCore, benchmark)
    }
}

/// One iteration: a fresh book, the warm-up, then only the measured commands inside the
/// measurement, then the gate.
func measure(_ workload: MatchingWorkload, _ benchmark: Benchmark) {
    let runner = MatchingRunner()
    var book = workload.makeBook()
    var events: [BookEvent] = []
    events.reserveCapacity(256)
    var warmUpCounts = MatchingCounts()
    runner.apply(workload.warmUp, to: &book, events: &events, counts: &warmUpCounts)
    var counts = MatchingCounts()
    benchmark.startMeasurement()
    runner.apply(workload.commands, to: &book, events: &events, counts: &counts)
    benchmark.stopMeasurement()
    counts.resting = book.orderCount
    if let mismatch = workload.expectation?.mismatch(in: counts) {
        fatalError("\(workload.name): correctness gate failed: \(mismatch)")
    }
    blackHole(counts)
}
