import ArgumentParser
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import PerpetuaCore
import PerpetuaEngine
import PerpetuaJournal
import PerpetuaServer
import PerpetuaStore
import ServiceLifecycle
import Synchronization

/// `perpetua bench ws`: one `depth` stream delivered to many subscribers on loopback while
/// a steady order load moves the book (API.md §6, DESIGN.md's target: p99 under 10 ms with
/// 1,000 subscribers and no subscriber missing an update).
///
/// The server runs in this process (fresh data directory, fsync on unless `--no-fsync`);
/// orders go straight to the exchange at `--rate` per second (post-only placements and
/// cancels around the touch, and a crossing order every tenth, so that trades happen).
/// Each subscriber checks that every update's `prevSeq` is the `seq` before it and measures
/// the time from the update's engine timestamp (`data.time`) to its arrival, for every update
/// the engine made during the measured seconds, however late it arrives (the run waits up to
/// 60 s for every subscriber to reach the final `seq`). `messagesPerSec` is those updates,
/// delivered to all subscribers, per measured second. `firstArrivalP50Ms` (engine to the
/// first subscriber of an update) and `fanOutP50Ms`/`fanOutP99Ms` (its first subscriber to
/// its last) split the latency into the commit path and the fan-out.
struct BenchWebSocketCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ws",
        abstract: "Depth-stream delivery to many WebSocket subscribers on loopback; last line is JSON."
    )

    @Option(help: "WebSocket subscribers on the depth stream.")
    var subscribers = 1000

    @Option(help: "Orders per second submitted while measuring.")
    var rate = 100

    @Option(help: "Seconds measured.")
    var duration = 10

    @Option(help: "Seconds of load before measuring.")
    var warmup = 2

    @Flag(name: .customLong("no-fsync"), help: "Turn journal fsync off (never the default).")
    var noFsync = false

    func validate() throws {
        guard (1...20_000).contains(subscribers) else { throw ValidationError("--subscribers must be 1...20000") }
        guard (1...100_000).contains(rate) else { throw ValidationError("--rate must be 1...100000") }
        guard duration > 0, warmup >= 0 else { throw ValidationError("--duration must be positive, --warmup not negative") }
    }

    func run() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("perpetua-bench-ws-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var configuration = ServerConfiguration()
        configuration.dataDirectory = directory
        configuration.port = 0
        configuration.demo = false
        configuration.rateLimits.enabled = false
        configuration.adminToken = "bench"
        configuration.journal.fsync = !noFsync
        // Not swift-log's default handler: it formats metadata on every request.
        var logger = Logger(label: "bench") { TextLogHandler(label: $0) }
        logger.logLevel = .error
        let gateway = try await Gateway.start(configuration: configuration, logger: logger, environment: [:])
        let exchange = gateway.exchange
        let spec = DemoMode.benchmarkSymbol
        _ = try await exchange.submit(.addSymbol(spec))
        exchange.market.update(spec)
        _ = try await exchange.submit(.setIndexPrice(symbol: spec.symbol, price: try Price(parsing: "65000")))
        var accounts: [UInt64] = []
        for name in ["bench-maker", "bench-taker"] {
            let user = try await exchange.store.createUser(username: name, passwordHash: "-", nickname: nil, createdAt: exchange.now)
            _ = try await exchange.submit(.deposit(account: user.id, amount: try Amount(parsing: "1000000000")))
            accounts.append(user.id)
        }

        let port = Mutex<Int?>(nil)
        let app = gateway.makeApplication(onServerRunning: { channel in port.withLock { $0 = channel.localAddress?.port } })
        let group = ServiceGroup(services: [app], gracefulShutdownSignals: [], logger: logger)
        let server = Task { try await group.run() }
        while port.withLock({ $0 }) == nil { try await Task.sleep(for: .milliseconds(20)) }
        let url = "ws://127.0.0.1:\(port.withLock { $0! })/v1/ws/public"
        print("server on \(url), \(subscribers) subscribers, \(rate) orders/s, \(duration) s measured")

        // Subscribers.
        let stats = (0..<subscribers).map { _ in SubscriberStats() }
        let flags = BenchFlags()
        let host = "127.0.0.1", serverPort = port.withLock { $0! }
        let clients = Task {
            await withTaskGroup(of: Void.self) { tasks in
                for index in 0..<subscribers {
                    let stat = stats[index]
                    tasks.addTask {
                        do {
                            try await BenchDepthSubscriber.connect(
                                host: host, port: serverPort, path: "/v1/ws/public", stats: stat, flags: flags,
                                group: MultiThreadedEventLoopGroup.singleton)
                        } catch {
                            stat.failed.withLock { $0 = true }
                        }
                    }
                }
            }
        }
        let connectDeadline = ContinuousClock.now + .seconds(60)
        while flags.subscribed.load(ordering: .relaxed) < subscribers, ContinuousClock.now < connectDeadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        print("subscribed: \(flags.subscribed.load(ordering: .relaxed)), streams open: \(exchange.streams.connectionCount)")

        // Load.
        let clock = ContinuousClock()
        let interval = Duration.seconds(1) / rate
        let maker = accounts[0], taker = accounts[1]
        var open: [UInt64] = []
        var placed = 0
        var next = clock.now
        let measureFrom = clock.now + .seconds(warmup)
        let end = measureFrom + .seconds(duration)
        var measuredFrom: ContinuousClock.Instant?
        while clock.now < end {
            if measuredFrom == nil, clock.now >= measureFrom {
                flags.measureStart.store(Int64(Date().timeIntervalSince1970 * 1000), ordering: .relaxed)
                measuredFrom = clock.now
            }
            let command: EngineCommand
            if placed % 10 == 9 {
                command = .placeOrder(OrderRequest(
                    account: taker, symbol: "BTCUSDT", side: placed % 20 == 9 ? .buy : .sell, type: .market,
                    quantity: try Quantity(parsing: "0.002"), timeInForce: .ioc))
            } else if open.count > 40 || (placed % 3 == 2 && !open.isEmpty) {
                let id = open.removeFirst()
                command = .cancelOrder(account: maker, symbol: "BTCUSDT", order: .id(id))
            } else {
                let buy = placed % 2 == 0
                let offset = Int64(placed % 40) * 5
                let ticks = buy ? 649_900 - offset : 650_100 + offset
                command = .placeOrder(OrderRequest(
                    account: maker, symbol: "BTCUSDT", side: buy ? .buy : .sell, type: .limit,
                    quantity: try Quantity(parsing: "0.010"), price: Price(units: ticks * 10_000_000), timeInForce: .postOnly))
            }
            let committed = try await exchange.submit(command)
            if case .placeOrder(let request) = command, request.type == .limit, let id = committed.result.orderId, committed.result.error == nil {
                open.append(id)
            }
            placed += 1
            next += interval
            let now = clock.now
            if next > now { try await Task.sleep(until: next, clock: clock) } else if now - next > .seconds(1) { next = now }
        }
        flags.measureEnd.store(Int64(Date().timeIntervalSince1970 * 1000), ordering: .relaxed)
        let measuredSeconds = Double((clock.now - (measuredFrom ?? clock.now)).components.seconds)
            + Double((clock.now - (measuredFrom ?? clock.now)).components.attoseconds) / 1e18
        // Let everyone catch up with the last update, then compare with the book.
        let finalSeq = try await exchange.read { $0.market("BTCUSDT")!.depthSequence }
        let catchUp = ContinuousClock.now + .seconds(60)
        while stats.contains(where: { $0.lastSeq < Int64(finalSeq) && !$0.failed.withLock { $0 } }), ContinuousClock.now < catchUp {
            try await Task.sleep(for: .milliseconds(50))
        }
        flags.stop.store(true, ordering: .relaxed)

        var latencies: [Double] = []
        // Per update: when its first copy arrived, and when its last did.
        var firstArrival: [Int64: Double] = [:]
        var lastArrival: [Int64: Double] = [:]
        var received = 0
        var gaps = 0
        var behind = 0
        var failed = 0
        for stat in stats {
            let snapshot = stat.state.withLock { $0 }
            for sample in snapshot.samples {
                latencies.append(sample.latency)
                firstArrival[sample.seq] = min(firstArrival[sample.seq] ?? .infinity, sample.latency)
                lastArrival[sample.seq] = max(lastArrival[sample.seq] ?? -.infinity, sample.latency)
            }
            received += snapshot.samples.count
            gaps += snapshot.gaps
            if snapshot.lastSeq < Int64(finalSeq) { behind += 1 }
            if stat.failed.withLock({ $0 }) { failed += 1 }
        }
        latencies.sort()
        let firsts = firstArrival.values.sorted()
        let spreads = firstArrival.map { lastArrival[$0.key]! - $0.value }.sorted()
        func percentile(_ p: Double, of values: [Double]) -> Double {
            values.isEmpty ? .nan : values[min(values.count - 1, Int(Double(values.count) * p))]
        }
        func percentile(_ p: Double) -> Double { percentile(p, of: latencies) }
        print("orders: \(placed), book seq \(finalSeq), messages: \(received), gaps: \(gaps), behind: \(behind), failed: \(failed)")

        clients.cancel()
        await group.triggerGracefulShutdown()
        _ = try? await server.value
        await gateway.shutdown()

        var line = JSONLine()
        line.add("benchmark", "ws")
        line.add("subscribers", subscribers)
        line.add("ordersPerSec", rate)
        line.add("durationSeconds", duration)
        line.add("fsync", !noFsync)
        line.add("messagesPerSec", Double(received) / max(measuredSeconds, 0.001), decimals: 0)
        line.add("p50Ms", percentile(0.5), decimals: 3)
        line.add("p99Ms", percentile(0.99), decimals: 3)
        line.add("maxMs", latencies.last ?? .nan, decimals: 3)
        // Where the time goes: an update's first copy arrives after the commit path (and any
        // earlier update's fan-out still going on); its last after the fan-out to everyone.
        line.add("firstArrivalP50Ms", percentile(0.5, of: firsts), decimals: 3)
        line.add("fanOutP50Ms", percentile(0.5, of: spreads), decimals: 3)
        line.add("fanOutP99Ms", percentile(0.99, of: spreads), decimals: 3)
        line.add("bookSeq", finalSeq)
        line.add("gaps", gaps)
        line.add("subscribersBehind", behind)
        line.add("subscribersFailed", failed)
        line.add("missedUpdates", gaps > 0 || behind > 0 || failed > 0)
        print(line.text)
    }
}

