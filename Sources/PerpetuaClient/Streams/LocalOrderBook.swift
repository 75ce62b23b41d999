import PerpetuaCore

/// A book kept in step with the `depth` stream: loaded from a snapshot (the stream's own or
/// REST `GET /v1/public/market/depth`), then updated by deltas whose `prevSeq` must equal
/// the `seq` the book is at, with the §6.1 checksum verified after every update.
///
/// Updates that arrive before a snapshot are buffered and replayed onto it (those at or
/// below the snapshot's `seq` are already in it). A gap or a checksum mismatch drops the
/// book back to "unsynced": the caller loads a fresh snapshot (``PerpetuaClient/depth(symbol:limit:)``)
/// and the buffered updates carry it forward again.
public struct LocalOrderBook: Sendable {
    /// What an applied message did.
    public enum Outcome: Sendable, Equatable {
        /// The book moved to this `seq`.
        case applied(seq: Int64)
        /// Kept for later: the book has no snapshot yet.
        case buffered
        /// Already in the book (`seq` at or below the book's).
        case stale
        /// `prevSeq` did not match the book's `seq`: load a snapshot again.
        case gap(expected: Int64, got: Int64)
        /// The checksum after the update did not match: load a snapshot again.
        case checksumMismatch(seq: Int64)
    }

    struct Level: Sendable {
        var price: String
        var quantity: String
    }

    public let symbol: String
    /// The `seq` of the last message applied; nil until a snapshot is loaded.
    public private(set) var seq: Int64?
    /// Price units (10⁻⁸) → level, and the prices sorted best first.
    private var bids: [Int64: Level] = [:]
    private var asks: [Int64: Level] = [:]
    private var bidPrices: [Int64] = []
    private var askPrices: [Int64] = []
    private var pending: [DepthMessage.Body] = []
    /// How many updates were applied and checksum-verified.
    public private(set) var verifiedUpdates = 0
    /// How many times the book had to be reloaded.
    public private(set) var resyncs = 0
    /// Updates kept while unsynced, at most this many (older ones are dropped).
    public var maxPending = 100_000

    public init(symbol: String) { self.symbol = symbol }

    public var isSynced: Bool { seq != nil }

    /// Levels best first, as received.
    public var bidLevels: [DepthLevel] { bidPrices.map { DepthLevel(price: bids[$0]!.price, quantity: bids[$0]!.quantity) } }
    public var askLevels: [DepthLevel] { askPrices.map { DepthLevel(price: asks[$0]!.price, quantity: asks[$0]!.quantity) } }

    /// The §6.1 checksum of the book now.
    public var checksum: Int32 {
        Depth.checksum(
            bids: bidPrices.prefix(25).map { DepthLevel(price: bids[$0]!.price, quantity: bids[$0]!.quantity) },
            asks: askPrices.prefix(25).map { DepthLevel(price: asks[$0]!.price, quantity: asks[$0]!.quantity) })
    }

    /// Loads a REST snapshot, then replays buffered updates past it.
    @discardableResult
    public mutating func load(_ depth: Depth) -> Outcome {
        load(seq: depth.seq, bids: depth.bids, asks: depth.asks)
    }

    /// Applies a stream message: a snapshot loads the book, an update moves it.
    @discardableResult
    public mutating func apply(_ message: DepthMessage) -> Outcome {
        if message.isSnapshot { return load(seq: message.data.seq, bids: message.data.bids, asks: message.data.asks) }
        guard seq != nil else {
            pending.append(message.data)
            if pending.count > maxPending { pending.removeFirst(pending.count - maxPending) }
            return .buffered
        }
        return applyUpdate(message.data)
    }

    private mutating func load(seq: Int64, bids: [DepthLevel], asks: [DepthLevel]) -> Outcome {
        self.bids = [:]
        self.asks = [:]
        bidPrices = []
        askPrices = []
        for level in bids { set(.buy, level) }
        for level in asks { set(.sell, level) }
        self.seq = seq
        var outcome = Outcome.applied(seq: seq)
        let buffered = pending
        pending = []
        for update in buffered where update.seq > seq {
            outcome = applyUpdate(update)
            if case .applied = outcome { continue }
            break
        }
        return outcome
    }

    private mutating func applyUpdate(_ update: DepthMessage.Body) -> Outcome {
        guard let current = seq else { return .buffered }
        if update.seq <= current { return .stale }
        guard update.prevSeq == current else {
            unsync()
            pending.append(update)
            return .gap(expected: current, got: update.prevSeq)
        }
        for level in update.bids { set(.buy, level) }
        for level in update.asks { set(.sell, level) }
        seq = update.seq
        guard checksum == update.checksum else {
            unsync()
            return .checksumMismatch(seq: update.seq)
        }
        verifiedUpdates += 1
        return .applied(seq: update.seq)
    }

    private mutating func unsync() {
        seq = nil
        resyncs += 1
    }

    private mutating func set(_ side: Side, _ level: DepthLevel) {
        guard let price = try? Price(parsing: level.price) else { return }
        let remove = (try? Quantity(parsing: level.quantity))?.units == 0
        if side == .buy {
            if remove {
                if bids.removeValue(forKey: price.units) != nil { Self.remove(price.units, from: &bidPrices, descending: true) }
            } else if bids.updateValue(Level(price: level.price, quantity: level.quantity), forKey: price.units) == nil {
                Self.insert(price.units, into: &bidPrices, descending: true)
            }
        } else {
            if remove {
                if asks.removeValue(forKey: price.units) != nil { Self.remove(price.units, from: &askPrices, descending: false) }
            } else if asks.updateValue(Level(price: level.price, quantity: level.quantity), forKey: price.units) == nil {
                Self.insert(price.units, into: &askPrices, descending: false)
            }
        }
    }

    private static func position(of price: Int64, in prices: [Int64], descending: Bool) -> Int {
        var lo = 0
        var hi = prices.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if descending ? prices[mid] > price : prices[mid] < price { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    private static func insert(_ price: Int64, into prices: inout [Int64], descending: Bool) {
        prices.insert(price, at: position(of: price, in: prices, descending: descending))
    }

    private static func remove(_ price: Int64, from prices: inout [Int64], descending: Bool) {
        let p = position(of: price, in: prices, descending: descending)
        if p < prices.count, prices[p] == price { prices.remove(at: p) }
    }
}
