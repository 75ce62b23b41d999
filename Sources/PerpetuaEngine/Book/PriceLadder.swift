/// One side's price levels, sorted so that the best level is last.
///
/// Keys are the price for bids and the negated price for asks, so "better" is always
/// "larger" and one implementation serves both sides. The best level sits at the end of
/// the arrays: taking it, adding behind it and removing it are O(1), and the few levels a
/// busy book adds near the top move only the handful of entries above them.
@usableFromInline
struct PriceLadder: Sendable {
    @usableFromInline private(set) var keys: ContiguousArray<Int64> = []
    @usableFromInline private(set) var handles: ContiguousArray<Int32> = []

    init(capacity: Int) {
        keys.reserveCapacity(capacity)
        handles.reserveCapacity(capacity)
    }

    @inline(__always) var count: Int { keys.count }
    @inline(__always) var isEmpty: Bool { keys.isEmpty }
    @inline(__always) var bestHandle: Int32? { handles.last }
    @inline(__always) var bestKey: Int64? { keys.last }

    /// The handle of the level `rank` places behind the best, or -1 past either end.
    @inlinable
    func handle(rankOrNil rank: Int) -> Int32 {
        let count = handles.count
        guard rank >= 0, rank < count else { return -1 }
        return handles[count &- 1 &- rank]
    }

    /// The handle of the level `rank` places behind the best (0 is the best).
    @inline(__always) func handle(rank: Int) -> Int32 { handles[handles.count - 1 - rank] }

    /// The position where `key` is or would be inserted.
    @inline(__always)
    func position(of key: Int64) -> Int {
        // Activity clusters at the top of the book: look there before bisecting.
        var hi = keys.count
        if hi > 0, keys[hi - 1] < key { return hi }
        if hi > 1, keys[hi - 2] < key { return hi - 1 }
        var lo = 0
        while lo < hi {
            let mid = (lo &+ hi) >> 1
            if keys[mid] < key { lo = mid &+ 1 } else { hi = mid }
        }
        return lo
    }

    /// The handle at `position` when the key there is `key`, else -1.
    @inline(__always)
    func handle(at position: Int, ifKey key: Int64) -> Int32 {
        position < keys.count && keys[position] == key ? handles[position] : -1
    }

    /// The level handle at `key`, or -1.
    @inline(__always)
    func find(_ key: Int64) -> Int32 {
        let p = position(of: key)
        return p < keys.count && keys[p] == key ? handles[p] : -1
    }

    @inline(__always)
    mutating func insert(_ key: Int64, handle: Int32, at position: Int) {
        keys.insert(key, at: position)
        handles.insert(handle, at: position)
    }

    @inline(__always)
    mutating func remove(_ key: Int64) {
        let p = position(of: key)
        keys.remove(at: p)
        handles.remove(at: p)
    }

    @inline(__always)
    mutating func removeBest() {
        keys.removeLast()
        handles.removeLast()
    }
}
