import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Registers the API's routes on a Hummingbird router and records each one's method,
/// path, access and weight (``RouteDescriptor``), so the OpenAPI document and the
/// authentication matrix are checked against what really exists.
///
/// Every route goes through the same steps before its handler: read the body (bounded),
/// authenticate as the route's ``RouteAccess`` requires, and take the request's weight from
/// the right token bucket. The handler returns the envelope's `data`.
public final class APIRouter: @unchecked Sendable {
    /// Only mutated while the application is being built, on one task.
    public let router: Router<APIRequestContext>
    public private(set) var routes: [RouteDescriptor] = []
    let gate: RequestGate

    init(router: Router<APIRequestContext>, gate: RequestGate) {
        self.router = router
        self.gate = gate
    }

    /// The methods registered for each path (for 405 answers).
    public var methodsByPath: [String: [HTTPRequest.Method]] {
        Dictionary(grouping: routes, by: \.path).mapValues { $0.map(\.method) }
    }

    /// Adds a route whose handler returns the envelope's `data`.
    public func add<Output: Encodable & Sendable>(
        _ method: HTTPRequest.Method, _ path: String, access: RouteAccess, weight: Int = 1,
        handler: @escaping @Sendable (APIRequest) async throws -> Output
    ) {
        let descriptor = RouteDescriptor(method: method, path: path, access: access, weight: weight)
        routes.append(descriptor)
        let gate = gate
        router.on(RouterPath(path), method: method) { request, context -> Response in
            let apiRequest = try await gate.admit(request, context: context, route: descriptor)
            let output = try await handler(apiRequest)
            return try JSONResponse.success(output)
        }
    }

    /// Adds a route whose handler returns the whole response body, sent as is with
    /// `contentType` (no envelope): for documents such as `/openapi.json`. Errors still answer
    /// in the envelope, and the route passes the same gate as every other.
    public func addRaw(
        _ method: HTTPRequest.Method, _ path: String, access: RouteAccess, weight: Int = 1, contentType: String,
        handler: @escaping @Sendable (APIRequest) async throws -> ByteBuffer
    ) {
        let descriptor = RouteDescriptor(method: method, path: path, access: access, weight: weight)
        routes.append(descriptor)
        let gate = gate
        router.on(RouterPath(path), method: method) { request, context -> Response in
            let apiRequest = try await gate.admit(request, context: context, route: descriptor)
            let body = try await handler(apiRequest)
            return Response(status: .ok, headers: [.contentType: contentType], body: .init(byteBuffer: body))
        }
    }

    public func get<Output: Encodable & Sendable>(
        _ path: String, access: RouteAccess, weight: Int = 1, handler: @escaping @Sendable (APIRequest) async throws -> Output
    ) { add(.get, path, access: access, weight: weight, handler: handler) }

    public func post<Output: Encodable & Sendable>(
        _ path: String, access: RouteAccess, weight: Int = 1, handler: @escaping @Sendable (APIRequest) async throws -> Output
    ) { add(.post, path, access: access, weight: weight, handler: handler) }

    public func put<Output: Encodable & Sendable>(
        _ path: String, access: RouteAccess, weight: Int = 1, handler: @escaping @Sendable (APIRequest) async throws -> Output
    ) { add(.put, path, access: access, weight: weight, handler: handler) }

    public func delete<Output: Encodable & Sendable>(
        _ path: String, access: RouteAccess, weight: Int = 1, handler: @escaping @Sendable (APIRequest) async throws -> Output
    ) { add(.delete, path, access: access, weight: weight, handler: handler) }
}
