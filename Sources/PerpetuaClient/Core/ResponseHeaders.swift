/// The headers of a response, in order, with case-insensitive lookup and the API's
/// rate-limit and request-id headers (API.md §1, §4) read out.
public struct ResponseHeaders: Sendable {
    /// Every header as received.
    public var fields: [(name: String, value: String)]

    public init(_ fields: [(name: String, value: String)]) { self.fields = fields }

    /// The first value of the header `name` (case-insensitive), or `nil`.
    public subscript(name: String) -> String? {
        fields.first { $0.name.caseInsensitiveEquals(name) }?.value
    }

    /// Every value of the header `name` (case-insensitive), e.g. all `Set-Cookie` lines.
    public func values(_ name: String) -> [String] {
        fields.filter { $0.name.caseInsensitiveEquals(name) }.map(\.value)
    }

    /// `X-Request-Id`: the server's id for this request (or the one the client sent).
    public var requestId: String? { self["X-Request-Id"] }

    /// The `X-RateLimit-*` and `Retry-After` headers.
    public var rateLimit: RateLimitStatus {
        RateLimitStatus(
            limit: self["X-RateLimit-Limit"].flatMap { Int($0) },
            remaining: self["X-RateLimit-Remaining"].flatMap { Int($0) },
            resetSeconds: self["X-RateLimit-Reset"].flatMap { Int($0) },
            retryAfterSeconds: self["Retry-After"].flatMap { Int($0) }
        )
    }
}
