import PerpetuaCore
import PerpetuaEngine

/// One symbol's aggregated book as the streams see it, kept from the engine's order events
/// alone (no engine reads while trading).
///
/// The engine reports every change of a resting order as an ``OrderSnapshot`` (accepted,
/// filled, amended, cancelled, expired), and at a command boundary every live order that is
/// not an ADL record rests on the book (the engine's own invariant). So the book at the end
/// of a command is the sum, per side and price, of `quantity − executedQuantity` over the
/// live LIMIT orders' last snapshots. The view keeps each live order's contribution, applies
/// the difference of each new snapshot to its level, and remembers which levels moved since
/// the last update it published. The engine's `.depth(symbol, sequence)` events tell which
/// book sequence the end of the command corresponds to, so the update published for a
/// command carries the same `seq` a REST depth read at that point returns.
struct DepthView: Sendable {
    struct Resting: Hashable, Sendable {
        var side: Side
        var price: Int64
        var remaining: Int64
    }

    private(set) var spec: SymbolSpec
    private var orders: [UInt64: Resting] = [:]
    /// Price (10⁻⁸ units) → quantity (10⁻⁸ units), for each side.
    private var bids: [Int64: Int64] = [:]
    private var asks: [Int64: Int64] = [:]
    /// Prices sorted best first.
    private var bidPrices: [Int64] = []
    private var askPrices: [Int64] = []
    /// Levels changed since the last published update, with their quantity then.
    private var changedBids: Set<Int64> = []
    private var changedAsks: Set<Int64> = []
    /// The `seq` of the last published message (the REST depth `seq` at that point).
    private(set) var sequence: UInt64
    /// The highest book sequence an event of the current command reported.
    private var pendingSequence: UInt64
    /// Counts published changes, so that periodic top-N snapshots know when to send.
    private(set) var version: UInt64 = 0

    init(spec: SymbolSpec, sequence: UInt64) {
        self.spec = spec
        self.sequence = sequence
        pendingSequence = sequence
    }

    mutating func update(spec: SymbolSpec) { self.spec = spec }

    /// Seeds a resting order (from the engine's open orders at start-up).
    mutating func seed(_ order: OrderSnapshot) { apply(order) }

    /// Applies an order snapshot: its old contribution leaves its level, its new one joins.
    mutating func apply(_ order: OrderSnapshot) {
        let new: Resting?
        if order.type == .limit, order.source != .adl, !order.status.isFinal, let price = order.price,
           order.quantity.units > order.executedQuantity.units {
            new = Resting(side: order.side, price: price.units, remaining: order.quantity.units - order.executedQuantity.units)
        } else {
            new = nil
        }
        let old = orders[order.orderId]
        if old == new { return }
        if let old { add(old.side, old.price, -old.remaining) }
        if let new {
            add(new.side, new.price, new.remaining)
            orders[order.orderId] = new
        } else {
            orders.removeValue(forKey: order.orderId)
        }
    }

    /// Notes that the engine reported book sequence `sequence` for this symbol.
    mutating func noteSequence(_ sequence: UInt64) {
        pendingSequence = max(pendingSequence, sequence)
    }

    /// Whether the current command moved the book's sequence past the last published one.
    var hasPendingUpdate: Bool { pendingSequence > sequence }

    private mutating func add(_ side: Side, _ price: Int64, _ delta: Int64) {
        if side == .buy {
            let value = (bids[price] ?? 0) + delta
            if value == 0 {
                bids.removeValue(forKey: price)
                Self.remove(price, from: &bidPrices, descending: true)
            } else {
                if bids.updateValue(value, forKey: price) == nil { Self.insert(price, into: &bidPrices, descending: true) }
            }
            changedBids.insert(price)
        } else {
            let value = (asks[price] ?? 0) + delta
            if value == 0 {
                asks.removeValue(forKey: price)
                Self.remove(price, from: &askPrices, descending: false)
            } else {
                if asks.updateValue(value, forKey: price) == nil { Self.insert(price, into: &askPrices, descending: false) }
            }
            changedAsks.insert(price)
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

    // MARK: Output

    func text(price: Int64) -> String { spec.text(Price(units: price)) }
    func text(quantity: Int64) -> String { spec.text(Quantity(units: quantity)) }

    /// Up to `limit` levels per side, best first, as the strings sent.
    func levels(limit: Int = .max) -> (bids: [[String]], asks: [[String]]) {
        let b = bidPrices.prefix(limit).map { [text(price: $0), text(quantity: bids[$0]!)] }
        let a = askPrices.prefix(limit).map { [text(price: $0), text(quantity: asks[$0]!)] }
        return (b, a)
    }

    /// The §6.1 checksum of the book now.
    func checksum() -> Int32 {
        let top = levels(limit: DepthChecksum.levels)
        return DepthChecksum.compute(bids: top.bids, asks: top.asks)
    }

    var bestBid: Int64? { bidPrices.first }
    var bestAsk: Int64? { askPrices.first }

    /// The levels changed since the last update (absolute quantities, "0" for removed ones)
    /// and the sequence step; marks them published.
    mutating func takeUpdate() -> (seq: UInt64, prevSeq: UInt64, bids: [[String]], asks: [[String]]) {
        let b = changedBids.sorted(by: >).map { [text(price: $0), bids[$0].map { text(quantity: $0) } ?? "0"] }
        let a = changedAsks.sorted().map { [text(price: $0), asks[$0].map { text(quantity: $0) } ?? "0"] }
        changedBids.removeAll(keepingCapacity: true)
        changedAsks.removeAll(keepingCapacity: true)
        let previous = sequence
        sequence = pendingSequence
        version &+= 1
        return (sequence, previous, b, a)
    }

    /// Clears the changed-level sets without publishing (after seeding).
    mutating func markPublished() {
        if !changedBids.isEmpty || !changedAsks.isEmpty || pendingSequence > sequence { version &+= 1 }
        changedBids.removeAll()
        changedAsks.removeAll()
        sequence = max(sequence, pendingSequence)
        pendingSequence = sequence
    }

    /// The whole book as `[(price, quantity)]` units, best first (for consistency checks).
    var allLevels: (bids: [(Int64, Int64)], asks: [(Int64, Int64)]) {
        (bidPrices.map { ($0, bids[$0]!) }, askPrices.map { ($0, asks[$0]!) })
    }
}
