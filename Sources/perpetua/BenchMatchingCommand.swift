import ArgumentParser
import PerpetuaWorkloads

/// `perpetua bench matching`: the matching core alone (one ``OrderBook``, no risk, no
/// journal) on the Liquibook insert workload or the exchange-core mix of DESIGN.md.
///
/// Runs a throughput pass and a latency pass over fresh books and prints one JSON object
/// last. A run whose counts differ from the workload's known ones (DESIGN.md's for
/// Liquibook at 1M and 5M orders, the generator's model for exchange-core) exits with
/// status 1: a fast but wrong book must not post a number.
struct BenchMatchingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matching",
        abstract: "Benchmark the order book on the Liquibook or exchange-core workload.",
        discussion: """
            Examples:
              perpetua bench matching --workload liquibook --orders 5000000
              perpetua bench matching --workload exchange-core --commands 5000000
            """
    )

    /// The built-in workloads.
    enum Workload: String, ExpressibleByArgument, CaseIterable {
        case liquibook
        case exchangeCore = "exchange-core"
    }

    @Option(help: "The workload to run.")
    var workload: Workload = .liquibook

    @Option(help: ArgumentHelp("liquibook: orders to insert (gated at 1000000 and 5000000).", valueName: "n"))
    var orders: Int?

    @Option(help: ArgumentHelp("exchange-core: measured commands, after the warm-up.", valueName: "n"))
    var commands: Int?

    @Option(help: "exchange-core: the generator's seed.")
    var seed: UInt64 = 1

    @Option(name: .customLong("depth-levels"), help: "Levels per side read after every command.")
    var depthLevels = 5

    func validate() throws {
        switch workload {
        case .liquibook:
            if commands != nil {
                throw ValidationError("--commands applies to the exchange-core workload; use --orders for liquibook.")
            }
        case .exchangeCore:
            if orders != nil {
                throw ValidationError("--orders applies to the liquibook workload; use --commands for exchange-core.")
            }
        }
        if let orders, orders < 1 { throw ValidationError("--orders must be at least 1, got \(orders).") }
        if let commands, commands < 1 { throw ValidationError("--commands must be at least 1, got \(commands).") }
        if depthLevels < 0 { throw ValidationError("--depth-levels must not be negative.") }
    }

    func run() throws {
        let runner = MatchingRunner(depthLevels: depthLevels)
        var json = JSONLine()
        json.add("workload", workload.rawValue)
        let report: MatchingReport
        switch workload {
        case .liquibook:
            let count = orders ?? 1_000_000
            let started = MonotonicClock.nanoseconds()
            let prepared = LiquibookWorkload.workload(orderCount: count)
            print("liquibook: \(count) orders generated in \(Self.milliseconds(since: started)) ms")
            report = runner.run(prepared)
            json.add("orders", count)
        case .exchangeCore:
            let count = commands ?? 1_000_000
            let started = MonotonicClock.nanoseconds()
            let generated = ExchangeCoreWorkload(commandCount: count, seed: seed)
            let statistics = generated.statistics
            print(
                "exchange-core: \(generated.warmUp.count) warm-up + \(count) commands generated in "
                    + "\(Self.milliseconds(since: started)) ms (seed \(seed))"
            )
            print(
                "exchange-core model: mean \(Self.format(statistics.meanLiveOrders, 1)) live orders "
                    + "(\(statistics.minLiveOrders)...\(statistics.maxLiveOrders)) over "
                    + "\(Self.format(statistics.meanLevels, 1)) levels; mix GTC \(Self.percent(statistics.gtcOrders, count)) "
                    + "IOC \(Self.percent(statistics.iocOrders, count)) cancel \(Self.percent(statistics.cancels, count)) "
                    + "move \(Self.percent(statistics.moves, count)); trading \(Self.percent(statistics.tradeCommands, count))"
            )
            report = runner.run(generated.workload)
            json.add("commands", count)
            json.add("warmUpCommands", generated.warmUp.count)
            json.add("seed", seed)
            json.add("accounts", generated.configuration.accounts)
            json.add("meanLiveOrders", statistics.meanLiveOrders, decimals: 1)
            json.add("meanLevels", statistics.meanLevels, decimals: 1)
            var mix = JSONLine()
            mix.add("gtc", Double(statistics.gtcOrders) / Double(count), decimals: 4)
            mix.add("ioc", Double(statistics.iocOrders) / Double(count), decimals: 4)
            mix.add("cancel", Double(statistics.cancels) / Double(count), decimals: 4)
            mix.add("move", Double(statistics.moves) / Double(count), decimals: 4)
            json.add("mix", mix)
        }
        let counts = report.counts
        let latency = report.latency
        print(
            "throughput: \(counts.commands) commands in \(Self.format(Double(report.elapsedNs) / 1e6, 1)) ms = "
                + "\(Self.format(report.opsPerSec / 1e6, 2)) M/s"
        )
        print(
            "latency: p50 \(latency.p50Ns) ns, p90 \(latency.p90Ns) ns, p99 \(latency.p99Ns) ns, "
                + "p99.9 \(latency.p999Ns) ns, max \(latency.maxNs) ns (clock reads included)"
        )
        print(
            "book: \(counts.fills) fills, \(counts.tradeCommands) trading commands "
                + "(\(Self.percent(counts.tradeCommands, counts.commands))), \(counts.resting) resting over "
                + "\(counts.bidLevels) bid + \(counts.askLevels) ask levels, \(counts.rejected) rejected"
        )
        json.add("fills", counts.fills)
        json.add("resting", counts.resting)
        json.add("tradeCommands", counts.tradeCommands)
        json.add("tradeRatio", counts.tradeRatio, decimals: 4)
        json.add("rejected", counts.rejected)
        json.add("bidLevels", counts.bidLevels)
        json.add("askLevels", counts.askLevels)
        json.add("depthLevelsRead", depthLevels)
        json.add("checksum", "0x" + String(counts.depthChecksum, radix: 16))
        json.add("opsPerSec", report.opsPerSec, decimals: 0)
        json.add("elapsedMs", Double(report.elapsedNs) / 1e6, decimals: 2)
        json.add("p50Ns", latency.p50Ns)
        json.add("p90Ns", latency.p90Ns)
        json.add("p99Ns", latency.p99Ns)
        json.add("p999Ns", latency.p999Ns)
        json.add("maxNs", latency.maxNs)
        json.add("meanNs", latency.meanNs, decimals: 1)
        json.add("gate", report.failure != nil ? "fail" : (report.gateSource != nil ? "pass" : "none"))
        if let failure = report.failure {
            StandardError.line("perpetua bench matching: correctness gate failed: \(failure)")
        } else if let source = report.gateSource {
            print("gate: counts match \(source)")
        } else {
            print("gate: no published counts for this size (1000000 and 5000000 are gated)")
        }
        print(json.text)
        if report.failure != nil { throw ExitCode.failure }
    }

    private static func milliseconds(since start: UInt64) -> String {
        format(Double(MonotonicClock.nanoseconds() &- start) / 1e6, 0)
    }

    private static func percent(_ part: Int, _ whole: Int) -> String { TextFormat.percent(part, whole) }

    private static func format(_ value: Double, _ decimals: Int) -> String { TextFormat.fixed(value, decimals) }
}
