import HTTPTypes
import PerpetuaCore
import PerpetuaJournal
import Synchronization

/// Locks out password guessing (API.md §2.1): after `maxFailures` failed logins within the
/// window for one username, or from one client address, further attempts for it answer
/// 11001 with `Retry-After` until the oldest failure leaves the window.
///
/// Failures count for unknown usernames exactly as for real ones, and a locked-out attempt is
/// refused before any lookup, so neither the answer nor its timing tells whether a username
/// exists. Like the rate limits it runs on wall time (a manual exchange clock must not lift
/// or extend a lock-out). The per-username lock lets anyone delay one user's logins by up to
/// a window; that is the usual price of stopping a distributed guesser, who has many
/// addresses but one target.
public final class LoginThrottle: Sendable {
    enum Key: Hashable, Sendable {
        case username(String)
        case address(String)
    }

    let maxFailures: Int
    let windowMs: Int64
    /// Failure times (ms) within the window, oldest first, per username and per address.
    private let failures = Mutex<[Key: [Int64]]>([:])
    private let clock: @Sendable () -> Int64

    public init(maxFailures: Int, windowSeconds: Int64, clock: @escaping @Sendable () -> Int64 = { SequencerClock.wallMilliseconds() }) {
        self.maxFailures = max(1, maxFailures)
        self.windowMs = max(1, windowSeconds) * 1000
        self.clock = clock
    }

    /// Seconds until `username` from `address` may try again; nil when it may now.
    public func retryAfter(username: String, address: String) -> Int64? {
        let now = clock()
        let waits = failures.withLock { table in
            [Key.username(username), .address(address)].compactMap { key -> Int64? in
                let recent = Self.recent(table[key] ?? [], now: now, windowMs: windowMs)
                table[key] = recent.isEmpty ? nil : recent
                guard recent.count >= maxFailures else { return nil }
                // Free again once enough failures have aged out to go below the limit.
                let freeAt = recent[recent.count - maxFailures] + windowMs
                return max(1, (freeAt - now + 999) / 1000)
            }
        }
        return waits.max()
    }

    /// 11001 with `Retry-After` when the username or the address is locked out.
    func check(username: String, address: String, headers: ResponseHeaders) throws {
        guard let wait = retryAfter(username: username, address: address) else { return }
        headers.set(.retryAfter, String(wait))
        throw APIError(
            .rateLimited,
            message: "too many failed logins for this username or from this address; retry in \(wait) s",
            data: ["retryAfter": String(wait), "limit": "\(maxFailures) failures per \(windowMs / 1000) s"])
    }

    /// Counts a failed attempt against the username and the address.
    public func recordFailure(username: String, address: String) {
        let now = clock()
        failures.withLock { table in
            if table.count > 100_000 {
                table = table.filter { !Self.recent($0.value, now: now, windowMs: windowMs).isEmpty }
            }
            for key in [Key.username(username), .address(address)] {
                var recent = Self.recent(table[key] ?? [], now: now, windowMs: windowMs)
                recent.append(now)
                // More than the limit changes nothing but the memory used.
                if recent.count > maxFailures { recent.removeFirst(recent.count - maxFailures) }
                table[key] = recent
            }
        }
    }

    /// Forgets the username's failures after a successful login. The address keeps its
    /// count: one success must not let a guesser behind the same address start over.
    public func recordSuccess(username: String) {
        _ = failures.withLock { $0.removeValue(forKey: .username(username)) }
    }

    private static func recent(_ times: [Int64], now: Int64, windowMs: Int64) -> [Int64] {
        times.filter { $0 > now - windowMs }
    }
}
