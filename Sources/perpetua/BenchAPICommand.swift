import ArgumentParser
import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import PerpetuaClient
import PerpetuaCore
import PerpetuaEngine
import PerpetuaJournal
import PerpetuaServer
import PerpetuaStore
import ServiceLifecycle
import Synchronization

/// `perpetua bench api`: signed REST order placement against the server, next to a bare
/// Hummingbird route served by the same process (DESIGN.md: order placement at least half
/// of the framework's own requests/s).
///
/// Starts the server in this process on a loopback port with a fresh data directory (fsync
/// on, rate limits off), then drives it with `PerpetuaClient` over `--connections` HTTP/1.1
/// connections: the bare route, and a steady mix of signed post-only placements and
/// cancels (each connection alternates place and cancel, so the book stays small).
///
/// The two are measured in alternating slices (`--slices` of each, `--duration` seconds
/// in all per route), not one after the other: this VM's speed drifts by a sixth within
/// minutes, and a ratio of two phases run ten seconds apart moved with it.
///
/// Those phases keep every connection busy, so their latencies are mostly queueing: with
/// 64 requests always in flight the mean latency is 64 divided by the rate (Little's law).
/// A last phase therefore sends orders open-loop, at a fixed rate (`--open-loop-rate`, by
/// default half the measured order rate), and times each from the moment it was due, so
/// a request held up behind a slow one still counts its wait (no coordinated omission).
struct BenchAPICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api",
        abstract: "Signed REST order placement and cancel on loopback vs a bare route; last line is JSON."
    )

    @Option(help: "Concurrent connections (and in-flight requests).")
    var connections = 64

    @Option(help: "Seconds measured per phase.")
    var duration = 10

    @Option(help: "Seconds of warm-up of each route before the first slice.")
    var warmup = 2

    @Option(help: "Alternating measured slices of each route (the duration is split between them).")
    var slices = 4

    @Option(help: "Orders per second of the open-loop latency phase (default: half the measured order rate; 0 skips it).")
    var openLoopRate: Int?

    @Flag(name: .customLong("no-fsync"), help: "Turn journal fsync off (never the default).")
    var noFsync = false

    func validate() throws {
        guard (1...4096).contains(connections) else { throw ValidationError("--connections must be 1...4096") }
        guard duration > 0, warmup >= 0 else { throw ValidationError("--duration must be positive, --warmup not negative") }
        guard (1...100).contains(slices) else { throw ValidationError("--slices must be 1...100") }
        if let openLoopRate, openLoopRate < 0 { throw ValidationError("--open-loop-rate must not be negative") }
    }

    func run() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("perpetua-bench-api-\(UUID().uuidString)").path
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
        let (userId, key, secret) = try await Self.seed(gateway)

        let port = Mutex<Int?>(nil)
        let app = gateway.makeApplication(
            prelude: { router in router.get("/bench/bare") { _, _ in "ok" } },
            onServerRunning: { channel in port.withLock { $0 = channel.localAddress?.port } })
        let group = ServiceGroup(services: [app], gracefulShutdownSignals: [], logger: logger)
        let server = Task { try await group.run() }
        while port.withLock({ $0 }) == nil { try await Task.sleep(for: .milliseconds(20)) }
        let base = "http://127.0.0.1:\(port.withLock { $0! })"
        print("server on \(base), user \(userId), \(connections) connections, \(duration) s per phase")

        var httpConfiguration = HTTPClient.Configuration()
        httpConfiguration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: connections)
        // A load tool does not trace: spans cost the generator CPU the server shares.
        httpConfiguration.tracing.tracer = nil
        let transport = AsyncHTTPClientTransport(configuration: httpConfiguration)
        let client = PerpetuaClient(baseURL: base, credentials: .apiKey(key: key, secret: secret), transport: transport)

        let bareRequest: @Sendable (BenchWorker) async throws -> Void = { _ in
            let response = try await client.send(.get, "/bench/bare", auth: .none)
            guard response.status == 200 else { throw BenchFailure("bare route answered \(response.status)") }
        }
        let orderRequest: @Sendable (BenchWorker) async throws -> Void = { worker in
            try await Self.placeOrCancel(client, worker: worker)
        }
        // Each worker keeps its state (its open order) from one slice to the next.
        let workers = (0..<connections).map { BenchWorker(index: $0) }
        var bare = Samples(), orders = Samples()
        // Warm-up requests are not timed, but their errors count.
        bare.errors += try await measure(workers, for: .seconds(warmup), operation: bareRequest).errors
        orders.errors += try await measure(workers, for: .seconds(warmup), operation: orderRequest).errors
        let slice = Duration.seconds(duration) / slices
        for _ in 0..<slices {
            bare.add(try await measure(workers, for: slice, operation: bareRequest))
            orders.add(try await measure(workers, for: slice, operation: orderRequest))
        }
        let bareOutcome = try bare.outcome(seconds: duration), orderOutcome = try orders.outcome(seconds: duration)
        print("bare: \(Int(bareOutcome.rate)) req/s, p99 \(bareOutcome.p99Ms) ms")
        print("orders: \(Int(orderOutcome.rate)) req/s, p50 \(orderOutcome.p50Ms) ms, p99 \(orderOutcome.p99Ms) ms")
        let rate = openLoopRate ?? Int(orderOutcome.rate / 2)
        var openLoop: Outcome?
        if rate > 0 {
            var samples = Samples()
            samples.add(try await openLoopOrders(workers, rate: rate, for: .seconds(duration), client: client))
            let outcome = try samples.outcome(seconds: duration)
            print("orders open-loop at \(rate)/s: p50 \(outcome.p50Ms) ms, p99 \(outcome.p99Ms) ms")
            openLoop = outcome
        }

        try await client.shutdown()
        await group.triggerGracefulShutdown()
        _ = try? await server.value
        await gateway.shutdown()

        var line = JSONLine()
        line.add("benchmark", "api")
        line.add("connections", connections)
        line.add("durationSeconds", duration)
        line.add("fsync", !noFsync)
        line.add("slices", slices)
        line.add("orderRps", orderOutcome.rate, decimals: 0)
        line.add("bareRps", bareOutcome.rate, decimals: 0)
        line.add("orderToBareRatio", orderOutcome.rate / bareOutcome.rate, decimals: 3)
        line.add("p50Ms", orderOutcome.p50Ms, decimals: 3)
        line.add("p99Ms", orderOutcome.p99Ms, decimals: 3)
        line.add("bareP99Ms", bareOutcome.p99Ms, decimals: 3)
        if let openLoop {
            line.add("openLoopRps", rate)
            line.add("openLoopP50Ms", openLoop.p50Ms, decimals: 3)
            line.add("openLoopP99Ms", openLoop.p99Ms, decimals: 3)
        }
        line.add("errors", orderOutcome.errors + bareOutcome.errors + (openLoop?.errors ?? 0))
        print(line.text)
    }

    /// BTCUSDT with an index price, and a funded user with a READ+TRADE key.
    static func seed(_ gateway: Gateway) async throws -> (UInt64, String, String) {
        let exchange = gateway.exchange
        let spec = DemoMode.benchmarkSymbol
        _ = try await exchange.submit(.addSymbol(spec))
        exchange.market.update(spec)
        _ = try await exchange.submit(.setIndexPrice(symbol: spec.symbol, price: try Price(parsing: "65000")))
        let user = try await exchange.store.createUser(username: "bench", passwordHash: "-", nickname: nil, createdAt: exchange.now)
        _ = try await exchange.submit(.deposit(account: user.id, amount: try Amount(parsing: "100000000")))
        let key = "pk_bench", secret = "bench-secret-0123456789"
        try await exchange.store.createApiKey(ApiKeyRecord(
            apiKey: key, userId: user.id, label: "bench", permissions: ["READ", "TRADE"], ipWhitelist: ["127.0.0.1"],
            encryptedSecret: try gateway.secretBox.seal(secret), createdAt: exchange.now, expiresAt: nil))
        return (user.id, key, secret)
    }

    /// Alternately places a post-only buy below the market and cancels it by its client
    /// order id: one signed order request per call. The load generator uses the client's
    /// signed `send` and checks the status, as a load tool does, rather than decoding every
    /// order: its own JSON work would otherwise share the two cores with the server's.
    static func placeOrCancel(_ client: PerpetuaClient, worker: BenchWorker) async throws {
        let response: RawResponse
        if let open = worker.openOrderId {
            worker.openOrderId = nil
            let body = #"{"symbol":"BTCUSDT","clientOrderId":"\#(open)"}"#
            response = try await client.send(.post, "/v1/private/order/cancel", body: Data(body.utf8), auth: .credentials)
        } else {
            let price = String(63_000 + (worker.index * 7 + worker.iteration) % 500) + ".0"
            let clientId = "b\(worker.index)-\(worker.iteration)"
            let body = #"{"symbol":"BTCUSDT","side":"BUY","type":"LIMIT","quantity":"0.001","price":"\#(price)","timeInForce":"POST_ONLY","clientOrderId":"\#(clientId)"}"#
            response = try await client.send(.post, "/v1/private/order/place", body: Data(body.utf8), auth: .credentials)
            if response.status == 200 { worker.openOrderId = clientId }
        }
        guard response.status == 200 else {
            throw BenchFailure("HTTP \(response.status): \(String(decoding: response.body, as: UTF8.self))")
        }
    }

    struct Outcome {
        var rate: Double
        var p50Ms: Double
        var p99Ms: Double
        var errors: Int
    }

    /// The latencies (ns) and errors of one route's slices.
    struct Samples {
        var latencies: [Int64] = []
        var errors = 0

        mutating func add(_ slice: (latencies: [Int64], errors: Int)) {
            latencies += slice.latencies
            errors += slice.errors
        }

        /// Requests per second over `seconds` measured in all, and the percentiles.
        func outcome(seconds: Int) throws -> Outcome {
            guard !latencies.isEmpty else { throw BenchFailure("no request completed") }
            let sorted = latencies.sorted()
            func percentile(_ p: Double) -> Double { Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]) / 1e6 }
            return Outcome(rate: Double(sorted.count) / Double(seconds), p50Ms: percentile(0.5), p99Ms: percentile(0.99), errors: errors)
        }
    }

    /// Runs `operation` (one request) on every worker's connection in a loop for `length`;
    /// returns the latencies of the requests that began and ended inside it, and the errors.
    func measure(
        _ workers: [BenchWorker], for length: Duration, operation: @escaping @Sendable (BenchWorker) async throws -> Void
    ) async throws -> (latencies: [Int64], errors: Int) {
        let clock = ContinuousClock()
        let end = clock.now + length
        return try await Self.onEveryWorker(workers) { worker, tally in
            while clock.now < end {
                let began = clock.now
                await tally.attempt(worker, operation)
                let finished = clock.now
                if finished <= end { tally.record(finished - began) }
            }
        }
    }

    /// Sends order requests at `rate` per second for `length`: request `i` is due at
    /// `start + i / rate`; the first free worker takes the next one, waits until it is due,
    /// sends it, and records its latency from the due time. Requests not yet sent when the
    /// phase ends are not sent.
    func openLoopOrders(
        _ workers: [BenchWorker], rate: Int, for length: Duration, client: PerpetuaClient
    ) async throws -> (latencies: [Int64], errors: Int) {
        let clock = ContinuousClock()
        let start = clock.now + .milliseconds(10)
        let end = start + length
        let interval = Duration.seconds(1) / rate
        let next = BenchCounter()
        return try await Self.onEveryWorker(workers) { worker, tally in
            while true {
                let due = start + interval * next.take()
                guard due < end else { break }
                if clock.now < due { try await clock.sleep(until: due, tolerance: .zero) }
                await tally.attempt(worker) { try await Self.placeOrCancel(client, worker: $0) }
                tally.record(clock.now - due)
            }
        }
    }

    /// Runs `loop` for every worker at once and gathers what their tallies recorded.
    static func onEveryWorker(
        _ workers: [BenchWorker], _ loop: @escaping @Sendable (BenchWorker, inout BenchTally) async throws -> Void
    ) async throws -> (latencies: [Int64], errors: Int) {
        try await withThrowingTaskGroup(of: BenchTally.self) { group in
            for worker in workers {
                group.addTask {
                    var tally = BenchTally()
                    try await loop(worker, &tally)
                    return tally
                }
            }
            var all: [Int64] = []
            var errors = 0
            for try await tally in group {
                all += tally.latencies
                errors += tally.errors
            }
            return (all, errors)
        }
    }
}

/// One worker's latencies (ns) and errors in a phase.
struct BenchTally: Sendable {
    var latencies: [Int64] = []
    var errors = 0

    /// Sends one request; a failure is counted (the first one of worker 0 printed), not thrown.
    mutating func attempt(_ worker: BenchWorker, _ operation: @Sendable (BenchWorker) async throws -> Void) async {
        do { try await operation(worker) } catch {
            if errors == 0, worker.index == 0 { print("first error: \(error)") }
            errors += 1
        }
        worker.iteration += 1
    }

    mutating func record(_ latency: Duration) {
        let parts = latency.components
        latencies.append(parts.seconds * 1_000_000_000 + parts.attoseconds / 1_000_000_000)
    }
}

/// The open-loop phase's next request number, shared by the workers.
final class BenchCounter: Sendable {
    private let value = Atomic<Int>(0)

    /// The next number (0, 1, 2, ...).
    func take() -> Int { value.add(1, ordering: .relaxed).oldValue }
}

/// One connection's loop state (confined to its task).
final class BenchWorker: @unchecked Sendable {
    let index: Int
    var iteration = 0
    var openOrderId: String?

    init(index: Int) { self.index = index }
}

struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
