import HTTPTypes
import NIOCore
import PerpetuaCore
import PerpetuaEngine
import PerpetuaJournal
import PerpetuaStore

/// `GET /health`, `GET /ready` and `GET /metrics`: for load balancers, orchestrators and
/// Prometheus. Open (no credentials), charged to the caller's IP like every public route.
extension APIRouter {
    func addOperationsRoutes(_ gateway: Gateway) {
        let exchange = gateway.exchange
        let operations = gateway.operations
        let maxLag = gateway.configuration.readiness.maxProjectorLag

        // The process is up and answering HTTP.
        get("/health", access: .open) { _ in HealthResource(status: "UP") }

        // Ready for traffic: the engine has recovered and runs, the store answers, the
        // projector is within `readiness.maxProjectorLag` commands of the journal, and no
        // drain is under way. Otherwise 503 with 90001 and the failing check.
        get("/ready", access: .open) { _ in
            if operations.isDraining {
                throw APIError(.serviceUnavailable, message: "not ready: the server is shutting down", data: ["check": "draining"])
            }
            let engineSequence: UInt64
            do {
                engineSequence = try await exchange.read { $0.lastSequence }
            } catch {
                throw APIError(.serviceUnavailable, message: "not ready: the engine is not running", data: ["check": "engine"])
            }
            do {
                _ = try await exchange.store.projectedSequence()
            } catch {
                throw APIError(.serviceUnavailable, message: "not ready: the store does not answer", data: ["check": "store"])
            }
            let durable = exchange.sequencer.lastDurableSequence
            let projected = exchange.lastProjectedSequence
            let lag = durable > projected ? durable - projected : 0
            if lag > maxLag {
                throw APIError(
                    .serviceUnavailable, message: "not ready: the projector is \(lag) commands behind (at most \(maxLag))",
                    data: ["check": "projector", "lag": String(lag)])
            }
            return ReadyResource(
                status: "READY", engineSequence: engineSequence, durableSequence: durable, projectedSequence: projected,
                projectorLag: lag)
        }

        // Prometheus text exposition format 0.0.4.
        addRaw(.get, "/metrics", access: .open, contentType: "text/plain; version=0.0.4; charset=utf-8") { _ in
            operations.metrics.refresh(
                lastDurable: exchange.sequencer.lastDurableSequence, lastProjected: exchange.lastProjectedSequence,
                inFlight: exchange.commandsInFlight)
            operations.metrics.refreshStreams(
                connections: exchange.streams.connectionCount, slowConsumers: exchange.streams.slowConsumers)
            return ByteBuffer(bytes: operations.metrics.exposition())
        }
    }
}

struct HealthResource: Encodable, Sendable {
    var status: String
}

struct ReadyResource: Encodable, Sendable {
    var status: String
    var engineSequence: UInt64
    var durableSequence: UInt64
    var projectedSequence: UInt64
    var projectorLag: UInt64
}
