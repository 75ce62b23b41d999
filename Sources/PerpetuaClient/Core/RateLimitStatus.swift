/// The rate-limit headers of one response (API.md §4); a field is `nil` when its header
/// was missing or not an integer.
public struct RateLimitStatus: Sendable, Hashable {
    /// `X-RateLimit-Limit`: the bucket's size.
    public var limit: Int?
    /// `X-RateLimit-Remaining`: what is left in the bucket.
    public var remaining: Int?
    /// `X-RateLimit-Reset`: seconds until the bucket is full again.
    public var resetSeconds: Int?
    /// `Retry-After` (on a 429): seconds to wait.
    public var retryAfterSeconds: Int?

    public init(limit: Int?, remaining: Int?, resetSeconds: Int?, retryAfterSeconds: Int?) {
        self.limit = limit
        self.remaining = remaining
        self.resetSeconds = resetSeconds
        self.retryAfterSeconds = retryAfterSeconds
    }
}
