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
/// connections: first the bare route, then a steady mix of signed post-only placements and
/// cancels (each connection alternates place and cancel, so the book stays small).
struct BenchAPICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api",
        abstract: "Signed REST order placement and cancel on loopback vs a bare route; last line is JSON."
    )

    @Option(help: "Concurrent connections (and in-flight requests).")
    var connections = 64

    @Option(help: "Seconds measured per phase.")
    var duration = 10

    @Option(help: "Seconds of warm-up before each phase.")
    var warmup = 2

    @Flag(name: .customLong("no-fsync"), help: "Turn journal fsync off (never the default).")
    var noFsync = false

    func validate() throws {
        guard (1...4096).contains(connections) else { throw ValidationError("--connections must be 1...4096") }
        guard duration > 0, warmup >= 0 else { throw ValidationError("--duration must be positive, --warmup not negative") }
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
        let transport = AsyncHTTPClientTransport(configuration: httpConfiguration)
        let client = PerpetuaClient(baseURL: base, credentials: .apiKey(key: key, secret: secret), transport: transport)

        let bare = try await measure(seconds: duration, warmup: warmup) { _ in
            let response = try await client.send(.get, "/bench/bare", auth: .none)
            guard response.status == 200 else { throw BenchFailure("bare route answered \(response.status)") }
        }
        print("bare: \(Int(bare.rate)) req/s")
        let orders = try await measure(seconds: duration, warmup: warmup) { worker in
            try await Self.placeOrCancel(client, worker: worker)
        }
        print("orders: \(Int(orders.rate)) req/s, p50 \(orders.p50Ms) ms, p99 \(orders.p99Ms) ms")

        try await client.shutdown()
        await group.triggerGracefulShutdown()
        _ = try? await server.value
        await gateway.shutdown()

        var line = JSONLine()
        line.add("benchmark", "api")
        line.add("connections", connections)
        line.add("durationSeconds", duration)
        line.add("fsync", !noFsync)
        line.add("orderRps", orders.rate, decimals: 0)
        line.add("bareRps", bare.rate, decimals: 0)
        line.add("orderToBareRatio", orders.rate / bare.rate, decimals: 3)
        line.add("p50Ms", orders.p50Ms, decimals: 3)
        line.add("p99Ms", orders.p99Ms, decimals: 3)
        line.add("bareP99Ms", bare.p99Ms, decimals: 3)
        line.add("errors", orders.errors + bare.errors)
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

    /// Runs `operation` (one request) on every connection in a loop; counts requests and
    /// their latencies in the measured window only.
    func measure(seconds: Int, warmup: Int, operation: @escaping @Sendable (BenchWorker) async throws -> Void) async throws -> Outcome {
        let clock = ContinuousClock()
        let measureFrom = clock.now + .seconds(warmup)
        let end = measureFrom + .seconds(seconds)
        let (latencies, errors) = try await withThrowingTaskGroup(of: ([Int64], Int).self) { group in
            for index in 0..<connections {
                group.addTask {
                    let worker = BenchWorker(index: index)
                    var latencies: [Int64] = []
                    var errors = 0
                    while clock.now < end {
                        let began = clock.now
                        do { try await operation(worker) } catch {
                            if errors == 0, index == 0 { print("first error: \(error)") }
                            errors += 1
                        }
                        worker.iteration += 1
                        let finished = clock.now
                        if began >= measureFrom, finished <= end {
                            let parts = (finished - began).components
                            latencies.append(parts.seconds * 1_000_000_000 + parts.attoseconds / 1_000_000_000)
                        }
                    }
                    return (latencies, errors)
                }
            }
            var all: [Int64] = []
            var errors = 0
            for try await (latencies, failed) in group {
                all += latencies
                errors += failed
            }
            return (all.sorted(), errors)
        }
        guard !latencies.isEmpty else { throw BenchFailure("no request completed") }
        func percentile(_ p: Double) -> Double { Double(latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]) / 1e6 }
        return Outcome(rate: Double(latencies.count) / Double(seconds), p50Ms: percentile(0.5), p99Ms: percentile(0.99), errors: errors)
    }
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
