/// A token bucket in integer arithmetic: `capacity` tokens, refilled evenly over
/// `windowMs`. The level is kept in units of 1/`windowMs` token, so that refill per
/// millisecond is exactly `capacity` units and nothing rounds.
struct TokenBucket: Sendable {
    let capacity: Int64
    let windowMs: Int64
    private(set) var level: Int64
    private(set) var updatedAt: Int64

    init(capacity: Int, windowSeconds: Int, now: Int64) {
        self.capacity = Int64(max(1, capacity))
        self.windowMs = Int64(max(1, windowSeconds)) * 1000
        self.level = self.capacity * windowMs
        self.updatedAt = now
    }

    private var full: Int64 { capacity * windowMs }

    mutating func refill(now: Int64) {
        guard now > updatedAt else { return }
        let elapsed = now - updatedAt
        level = elapsed >= windowMs ? full : min(full, level + elapsed * capacity)
        updatedAt = now
    }

    /// Takes `weight` tokens if there are enough; otherwise takes nothing.
    mutating func take(_ weight: Int64, now: Int64) -> Bool {
        refill(now: now)
        let cost = weight * windowMs
        guard level >= cost else { return false }
        level -= cost
        return true
    }

    /// Whole tokens left.
    var remaining: Int64 { level / windowMs }

    /// Seconds until the bucket is full again (rounded up).
    var secondsUntilFull: Int64 { ((full - level) / capacity + 999) / 1000 }

    /// Seconds until `weight` tokens are available (at least 1 when they are not now).
    func secondsUntil(_ weight: Int64) -> Int64 {
        let missing = weight * windowMs - level
        guard missing > 0 else { return 0 }
        return max(1, (missing / capacity + 999) / 1000)
    }

    var isFull: Bool { level >= full }
}
