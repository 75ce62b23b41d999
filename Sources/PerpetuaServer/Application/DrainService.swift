import Logging
import ServiceLifecycle

/// Begins the drain when graceful shutdown (SIGTERM, SIGINT) begins: from then on new order
/// requests answer 90001 and the drain hooks run (WebSockets close with a reason), while the
/// HTTP server, shut down after this service, finishes the requests in flight.
///
/// List it *after* the application in a `ServiceGroup`: the group shuts services down in
/// reverse order, so this one hears the signal first and the server second. After the group
/// returns, ``Gateway/shutdown()`` makes everything accepted durable and writes a snapshot.
public struct DrainService: Service {
    let gateway: Gateway
    let reason: String

    public init(gateway: Gateway, reason: String = "server shutting down") {
        self.gateway = gateway
        self.reason = reason
    }

    public func run() async throws {
        do {
            try await gracefulShutdown()
        } catch {
            return  // cancelled: the group is stopping without a drain
        }
        gateway.logger.info("draining: new orders answer 90001; finishing requests in flight")
        await gateway.operations.beginDrain(reason: reason)
    }
}
