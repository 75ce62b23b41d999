import ArgumentParser
import PerpetuaCore
import PerpetuaWorkloads

/// `perpetua bench engine`: the full engine (validation, risk and margin checks, fees,
/// positions, events) on the exchange-core mix of DESIGN.md.
///
/// One BTCUSDT-like symbol with an index price of 50,000, `--accounts` accounts funded with
/// 1,000,000 USDT each, and the exchange-core generator's commands as engine commands.
/// Runs a throughput pass and a latency pass over fresh engines and prints one JSON object
/// last. A run with any refused command, an order id the pre-built commands did not
/// predict, or counts that differ from the generator's model exits with status 1.
struct BenchEngineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine",
        abstract: "Benchmark the full engine (risk checks, events) on the exchange-core mix.",
        discussion: """
            Example:
              perpetua bench engine --workload exchange-core --accounts 1000 --commands 2000000
            """
    )

    /// The built-in workloads.
    enum Workload: String, ExpressibleByArgument, CaseIterable {
        case exchangeCore = "exchange-core"
    }

    @Option(help: "The workload to run.")
    var workload: Workload = .exchangeCore

    @Option(help: ArgumentHelp("Accounts the orders are spread over.", valueName: "n"))
    var accounts = 1_000

    @Option(help: ArgumentHelp("Measured commands, after the warm-up.", valueName: "n"))
    var commands = 1_000_000

    @Option(name: .customLong("warm-up"), help: ArgumentHelp("Untimed mixed commands before the measured ones.", valueName: "n"))
    var warmUp = 100_000

    @Option(help: "The generator's seed.")
    var seed: UInt64 = 1

    func validate() throws {
        if accounts < 1 { throw ValidationError("--accounts must be at least 1, got \(accounts).") }
        if commands < 1 { throw ValidationError("--commands must be at least 1, got \(commands).") }
        if warmUp < 0 { throw ValidationError("--warm-up must not be negative.") }
    }

    func run() throws {
        let started = MonotonicClock.nanoseconds()
        var configuration = ExchangeCoreWorkload.Configuration()
        configuration.accounts = accounts
        configuration.warmUpCommands = warmUp
        let generated = ExchangeCoreWorkload(commandCount: commands, seed: seed, configuration: configuration)
        let prepared = EngineWorkload(generated)
        let statistics = generated.statistics
        print(
            "exchange-core: \(prepared.setup.count) setup + \(prepared.warmUp.count) warm-up + \(commands) commands "
                + "generated in \(milliseconds(since: started)) ms (seed \(seed)), \(accounts) accounts"
        )
        print(
            "exchange-core model: mean \(TextFormat.fixed(statistics.meanLiveOrders, 1)) live orders over "
                + "\(TextFormat.fixed(statistics.meanLevels, 1)) levels; mix GTC \(TextFormat.percent(statistics.gtcOrders, commands)) "
                + "IOC \(TextFormat.percent(statistics.iocOrders, commands)) cancel \(TextFormat.percent(statistics.cancels, commands)) "
                + "move \(TextFormat.percent(statistics.moves, commands)); trading \(TextFormat.percent(statistics.tradeCommands, commands))"
        )
        let tick = prepared.spec.tickSize
        print(
            "symbol \(prepared.spec.symbol): index \(prepared.indexPrice), prices \(price(prepared.priceRange.lowerBound, tick))"
                + "...\(price(prepared.priceRange.upperBound, tick)) within the band \(price(prepared.band.lowerBound, tick))"
                + "...\(price(prepared.band.upperBound, tick)); each account deposits \(prepared.deposit) USDT"
        )
        let report = EngineRunner().run(prepared)
        let counts = report.counts
        let latency = report.latency
        print(
            "throughput: \(counts.commands) commands in \(TextFormat.fixed(Double(report.elapsedNs) / 1e6, 1)) ms = "
                + "\(TextFormat.fixed(report.opsPerSec / 1e6, 3)) M/s"
        )
        print(
            "latency: p50 \(latency.p50Ns) ns, p90 \(latency.p90Ns) ns, p99 \(latency.p99Ns) ns, "
                + "p99.9 \(latency.p999Ns) ns, max \(latency.maxNs) ns (clock reads included)"
        )
        print(
            "engine: \(counts.fills) fills, \(counts.tradeCommands) trading commands "
                + "(\(TextFormat.percent(counts.tradeCommands, counts.commands))), \(counts.resting) resting over "
                + "\(counts.bidLevels) bid + \(counts.askLevels) ask levels, \(TextFormat.fixed(counts.eventsPerCommand, 2)) events/command"
        )
        print(
            "rejections: \(counts.rejected) measured, \(counts.warmUpRejected) warm-up, \(counts.setupRejected) setup; "
                + "\(counts.idMismatches) order ids differing from the generator's"
        )

        var json = JSONLine()
        json.add("workload", workload.rawValue)
        json.add("commands", counts.commands)
        json.add("warmUpCommands", prepared.warmUp.count)
        json.add("seed", seed)
        json.add("accounts", accounts)
        json.add("symbol", prepared.spec.symbol)
        json.add("fills", counts.fills)
        json.add("resting", counts.resting)
        json.add("tradeCommands", counts.tradeCommands)
        json.add("tradeRatio", counts.tradeRatio, decimals: 4)
        json.add("rejected", counts.rejected)
        json.add("warmUpRejected", counts.warmUpRejected)
        json.add("idMismatches", counts.idMismatches)
        json.add("bidLevels", counts.bidLevels)
        json.add("askLevels", counts.askLevels)
        json.add("events", counts.events)
        json.add("eventsPerCommand", counts.eventsPerCommand, decimals: 3)
        json.add("opsPerSec", report.opsPerSec, decimals: 0)
        json.add("elapsedMs", Double(report.elapsedNs) / 1e6, decimals: 2)
        json.add("p50Ns", latency.p50Ns)
        json.add("p90Ns", latency.p90Ns)
        json.add("p99Ns", latency.p99Ns)
        json.add("p999Ns", latency.p999Ns)
        json.add("maxNs", latency.maxNs)
        json.add("meanNs", latency.meanNs, decimals: 1)
        json.add("gate", report.failure == nil ? "pass" : "fail")
        if let failure = report.failure {
            StandardError.line("perpetua bench engine: correctness gate failed: \(failure)")
        } else {
            print("gate: counts match \(report.gateSource), nothing refused")
        }
        print(json.text)
        if report.failure != nil { throw ExitCode.failure }
    }

    private func milliseconds(since start: UInt64) -> String {
        TextFormat.fixed(Double(MonotonicClock.nanoseconds() &- start) / 1e6, 0)
    }

    private func price(_ ticks: Int64, _ tick: Price) -> String {
        Price(units: ticks * tick.units).description
    }
}