/// Flags shared between the load and the subscribers.
final class BenchFlags: Sendable {
    /// The measured window on the engine's clock (wall ms): updates the engine made in it
    /// are measured, whenever they arrive.
    let measureStart = Atomic<Int64>(.max)
    let measureEnd = Atomic<Int64>(.max)
    var window: ClosedRange<Int64>? {
        let start = measureStart.load(ordering: .relaxed), end = measureEnd.load(ordering: .relaxed)
        return start == .max ? nil : start...end
    }
    let stop = Atomic<Bool>(false)
    let subscribed = Atomic<Int>(0)
}

/// One subscriber's counters (its reading task writes, the report reads at the end).
final class SubscriberStats: Sendable {
    struct State: Sendable {
        var lastSeq: Int64 = -1
        var gaps = 0
        /// Each measured update's `seq` and its latency in ms.
        var samples: [(seq: Int64, latency: Double)] = []
    }

    let state = Mutex(State())
    let failed = Mutex(false)
    var lastSeq: Int64 { state.withLock { $0.lastSeq } }

    /// Reads `seq`, `prevSeq` and `time` of a depth message without a JSON decoder, over
    /// the UTF-8 bytes: the subscribers share the two cores with the server, and a
    /// `String.range(of:)` search (Foundation) per field took a third of the CPU at 1,000
    /// subscribers.
    func receive(_ raw: UnsafeRawBufferPointer, window: ClosedRange<Int64>?) {
        let arrived = Date().timeIntervalSince1970 * 1000
        let bytes = raw.assumingMemoryBound(to: UInt8.self)
        guard Self.hasPrefix(Self.depthPrefix, bytes),
              let seq = Self.integer(after: Self.seqMarker, in: bytes),
              let prevSeq = Self.integer(after: Self.prevSeqMarker, in: bytes),
              let time = Self.integer(after: Self.timeMarker, in: bytes, fromEnd: true) else { return }
        state.withLock { state in
            if prevSeq != -1, prevSeq != state.lastSeq { state.gaps += 1 }
            state.lastSeq = seq
            if let window, window.contains(time), prevSeq != -1 {
                state.samples.append((seq, arrived - Double(time)))
            }
        }
    }

