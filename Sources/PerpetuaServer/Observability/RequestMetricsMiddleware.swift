import Hummingbird
import Logging

/// The outermost middleware: counts and times every answered request by route, method and
/// status (``ServerMetrics``), and logs it at debug level with its request id. It runs
/// outside ``APIResponseMiddleware``, so it sees every failure already turned into its
/// envelope and status.
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - started
        // The registered path (`/v1/private/order`), never the raw one, so the label set is bounded.
        let route = context.endpointPath ?? "unmatched"
        let routeLabel = route == "NotFound" ? "unmatched" : route
        metrics.recordRequest(route: routeLabel, method: request.method.rawValue, status: response.status.code, duration: elapsed)
        if context.logger.logLevel <= .debug {
            var logger = context.logger
            logger[metadataKey: "request_id"] = response.headers[.requestId].map { .string($0) }
            logger.debug(
                "request", metadata: [
                    "method": .string(request.method.rawValue), "path": .string(request.uri.path), "route": .string(routeLabel),
                    "status": .stringConvertible(response.status.code),
                    "duration_us": .stringConvertible(elapsed.nanoseconds / 1000),
                ])
        }
        return response
    }
}
