import Foundation
import Hummingbird
import Logging
import PerpetuaServer
import ServiceLifecycle
import Synchronization

/// The server on a real loopback socket (an ephemeral port), for end-to-end tests that
/// drive it with `PerpetuaClient`.
final class LiveServer: Sendable {
    let harness: ServerHarness
    let baseURL: String
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    static func start(_ configure: (inout ServerConfiguration) -> Void = { _ in }) async throws -> LiveServer {
        let harness = try await ServerHarness.start { configuration in
            configuration.port = 0
            configure(&configuration)
        }
        let port = Mutex<Int?>(nil)
        let app = harness.gateway.makeApplication(onServerRunning: { channel in port.withLock { $0 = channel.localAddress?.port } })
        var logger = Logger(label: "live")
        logger.logLevel = .warning
        let group = ServiceGroup(services: [app], gracefulShutdownSignals: [], logger: logger)
        let task = Task { try await group.run() }
        while port.withLock({ $0 }) == nil { try await Task.sleep(for: .milliseconds(10)) }
        return LiveServer(harness: harness, baseURL: "http://127.0.0.1:\(port.withLock { $0! })", group: group, task: task)
    }

    private init(harness: ServerHarness, baseURL: String, group: ServiceGroup, task: Task<Void, any Error>) {
        self.harness = harness
        self.baseURL = baseURL
        self.group = group
        self.task = task
    }

    func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
        await harness.stop()
    }
}
