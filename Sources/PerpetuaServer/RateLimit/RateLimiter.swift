import HTTPTypes
import PerpetuaCore
import PerpetuaJournal
import Synchronization

/// The token buckets of API.md §4: public requests per IP, private requests per user,
/// orders per user, login and registration per IP. Buckets run on wall time (DESIGN.md:
/// rate-limit windows never follow a manual clock). Every admitted request leaves its
/// bucket's figures in the `X-RateLimit-*` headers; a refusal answers 11001 with
/// `Retry-After`.
public final class RateLimiter: Sendable {
    enum Key: Hashable, Sendable {
        case ip(String)
        case user(UInt64)
        case orders(UInt64)
        case login(String)
    }

    let settings: RateLimitSettings
    private let buckets = Mutex<[Key: TokenBucket]>([:])
    private let clock: @Sendable () -> Int64

    public init(settings: RateLimitSettings, clock: @escaping @Sendable () -> Int64 = { SequencerClock.wallMilliseconds() }) {
        self.settings = settings
        self.clock = clock
    }

    /// Charges a public request to the caller's IP.
    func consumePublic(ip: String, weight: Int, headers: ResponseHeaders) throws {
        try consume(.ip(ip), settings.publicPerIP, weight: weight, headers: headers, what: "requests from your IP address")
    }

    /// Shows the caller's IP bucket in the headers without charging it (the operator API).
    func reportPublic(ip: String, headers: ResponseHeaders) {
        guard settings.enabled else { return }
        let now = clock()
        let bucket = buckets.withLock { buckets -> TokenBucket in
            var bucket = buckets[.ip(ip)] ?? TokenBucket(
                capacity: settings.publicPerIP.capacity, windowSeconds: settings.publicPerIP.windowSeconds, now: now)
            bucket.refill(now: now)
            return bucket
        }
        setHeaders(settings.publicPerIP, bucket, headers)
    }

    /// Charges a private request to the user.
    func consumePrivate(userId: UInt64, weight: Int, headers: ResponseHeaders) throws {
        try consume(.user(userId), settings.privatePerUser, weight: weight, headers: headers, what: "requests of your account")
    }

    /// Charges `count` orders to the user's order bucket.
    func consumeOrders(userId: UInt64, count: Int, headers: ResponseHeaders) throws {
        try consume(.orders(userId), settings.ordersPerUser, weight: count, headers: headers, what: "orders of your account")
    }

    /// Charges a login or registration attempt to the caller's IP.
    func consumeLogin(ip: String, headers: ResponseHeaders) throws {
        try consume(.login(ip), settings.loginPerIP, weight: 1, headers: headers, what: "login attempts from your IP address")
    }

    private func consume(_ key: Key, _ bucketSettings: BucketSettings, weight: Int, headers: ResponseHeaders, what: String) throws {
        guard settings.enabled else { return }
        let now = clock()
        let outcome = buckets.withLock { buckets -> (admitted: Bool, bucket: TokenBucket) in
            if buckets.count > 50_000 { buckets = buckets.filter { var b = $0.value; b.refill(now: now); return !b.isFull } }
            var bucket = buckets[key] ?? TokenBucket(
                capacity: bucketSettings.capacity, windowSeconds: bucketSettings.windowSeconds, now: now)
            let admitted = bucket.take(Int64(weight), now: now)
            buckets[key] = bucket
            return (admitted, bucket)
        }
        setHeaders(bucketSettings, outcome.bucket, headers)
        guard outcome.admitted else {
            let retry = outcome.bucket.secondsUntil(Int64(weight))
            headers.set(.retryAfter, String(retry))
            throw APIError(
                .rateLimited,
                message: "too many \(what): at most \(bucketSettings.capacity) per \(bucketSettings.windowSeconds) s; retry in \(retry) s",
                data: ["retryAfter": String(retry), "limit": String(bucketSettings.capacity)])
        }
    }

    private func setHeaders(_ bucketSettings: BucketSettings, _ bucket: TokenBucket, _ headers: ResponseHeaders) {
        headers.set(.rateLimitLimit, String(bucketSettings.capacity))
        headers.set(.rateLimitRemaining, String(bucket.remaining))
        headers.set(.rateLimitReset, String(bucket.secondsUntilFull))
    }
}