    static let depthPrefix = Array(#"{"channel":"depth""#.utf8)
    static let seqMarker = Array(#""seq":"#.utf8)
    static let prevSeqMarker = Array(#""prevSeq":"#.utf8)
    static let timeMarker = Array(#""time":"#.utf8)

    static func hasPrefix(_ prefix: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count >= prefix.count && prefix.indices.allSatisfy { bytes[$0] == prefix[$0] }
    }

    /// The integer right after the first (or, `fromEnd`, the last) occurrence of `marker`, or
    /// `nil`. `time` is the last field of a depth message, after the levels: searching from
    /// the end finds it at once.
    static func integer(after marker: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, fromEnd: Bool = false) -> Int64? {
        guard bytes.count >= marker.count else { return nil }
        var start = fromEnd ? bytes.count - marker.count : 0
        search: while start >= 0 && start <= bytes.count - marker.count {
            for offset in marker.indices where bytes[start + offset] != marker[offset] {
                start += fromEnd ? -1 : 1
                continue search
            }
            var index = start + marker.count
            let negative = index < bytes.count && bytes[index] == UInt8(ascii: "-")
            if negative { index += 1 }
            var value: Int64 = 0
            var digits = 0
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                value = value * 10 + Int64(bytes[index] - UInt8(ascii: "0"))
                index += 1
                digits += 1
            }
            return digits == 0 ? nil : (negative ? -value : value)
        }
        return nil
    }
}
