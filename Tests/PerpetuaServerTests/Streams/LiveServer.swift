import Foundation
import Hummingbird
import Logging
import PerpetuaClient
import PerpetuaServer
import ServiceLifecycle
import Synchronization

/// A ``ServerHarness`` served on a loopback port (port 0), for the tests that need real
/// sockets: WebSocket streams and REST over HTTP.
final class LiveServer: Sendable {
    let harness: ServerHarness
    let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    static func start(_ configure: (inout ServerConfiguration) -> Void = { _ in }) async throws -> LiveServer {
        let harness = try await ServerHarness.start { configuration in
            configuration.port = 0
            configure(&configuration)
        }
        let port = Mutex<Int?>(nil)
        var logger = Logger(label: "live")
        logger.logLevel = .error
        let app = harness.gateway.makeApplication(onServerRunning: { channel in port.withLock { $0 = channel.localAddress?.port } })
        let group = ServiceGroup(services: [app], gracefulShutdownSignals: [], logger: logger)
        let task = Task { try await group.run() }
        while port.withLock({ $0 }) == nil { try await Task.sleep(for: .milliseconds(10)) }
        return LiveServer(harness: harness, port: port.withLock { $0! }, group: group, task: task)
    }

    private init(harness: ServerHarness, port: Int, group: ServiceGroup, task: Task<Void, any Error>) {
        self.harness = harness
        self.port = port
        self.group = group
        self.task = task
    }

    var exchange: Exchange { harness.exchange }
    var baseURL: String { "http://127.0.0.1:\(port)" }
    var publicURL: String { "ws://127.0.0.1:\(port)/v1/ws/public" }
    func privateURL(_ listenKey: String) -> String { "ws://127.0.0.1:\(port)/v1/ws/private?listenKey=\(listenKey)" }

    /// A REST client without credentials.
    func client() -> PerpetuaClient { PerpetuaClient(baseURL: baseURL) }

    func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
        await harness.stop()
    }
}

/// Collects a stream's messages from its reading task for the test's task to inspect.
final class MessageLog: Sendable {
    private let items = Mutex<[StreamMessage]>([])

    func append(_ message: StreamMessage) { items.withLock { $0.append(message) } }
    var all: [StreamMessage] { items.withLock { $0 } }

    /// Waits until `predicate` holds for the messages so far, for up to `seconds` of its own
    /// naps (as ``finishes(within:_:sourceLocation:_:)`` counts them, so that a stall of the
    /// cooperative pool does not use the time up). The limit only matters when the predicate
    /// never holds.
    @discardableResult
    func wait(seconds: Double = 60, _ predicate: ([StreamMessage]) -> Bool) async -> Bool {
        for _ in 0..<Int(seconds * 100) {
            if predicate(all) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return predicate(all)
    }

    var errors: [(id: JSONValue, code: Int, message: String)] {
        all.compactMap { if case .error(let id, let code, let message) = $0 { (id, code, message) } else { nil } }
    }

    var replies: [(event: String, id: JSONValue, arg: JSONValue)] {
        all.compactMap { if case .reply(let event, let id, let arg) = $0 { (event, id, arg) } else { nil } }
    }

    var events: [PrivateEvent] { all.compactMap { if case .event(let e) = $0 { e } else { nil } } }

    var depth: [DepthMessage] { all.compactMap { if case .depth(let d) = $0 { d } else { nil } } }
}

/// Keeps a stream open in the background, logging what arrives, until `close()`.
final class BackgroundStream: Sendable {
    /// What the connection task and the test share.
    final class Shared: Sendable {
        let stream = Mutex<PerpetuaStream?>(nil)
        let done = Mutex<CheckedContinuation<Void, Never>?>(nil)
        let finished = Mutex(false)

        func finish() {
            let waiter = done.withLock { done -> CheckedContinuation<Void, Never>? in
                defer { done = nil }
                return done
            }
            finished.withLock { $0 = true }
            waiter?.resume()
        }
    }

    let log = MessageLog()
    private let shared = Shared()
    private let task: Task<PerpetuaStream.Closed?, any Error>

    init(url: String, pingInterval: Duration = .seconds(20)) {
        let log = log
        let shared = shared
        task = Task {
            try await PerpetuaStream.connect(url: url, pingInterval: pingInterval) { stream in
                shared.stream.withLock { $0 = stream }
                await withTaskGroup(of: Void.self) { group in
                    group.addTask {
                        do { for try await message in stream.messages { log.append(message) } } catch {}
                    }
                    group.addTask {
                        await withCheckedContinuation { continuation in
                            let already = shared.finished.withLock { $0 }
                            if already { continuation.resume() } else { shared.done.withLock { $0 = continuation } }
                        }
                    }
                    await group.next()
                    shared.finish()
                    group.cancelAll()
                }
            }
        }
    }

    /// The open stream (waits for the connection, up to a minute of naps).
    func connected() async throws -> PerpetuaStream {
        for _ in 0..<12_000 {
            if let stream = shared.stream.withLock({ $0 }) { return stream }
            try await Task.sleep(for: .milliseconds(5))
        }
        if let stream = shared.stream.withLock({ $0 }) { return stream }
        throw StreamTestError("no connection")
    }

    /// Closes from the client side; returns the server's close frame if it closed first.
    func close() async -> PerpetuaStream.Closed? {
        shared.finish()
        return (try? await task.value) ?? nil
    }

    /// Waits for the server to close the connection; returns its close frame (outer nil:
    /// still open after `seconds` of naps, counted as ``MessageLog/wait(seconds:_:)`` counts).
    func closedByServer(seconds: Double = 60) async -> PerpetuaStream.Closed?? {
        let result = Mutex<PerpetuaStream.Closed??>(nil)
        let task = task
        let waiter = Task { let value = (try? await task.value) ?? nil; result.withLock { $0 = .some(value) } }
        for _ in 0..<Int(seconds * 100) {
            if let value = result.withLock({ $0 }) { return value }
            try? await Task.sleep(for: .milliseconds(10))
        }
        if let value = result.withLock({ $0 }) { return value }
        waiter.cancel()
        return nil
    }
}

struct StreamTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
