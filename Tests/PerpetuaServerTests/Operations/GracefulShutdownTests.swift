import Foundation
import Logging
import NIOCore
import PerpetuaCore
import PerpetuaEngine
import PerpetuaJournal
import PerpetuaClient
import PerpetuaServer
import ServiceLifecycle
import Synchronization
import Testing

/// The shutdown `perpetua serve` runs on SIGTERM, in process: the application and a
/// ``DrainService`` in one service group; graceful shutdown drains, the gateway flushes and
/// snapshots, and a gateway opened again on the same directory has every acknowledged order.
/// (scripts/sigterm-test.py does the same to the real binary with a real SIGTERM.)
@Suite("Graceful shutdown")
struct GracefulShutdownTests {
    @Test("graceful shutdown under load: drain hooks run, every acknowledged order survives a restart")
    func drainAndRecover() async throws {
        let harness = try await ServerHarness.start()
        try await harness.addBTC()
        let userId = try await harness.createUser("alice", deposit: "1000000")
        let key = try await harness.createApiKey(userId: userId)
        let port = Mutex<Int?>(nil)
        let app = harness.gateway.makeApplication(onServerRunning: { channel in port.withLock { $0 = channel.localAddress?.port } })
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let group = ServiceGroup(services: [app, DrainService(gateway: harness.gateway)], logger: logger)
        let heard = Mutex<[String]>([])
        harness.gateway.operations.onDrain { reason in heard.withLock { $0.append(reason) } }
        let running = Task { try await group.run() }
        while port.withLock({ $0 }) == nil { try await Task.sleep(for: .milliseconds(10)) }
        let client = PerpetuaClient(
            baseURL: "http://127.0.0.1:\(port.withLock { $0! })", credentials: .apiKey(key: key.key, secret: key.secret, recvWindow: 60_000),
            timeout: .seconds(30))

        // Four writers place orders until the drain refuses them (or the server is gone).
        let tally = Tally()
        let writers = Task {
            await withTaskGroup(of: Void.self) { tasks in
                for writer in 0..<4 {
                    tasks.addTask {
                        for n in 0..<10_000 {
                            let id = "w\(writer)n\(n)"
                            do {
                                let order = try await client.placeOrder(.limit(
                                    "BTCUSDT", "BUY", quantity: "0.001", price: "64000", timeInForce: "GTC", clientOrderId: id))
                                tally.acknowledged.withLock { $0[id] = order.orderId }
                            } catch let error as PerpetuaClientError {
                                if error.code == 90001 { tally.refused.withLock { $0 += 1 } }
                                return
                            } catch {
                                return
                            }
                        }
                    }
                }
            }
        }
        while tally.acknowledged.withLock({ $0.count }) < 20 { try await Task.sleep(for: .milliseconds(5)) }
        await group.triggerGracefulShutdown()
        try await running.value
        await writers.value
        #expect(harness.gateway.operations.isDraining)
        #expect(heard.withLock { $0 } == ["server shutting down"])
        await harness.gateway.shutdown()
        try await client.shutdown()

        // A second start on the same data directory has every acknowledged order.
        var configuration = harness.gateway.configuration
        configuration.port = 0
        let reopened = try await Gateway.start(configuration: configuration, logger: logger, environment: [:])
        let orders = tally.acknowledged.withLock { $0 }
        #expect(orders.count >= 20)
        for (clientOrderId, orderId) in orders {
            let found = try await reopened.exchange.read { engine in
                engine.openOrders(account: userId, symbol: "BTCUSDT").contains { $0.clientOrderId?.description == clientOrderId && String($0.orderId) == orderId }
            }
            #expect(found, "acknowledged order \(clientOrderId) is missing after the restart")
        }
        await reopened.shutdown()
        try? FileManager.default.removeItem(atPath: harness.directory)
    }
}

/// What the writers heard.
final class Tally: Sendable {
    let acknowledged = Mutex<[String: String]>([:])
    let refused = Mutex(0)
}
