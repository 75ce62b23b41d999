import Hummingbird
import NIOCore
import PerpetuaCore

/// What every route passes before its handler: a bounded body, authentication as the
/// route's access requires, and the rate limit of its bucket.
struct RequestGate: Sendable {
    let authenticator: Authenticator
    let limiter: RateLimiter
    let maxBodyBytes: Int
    let clock: @Sendable () -> Int64
    /// True once a graceful shutdown drains the server: order requests then answer 90001.
    var isDraining: @Sendable () -> Bool = { false }

    func admit(_ request: Request, context: APIRequestContext, route: RouteDescriptor) async throws -> APIRequest {
        let headers = context.responseHeaders
        let address = authenticator.clientAddress(request, context: context)
        // The caller's IP bucket is charged first, so that every answer, even to a malformed
        // request, carries the X-RateLimit-* figures (API.md §4), and unauthenticated floods
        // are limited before any body is read or key or token checked.
        //
        // The operator API is not rate limited (its OpenAPI text says so): an operator's
        // clock, funding or deposit call must not fail because other clients on the same
        // host used up the IP's bucket. Its answers show the IP bucket without taking from
        // it; a wrong or missing token is charged, so guessing tokens stays limited.
        var principal: Principal?
        switch route.access {
        case .open: try limiter.consumePublic(ip: address, weight: route.weight, headers: headers)
        case .admin:
            do {
                principal = try authenticator.authenticateOperator(request)
                limiter.reportPublic(ip: address, headers: headers)
            } catch {
                try limiter.consumePublic(ip: address, weight: route.weight, headers: headers)
                throw error
            }
        case .login: try limiter.consumeLogin(ip: address, headers: headers)
        case .user, .session: try limiter.consumePublic(ip: address, weight: 1, headers: headers)
        }
        if route.access == .user(.trade), route.method != .get, isDraining() {
            throw PerpetuaError(.serviceUnavailable, message: "the server is shutting down and accepts no new orders; retry against the restarted server")
        }
        try Self.checkQueryNamesUnique(request)
        let body = try await readBody(request)
        let now = clock()
        switch route.access {
        case .open, .login, .admin:
            break
        case .user, .session:
            let user = try await authenticator.authenticateUser(
                request, context: context, body: Array(body.readableBytesView), access: route.access, now: now)
            try limiter.consumePrivate(userId: user.userId, weight: route.weight, headers: headers)
            principal = user
        }
        return APIRequest(head: request, context: context, body: body, principal: principal, now: now, limiter: limiter)
    }

    /// A parameter given twice (`limit=5&limit=500`) is refused rather than read as its first
    /// value, so that what the server acts on is never a guess (12001 naming it).
    static func checkQueryNamesUnique(_ request: Request) throws {
        var seen = Set<Substring>()
        for (name, _) in request.uri.queryParameters where !seen.insert(name).inserted {
            throw APIError.invalid(String(name), "is given more than once; send each query parameter once")
        }
    }

    /// The whole body, up to the limit; a JSON content type when there is one.
    func readBody(_ request: Request) async throws -> ByteBuffer {
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: maxBodyBytes)
        } catch {
            throw APIError(
                .invalidParameter, message: "the request body is larger than \(maxBodyBytes) bytes",
                data: ["field": "body", "maxBytes": String(maxBodyBytes)])
        }
        if body.readableBytes > 0 {
            let type = request.headers[.contentType]?.lowercased() ?? ""
            guard type.hasPrefix("application/json") else {
                throw APIError(
                    .invalidParameter, message: "send the body as JSON with Content-Type: application/json (got \(type.isEmpty ? "none" : type))",
                    data: ["field": "Content-Type"])
            }
        }
        return body
    }
}
