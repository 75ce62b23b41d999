import PerpetuaCore

/// One symbol's limit order book: price-time priority matching of LIMIT and MARKET orders
/// with GTC, IOC, FOK and POST_ONLY, self-trade prevention, cancel and amend.
///
/// The book is a value built for speed (DESIGN.md): orders and levels live in slabs
/// (`ContiguousArray`s of plain structs addressed by `Int32` handles, with free lists), each
/// level holds its orders in an intrusive doubly linked FIFO, each side is a sorted
/// ``PriceLadder`` with the best level last, and live ids map to slots through an
/// ``OrderIndex``. Nothing in the matching path allocates once the slabs have their
/// capacity, and nothing is reference counted per order.
///
/// It is deterministic and self-contained: commands go in, ``BookEvent``s are appended to
/// the caller's buffer (see ``BookEvent`` for their order), and it never calls out. Prices
/// are ticks and quantities lots of the symbol; conversion and size limits belong to
/// ``SymbolSpec``. Every refused command emits one `.rejected` and changes nothing.
public struct OrderBook: Sendable {
    struct Node: Sendable {
        var id: UInt64
        var owner: UInt64
        var priceTicks: Int64
        /// Total quantity, including the filled part.
        var lots: Int64
        var filled: Int64
        var prev: Int32
        var next: Int32
        var level: Int32
        var side: Side
        var timeInForce: TimeInForce
        var selfTradePrevention: SelfTradePrevention
        var reduceOnly: Bool
    }

    /// How much an owner's reduce-only makers may still fill in the sweep in progress: its
    /// position in the direction those makers close (long when they sell), which goes
    /// negative once the position is flat or on the other side.
    struct ReduceOnlyBudget: Sendable {
        var owner: UInt64
        var closable: Int64
    }

    @usableFromInline
    struct Level: Sendable {
        @usableFromInline var priceTicks: Int64
        /// Sum of the remaining quantities of the level's orders.
        @usableFromInline var lots: Int64
        @usableFromInline var count: Int32
        @usableFromInline var head: Int32
        @usableFromInline var tail: Int32

        @inlinable
        init(priceTicks: Int64, lots: Int64, count: Int32, head: Int32, tail: Int32) {
            self.priceTicks = priceTicks
            self.lots = lots
            self.count = count
            self.head = head
            self.tail = tail
        }
    }

    /// The order slab. It is filled to its initial capacity at creation so that the pages
    /// are touched then, not while trading (first-touch faults were ~8 % of book time);
    /// `nodesUsed` is the high-water mark below which slots have been handed out.
    private var nodes: ContiguousArray<Node>
    private var nodesUsed = 0
    private var freeNode: Int32 = -1
    // Levels and ladders are visible to inlinable code so that reading top-N depth from
    // another module costs a few loads rather than a call per level.
    @usableFromInline var levels: ContiguousArray<Level>
    private var freeLevel: Int32 = -1
    @usableFromInline var bids: PriceLadder
    @usableFromInline var asks: PriceLadder
    var index: OrderIndex
    /// Set when a command touched an aggregated level; turned into a sequence step at the end.
    var depthChanged = false
    /// The reduce-only allowances of the sweep in progress, one per owner met; empty
    /// between commands (see ``match``).
    private var sweepBudgets: ContiguousArray<ReduceOnlyBudget> = []

    /// How far a market order may sweep from the reference price (`0.05`: ±5 %).
    public var priceBandRate: Rate
    /// The price market orders are bounded around, normally the mark price. Without one,
    /// a market order is bounded around the best opposite price when it arrives.
    public internal(set) var referencePriceTicks: Int64?
    /// The depth sequence: increases by one after every command that changed the
    /// aggregated book, so that depth snapshots and deltas can be lined up.
    public internal(set) var sequence: UInt64 = 0
    /// The highest order id accepted; ids at or below it are used.
    public internal(set) var highestAcceptedId: UInt64 = 0

    /// Creates an empty book sized for `capacity` resting orders; it grows past that, but
    /// growing in the middle of trading costs a latency spike.
    public init(priceBandRate: Rate, capacity: Int = 1024) {
        self.priceBandRate = priceBandRate
        nodes = ContiguousArray(repeating: Node(
            id: 0, owner: 0, priceTicks: 0, lots: 0, filled: 0, prev: -1, next: -1, level: -1,
            side: .buy, timeInForce: .gtc, selfTradePrevention: .none, reduceOnly: false), count: max(capacity, 16))
        sweepBudgets.reserveCapacity(8)
        levels = []
        levels.reserveCapacity(min(capacity, 1 << 16))
        bids = PriceLadder(capacity: min(capacity, 1 << 16))
        asks = PriceLadder(capacity: min(capacity, 1 << 16))
        index = OrderIndex(capacity: capacity)
    }

    /// Sets (or clears) the reference price market orders are bounded around.
    public mutating func setReferencePrice(ticks: Int64?) { referencePriceTicks = ticks }

    // MARK: Commands

    /// Places an order with every owner counted flat: reduce-only makers it meets are
    /// cancelled (see ``place(_:into:positions:)``).
    @discardableResult
    public mutating func place(_ order: BookOrder, into events: inout [BookEvent]) -> ErrorCode? {
        placeOrder(order, into: &events, positions: { _ in 0 })
    }

    /// Places an order: validates it, matches it against the opposite side, and rests,
    /// cancels or expires what is left according to its type and time in force.
    /// Returns the rejection code, or nil when the order was accepted.
    ///
    /// `positions` gives an owner's position before this command, in lots (long positive,
    /// short negative). It is asked only when the sweep meets a reduce-only maker, once per
    /// owner. Each reduce-only maker fills only as far as its owner's position, as it
    /// stands after the sweep's earlier fills (of that owner's ordinary and reduce-only
    /// makers alike, and of the taker when it is that owner), still closes in the maker's
    /// direction. A reduce-only maker with nothing left to close is cancelled
    /// (``CancelReason/reduceOnly``) and the sweep goes on; one that can close part of its
    /// remainder fills that part and, if the taker wants more, is cancelled for the rest.
    /// So no fill of a reduce-only maker grows or flips a position. A self-trade (no
    /// self-trade prevention) leaves the position as it was, but is still limited, as the
    /// maker's side of it settles first. FOK counts what such makers can fill.
    @discardableResult
    public mutating func place(
        _ order: BookOrder, into events: inout [BookEvent], positions: (_ owner: UInt64) -> Int64
    ) -> ErrorCode? {
        placeOrder(order, into: &events, positions: positions)
    }

    /// Both `place`s, inlined into each so that the one without positions pays nothing for them.
    @inline(__always)
    private mutating func placeOrder(
        _ order: BookOrder, into events: inout [BookEvent], positions: (UInt64) -> Int64
    ) -> ErrorCode? {
        if order.id <= highestAcceptedId { return reject(order.id, .duplicateClientOrderId, &events) }
        if order.lots <= 0 { return reject(order.id, .invalidParameter, &events) }
        let limit: Int64
        if order.type == .limit {
            if order.priceTicks <= 0 { return reject(order.id, .invalidParameter, &events) }
            limit = order.priceTicks
            if order.timeInForce == .postOnly, crosses(order.side, limit) {
                return reject(order.id, .postOnlyWouldTake, &events)
            }
        } else {
            if order.timeInForce == .postOnly { return reject(order.id, .invalidParameter, &events) }
            limit = marketBound(order.side)
        }
        if order.timeInForce == .fok,
           !canFill(order.side, limit: limit, lots: order.lots, owner: order.owner, mode: order.selfTradePrevention,
                    positions: positions) {
            return reject(order.id, .fillOrKillNotFilled, &events)
        }

        highestAcceptedId = order.id
        events.append(.accepted(orderId: order.id, side: order.side, priceTicks: limit, lots: order.lots))
        var remaining = order.lots
        let stoppedBySelfTrade = match(
            takerId: order.id, owner: order.owner, side: order.side, mode: order.selfTradePrevention,
            limit: limit, remaining: &remaining, events: &events, positions: positions)
        if remaining > 0, !stoppedBySelfTrade {
            if order.type == .market {
                let reason: CancelReason = bestHandle(order.side.opposite) == nil ? .immediateOrCancel : .priceBand
                events.append(.cancelled(orderId: order.id, remainingLots: remaining, reason: reason))
            } else if order.timeInForce == .ioc || order.timeInForce == .fok {
                events.append(.cancelled(orderId: order.id, remainingLots: remaining, reason: .immediateOrCancel))
            } else {
                let slot = allocateNode(Node(
                    id: order.id, owner: order.owner, priceTicks: limit, lots: order.lots,
                    filled: order.lots - remaining, prev: -1, next: -1, level: -1, side: order.side,
                    timeInForce: order.timeInForce, selfTradePrevention: order.selfTradePrevention,
                    reduceOnly: order.reduceOnly))
                index.insert(order.id, slot: slot)
                link(slot)
            }
        }
        finishCommand()
        return nil
    }

    /// Cancels a resting order with `reason`. Returns 13013 for an id never accepted and
    /// 13014 for one that is no longer live.
    @discardableResult
    public mutating func cancel(orderId: UInt64, reason: CancelReason = .user, into events: inout [BookEvent]) -> ErrorCode? {
        let slot = index.find(orderId)
        if slot < 0 { return reject(orderId, notLiveCode(orderId), &events) }
        let node = nodes[Int(slot)]
        events.append(.cancelled(orderId: orderId, remainingLots: node.lots - node.filled, reason: reason))
        unlink(slot)
        index.remove(orderId)
        freeNodeSlot(slot)
        finishCommand()
        return nil
    }

    /// Amends a resting order to `priceTicks` and a new total quantity of `lots` (which
    /// must exceed what has filled). A quantity decrease at the same price keeps the
    /// order's place in the queue; a price change or a quantity increase sends it to the
    /// back, matching first if the new price crosses. A post-only order that would cross
    /// is rejected (13009) and stays as it was. Every owner counts as flat for the
    /// reduce-only makers a crossing amend meets (see ``amend(orderId:priceTicks:lots:into:positions:)``).
    @discardableResult
    public mutating func amend(orderId: UInt64, priceTicks: Int64, lots: Int64, into events: inout [BookEvent]) -> ErrorCode? {
        amend(orderId: orderId, priceTicks: priceTicks, lots: lots, into: &events, positions: { _ in 0 })
    }

    /// An amend whose crossing part matches as ``place(_:into:positions:)`` does, with the
    /// owners' positions from `positions`. The amended order keeps its reduce-only flag.
    @discardableResult
    public mutating func amend(
        orderId: UInt64, priceTicks: Int64, lots: Int64, into events: inout [BookEvent], positions: (_ owner: UInt64) -> Int64
    ) -> ErrorCode? {
        let slot = index.find(orderId)
        if slot < 0 { return reject(orderId, notLiveCode(orderId), &events) }
        let node = nodes[Int(slot)]
        if lots <= 0 || priceTicks <= 0 || lots <= node.filled { return reject(orderId, .invalidParameter, &events) }
        if priceTicks == node.priceTicks, lots <= node.lots {
            events.append(.amended(orderId: orderId, priceTicks: priceTicks, lots: lots, keptPriority: true))
            if lots < node.lots {
                nodes[Int(slot)].lots = lots
                levels[Int(node.level)].lots -= node.lots - lots
                depthChanged = true
                finishCommand()
            }
            return nil
        }
        if node.timeInForce == .postOnly, crosses(node.side, priceTicks) {
            return reject(orderId, .postOnlyWouldTake, &events)
        }
        events.append(.amended(orderId: orderId, priceTicks: priceTicks, lots: lots, keptPriority: false))
        unlink(slot)
        var remaining = lots - node.filled
        let stoppedBySelfTrade = match(
            takerId: orderId, owner: node.owner, side: node.side, mode: node.selfTradePrevention,
            limit: priceTicks, remaining: &remaining, events: &events, positions: positions)
        if remaining > 0, !stoppedBySelfTrade {
            nodes[Int(slot)].priceTicks = priceTicks
            nodes[Int(slot)].lots = lots
            nodes[Int(slot)].filled = lots - remaining
            link(slot)
        } else {
            index.remove(orderId)
            freeNodeSlot(slot)
        }
        finishCommand()
        return nil
    }

    // MARK: Queries

    /// The number of resting orders.
    public var orderCount: Int { index.count }
    /// The highest bid price, in ticks.
    public var bestBid: Int64? { bids.bestKey }
    /// The lowest ask price, in ticks.
    public var bestAsk: Int64? { asks.bestKey.map { -$0 } }
    /// The number of price levels on `side`.
    public func levelCount(side: Side) -> Int { self.side(side).count }

    /// The aggregated level `rank` places from the best (0 is the best), or nil.
    /// Reads top-N depth without allocating.
    @inlinable
    public func level(side: Side, rank: Int) -> DepthLevel? {
        let handle = side == .buy ? bids.handle(rankOrNil: rank) : asks.handle(rankOrNil: rank)
        guard handle >= 0 else { return nil }
        let level = levels[Int(handle)]
        return DepthLevel(priceTicks: level.priceTicks, lots: level.lots, orderCount: Int(level.count))
    }

    /// Up to `limit` aggregated levels of `side`, best first.
    public func depth(side: Side, limit: Int = .max) -> [DepthLevel] {
        let count = min(limit, self.side(side).count)
        var result: [DepthLevel] = []
        result.reserveCapacity(max(0, count))
        for rank in 0..<max(0, count) { result.append(level(side: side, rank: rank)!) }
        return result
    }

    /// The remaining quantity resting at `priceTicks` on `side` (0 when no level is there).
    public func levelLots(side: Side, priceTicks: Int64) -> Int64 {
        let handle = self.side(side).find(key(side, priceTicks))
        return handle < 0 ? 0 : levels[Int(handle)].lots
    }

    /// The resting order `id`, or nil when it is not live.
    public func order(id: UInt64) -> RestingOrder? {
        let slot = index.find(id)
        return slot < 0 ? nil : resting(nodes[Int(slot)])
    }

    /// Every resting order of `side` in priority order: best price first, then time.
    public func restingOrders(side: Side) -> [RestingOrder] {
        var result: [RestingOrder] = []
        let ladder = self.side(side)
        for rank in 0..<ladder.count {
            var n = levels[Int(ladder.handle(rank: rank))].head
            while n >= 0 {
                result.append(resting(nodes[Int(n)]))
                n = nodes[Int(n)].next
            }
        }
        return result
    }

    // MARK: Matching

    /// Matches an incoming quantity against the opposite side up to `limit`. Returns true
    /// when self-trade prevention cancelled the incoming order.
    ///
    /// Reduce-only makers: the first one met starts the bookkeeping, and from then on every
    /// fill updates the allowances in `sweepBudgets` (the maker's owner closes, a taker
    /// owner with an allowance opens in the other direction). An owner's allowance is made
    /// when its first reduce-only maker is met, from `positions` and the sweep's trades so
    /// far. Until then the loop pays one flag test per fill.
    @inline(__always)
    private mutating func match(
        takerId: UInt64, owner: UInt64, side: Side, mode: SelfTradePrevention,
        limit: Int64, remaining: inout Int64, events: inout [BookEvent], positions: (UInt64) -> Int64
    ) -> Bool {
        let opposite = side.opposite
        let sweepStart = events.count
        var budgeting = false
        defer { if budgeting { sweepBudgets.removeAll(keepingCapacity: true) } }
        while remaining > 0 {
            guard let handle = bestHandle(opposite) else { return false }
            let h = Int(handle)
            let price = levels[h].priceTicks
            if side == .buy ? price > limit : price < limit { return false }
            var stopped = false
            while remaining > 0 {
                let n = levels[h].head
                if n < 0 { break }
                let maker = nodes[Int(n)]
                let makerRemaining = maker.lots - maker.filled
                if maker.owner == owner, mode != .none {
                    if mode == .cancelTaker {
                        events.append(.cancelled(orderId: takerId, remainingLots: remaining, reason: .selfTradePrevention))
                        stopped = true
                        break
                    }
                    events.append(.cancelled(orderId: maker.id, remainingLots: makerRemaining, reason: .selfTradePrevention))
                    depthChanged = true
                    levels[h].lots -= makerRemaining
                    popHead(h)
                    index.remove(maker.id)
                    freeNodeSlot(n)
                    if mode == .cancelBoth {
                        events.append(.cancelled(orderId: takerId, remainingLots: remaining, reason: .selfTradePrevention))
                        stopped = true
                        break
                    }
                    continue
                }
                var quantity = min(makerRemaining, remaining)
                if maker.reduceOnly || budgeting {
                    budgeting = true
                    quantity = reduceOnlyQuantity(
                        maker: n, level: h, taker: owner, quantity: quantity, sweepStart: sweepStart, events: &events,
                        positions: positions)
                    if quantity == 0 { continue }  // the maker was cancelled
                }
                depthChanged = true
                remaining -= quantity
                levels[h].lots -= quantity
                events.append(.trade(BookTrade(
                    makerOrderId: maker.id, makerOwner: maker.owner, takerOrderId: takerId, takerOwner: owner,
                    takerSide: side, priceTicks: price, lots: quantity,
                    makerRemainingLots: makerRemaining - quantity, takerRemainingLots: remaining)))
                if quantity == makerRemaining {
                    popHead(h)
                    index.remove(maker.id)
                    freeNodeSlot(n)
                } else {
                    nodes[Int(n)].filled = maker.filled + quantity
                }
            }
            if levels[h].count == 0 {
                if opposite == .buy { bids.removeBest() } else { asks.removeBest() }
                freeLevelSlot(Int32(h))
            }
            if stopped { return true }
        }
        return false
    }

    /// The part of `quantity` that the maker at the head of level `h` (node `n`) may fill
    /// now, once the sweep keeps allowances: all of it for an ordinary maker, at most its
    /// owner's allowance for a reduce-only one. A reduce-only maker whose owner has nothing
    /// left to close is cancelled and taken off the book here, and 0 returned. The
    /// allowances are charged with the fill.
    @inline(never)
    private mutating func reduceOnlyQuantity(
        maker n: Int32, level h: Int, taker: UInt64, quantity: Int64, sweepStart: Int, events: inout [BookEvent],
        positions: (UInt64) -> Int64
    ) -> Int64 {
        let maker = nodes[Int(n)]
        var quantity = quantity
        if maker.reduceOnly {
            let closable = reduceOnlyAllowance(maker.owner, makerSide: maker.side, trades: events[sweepStart...], positions: positions)
            if closable <= 0 {
                let makerRemaining = maker.lots - maker.filled
                events.append(.cancelled(orderId: maker.id, remainingLots: makerRemaining, reason: .reduceOnly))
                depthChanged = true
                levels[h].lots -= makerRemaining
                popHead(h)
                index.remove(maker.id)
                freeNodeSlot(n)
                return 0
            }
            quantity = min(quantity, closable)
        }
        if maker.owner != taker { chargeBudgets(maker: maker.owner, taker: taker, lots: quantity) }
        return quantity
    }

    /// The allowance of `owner`'s reduce-only makers on `makerSide` in the sweep in
    /// progress, made from `positions` and the sweep's `trades` so far when it is the first
    /// of its reduce-only makers met.
    @inline(never)
    private mutating func reduceOnlyAllowance(
        _ owner: UInt64, makerSide: Side, trades: ArraySlice<BookEvent>, positions: (UInt64) -> Int64
    ) -> Int64 {
        for budget in sweepBudgets where budget.owner == owner { return budget.closable }
        var closable = Self.closable(positions(owner), makerSide: makerSide)
        for event in trades {
            guard case .trade(let t) = event, t.makerOwner != t.takerOwner else { continue }
            if t.makerOwner == owner { closable -= t.lots } else if t.takerOwner == owner { closable += t.lots }
        }
        sweepBudgets.append(ReduceOnlyBudget(owner: owner, closable: closable))
        return closable
    }

    /// A position (long positive) as what reduce-only makers on `makerSide` may close.
    @inline(__always)
    private static func closable(_ position: Int64, makerSide: Side) -> Int64 {
        makerSide == .sell ? position : (position == .min ? .max : -position)
    }

    /// Moves the allowances by a fill of `lots` between two different owners: the maker's
    /// position moves towards flat (or past it), the taker's away from its makers' side.
    @inline(never)
    private mutating func chargeBudgets(maker: UInt64, taker: UInt64, lots: Int64) {
        for i in sweepBudgets.indices {
            if sweepBudgets[i].owner == maker {
                sweepBudgets[i].closable -= lots
            } else if sweepBudgets[i].owner == taker {
                sweepBudgets[i].closable += lots
            }
        }
    }

    /// Whether an order of `lots` on `side` could fill completely up to `limit` now,
    /// walking the queue as matching would, self-trade prevention and reduce-only
    /// allowances included.
    private mutating func canFill(
        _ side: Side, limit: Int64, lots: Int64, owner: UInt64, mode: SelfTradePrevention, positions: (UInt64) -> Int64
    ) -> Bool {
        var need = lots
        let opposite = side.opposite
        let ladder = self.side(opposite)
        for rank in 0..<ladder.count {
            let level = levels[Int(ladder.handle(rank: rank))]
            if side == .buy ? level.priceTicks > limit : level.priceTicks < limit { return false }
            var n = level.head
            while n >= 0 {
                let maker = nodes[Int(n)]
                if maker.owner == owner, mode != .none {
                    if mode != .cancelMaker { return false }
                } else if maker.reduceOnly {
                    return canFillWithAllowances(side, limit: limit, lots: lots, owner: owner, mode: mode, positions: positions)
                } else {
                    need -= maker.lots - maker.filled
                    if need <= 0 { return true }
                }
                n = maker.next
            }
        }
        return false
    }

    /// ``canFill`` once a reduce-only maker is within reach: the same walk from the start,
    /// keeping an allowance for the taker's owner and for each maker owner from its first
    /// fill on, as ``match`` would.
    @inline(never)
    private mutating func canFillWithAllowances(
        _ side: Side, limit: Int64, lots: Int64, owner: UInt64, mode: SelfTradePrevention, positions: (UInt64) -> Int64
    ) -> Bool {
        let opposite = side.opposite
        defer { sweepBudgets.removeAll(keepingCapacity: true) }
        sweepBudgets.append(ReduceOnlyBudget(owner: owner, closable: Self.closable(positions(owner), makerSide: opposite)))
        var need = lots
        let ladder = self.side(opposite)
        for rank in 0..<ladder.count {
            let level = levels[Int(ladder.handle(rank: rank))]
            if side == .buy ? level.priceTicks > limit : level.priceTicks < limit { return false }
            var n = level.head
            while n >= 0 {
                let maker = nodes[Int(n)]
                n = maker.next
                if maker.owner == owner, mode != .none {
                    if mode != .cancelMaker { return false }
                    continue
                }
                var quantity = min(maker.lots - maker.filled, need)
                var closable: Int64?
                for budget in sweepBudgets where budget.owner == maker.owner { closable = budget.closable }
                if closable == nil {
                    // The owner's first fill in this walk: nothing has moved its position yet.
                    closable = Self.closable(positions(maker.owner), makerSide: opposite)
                    sweepBudgets.append(ReduceOnlyBudget(owner: maker.owner, closable: closable!))
                }
                if maker.reduceOnly {
                    quantity = min(quantity, max(0, closable!))
                    if quantity == 0 { continue }
                }
                if maker.owner != owner { chargeBudgets(maker: maker.owner, taker: owner, lots: quantity) }
                need -= quantity
                if need <= 0 { return true }
            }
        }
        return false
    }

    /// The price a market order may trade to: the reference price moved by the band
    /// towards the order's worse side, rounded inwards to whole ticks.
    private func marketBound(_ side: Side) -> Int64 {
        let reference: Int64
        if let ticks = referencePriceTicks {
            reference = ticks
        } else if let best = side == .buy ? bestAsk : bestBid {
            reference = best
        } else {
            return 0
        }
        let delta = Int64((Int128(reference) * Int128(priceBandRate.units)) / Int128(fixedPointOne))
        return side == .buy ? reference + delta : max(1, reference - delta)
    }

    @inline(__always)
    private func crosses(_ side: Side, _ price: Int64) -> Bool {
        if side == .buy {
            guard let ask = bestAsk else { return false }
            return price >= ask
        }
        guard let bid = bestBid else { return false }
        return price <= bid
    }

    // MARK: Slabs, levels and links

    @inline(__always)
    private func side(_ side: Side) -> PriceLadder { side == .buy ? bids : asks }

    @inline(__always)
    private func bestHandle(_ side: Side) -> Int32? { side == .buy ? bids.bestHandle : asks.bestHandle }

    @inline(__always)
    private func key(_ side: Side, _ price: Int64) -> Int64 { side == .buy ? price : -price }

    private func notLiveCode(_ id: UInt64) -> ErrorCode {
        id != 0 && id <= highestAcceptedId ? .orderAlreadyFinal : .orderNotFound
    }

    private func reject(_ id: UInt64, _ code: ErrorCode, _ events: inout [BookEvent]) -> ErrorCode {
        events.append(.rejected(orderId: id, code: code))
        return code
    }

    @inline(__always)
    private mutating func finishCommand() {
        if depthChanged {
            sequence &+= 1
            depthChanged = false
        }
    }

    @inline(__always)
    mutating func allocateNode(_ node: Node) -> Int32 {
        if freeNode >= 0 {
            let slot = freeNode
            freeNode = nodes[Int(slot)].next
            nodes[Int(slot)] = node
            return slot
        }
        if nodesUsed == nodes.count { nodes.append(node) } else { nodes[nodesUsed] = node }
        nodesUsed += 1
        return Int32(nodesUsed - 1)
    }

    @inline(__always)
    private mutating func freeNodeSlot(_ slot: Int32) {
        nodes[Int(slot)].next = freeNode
        nodes[Int(slot)].level = -1
        freeNode = slot
    }

    @inline(__always)
    private mutating func freeLevelSlot(_ handle: Int32) {
        levels[Int(handle)].head = freeLevel
        levels[Int(handle)].count = 0
        freeLevel = handle
    }

    /// Appends the node at `slot` to the back of the level at its price, creating the
    /// level when it is new.
    @inline(__always)
    mutating func link(_ slot: Int32) {
        let node = nodes[Int(slot)]
        let k = key(node.side, node.priceTicks)
        let position = node.side == .buy ? bids.position(of: k) : asks.position(of: k)
        var handle = node.side == .buy ? bids.handle(at: position, ifKey: k) : asks.handle(at: position, ifKey: k)
        if handle < 0 {
            let level = Level(priceTicks: node.priceTicks, lots: 0, count: 0, head: -1, tail: -1)
            if freeLevel >= 0 {
                handle = freeLevel
                freeLevel = levels[Int(handle)].head
                levels[Int(handle)] = level
            } else {
                levels.append(level)
                handle = Int32(levels.count - 1)
            }
            if node.side == .buy {
                bids.insert(k, handle: handle, at: position)
            } else {
                asks.insert(k, handle: handle, at: position)
            }
        }
        let h = Int(handle)
        let tail = levels[h].tail
        nodes[Int(slot)].prev = tail
        nodes[Int(slot)].next = -1
        nodes[Int(slot)].level = handle
        if tail >= 0 { nodes[Int(tail)].next = slot } else { levels[h].head = slot }
        levels[h].tail = slot
        levels[h].count += 1
        levels[h].lots += node.lots - node.filled
        depthChanged = true
    }

    /// Takes the node at `slot` out of its level, removing the level when it empties.
    /// The node keeps its id-index entry and its slot.
    @inline(__always)
    private mutating func unlink(_ slot: Int32) {
        let node = nodes[Int(slot)]
        let h = Int(node.level)
        if node.prev >= 0 { nodes[Int(node.prev)].next = node.next } else { levels[h].head = node.next }
        if node.next >= 0 { nodes[Int(node.next)].prev = node.prev } else { levels[h].tail = node.prev }
        levels[h].count -= 1
        levels[h].lots -= node.lots - node.filled
        depthChanged = true
        if levels[h].count == 0 {
            let k = key(node.side, node.priceTicks)
            if node.side == .buy { bids.remove(k) } else { asks.remove(k) }
            freeLevelSlot(Int32(h))
        }
    }

    /// Removes the first node of level `h` (its quantity already taken off the level).
    @inline(__always)
    private mutating func popHead(_ h: Int) {
        let n = levels[h].head
        let next = nodes[Int(n)].next
        levels[h].head = next
        if next >= 0 { nodes[Int(next)].prev = -1 } else { levels[h].tail = -1 }
        levels[h].count -= 1
    }

    private func resting(_ node: Node) -> RestingOrder {
        RestingOrder(
            id: node.id, owner: node.owner, side: node.side, priceTicks: node.priceTicks, lots: node.lots,
            filledLots: node.filled, timeInForce: node.timeInForce, selfTradePrevention: node.selfTradePrevention,
            reduceOnly: node.reduceOnly)
    }
}

extension OrderBook {
    /// Checks every structural invariant: ladders strictly sorted and pointing at levels of
    /// their price, each level's FIFO consistent in both directions with a count and total
    /// equal to its orders', every resting order positive, on its level and in the id
    /// index, the index holding nothing else, and the book not crossed. Tests call it after
    /// every command; a failure is always a bug.
    public func validateInternalState() throws(BookInvariantViolation) {
        var seen = 0
        for side in [Side.buy, .sell] {
            let ladder = self.side(side)
            for position in 0..<ladder.count {
                if position > 0, ladder.keys[position - 1] >= ladder.keys[position] {
                    throw BookInvariantViolation("\(side) ladder not strictly sorted at \(position)")
                }
                let handle = ladder.handles[position]
                let level = levels[Int(handle)]
                if key(side, level.priceTicks) != ladder.keys[position] {
                    throw BookInvariantViolation("\(side) level \(handle) price \(level.priceTicks) does not match its ladder key")
                }
                if level.count <= 0 { throw BookInvariantViolation("\(side) level at \(level.priceTicks) is empty but listed") }
                var n = level.head
                var previous: Int32 = -1
                var count: Int32 = 0
                var total: Int64 = 0
                while n >= 0 {
                    let node = nodes[Int(n)]
                    if node.prev != previous { throw BookInvariantViolation("order \(node.id) has a broken back link") }
                    if node.level != handle || node.side != side || node.priceTicks != level.priceTicks {
                        throw BookInvariantViolation("order \(node.id) is on the wrong level")
                    }
                    if node.filled < 0 || node.lots - node.filled <= 0 {
                        throw BookInvariantViolation("order \(node.id) rests with remaining \(node.lots - node.filled)")
                    }
                    if node.timeInForce != .gtc && node.timeInForce != .postOnly {
                        throw BookInvariantViolation("order \(node.id) rests with time in force \(node.timeInForce)")
                    }
                    if node.id == 0 || node.id > highestAcceptedId { throw BookInvariantViolation("order \(node.id) has an id never accepted") }
                    if index.find(node.id) != n { throw BookInvariantViolation("order \(node.id) is not indexed at its slot") }
                    count += 1
                    total += node.lots - node.filled
                    previous = n
                    n = node.next
                }
                if level.tail != previous { throw BookInvariantViolation("\(side) level at \(level.priceTicks) has a wrong tail") }
                if count != level.count || total != level.lots {
                    throw BookInvariantViolation("\(side) level at \(level.priceTicks) counts \(level.count)/\(level.lots) but holds \(count)/\(total)")
                }
                seen += Int(count)
            }
        }
        if seen != index.count { throw BookInvariantViolation("index holds \(index.count) orders, levels hold \(seen)") }
        if !sweepBudgets.isEmpty { throw BookInvariantViolation("reduce-only allowances left over from a sweep") }
        if let bid = bestBid, let ask = bestAsk, bid >= ask { throw BookInvariantViolation("book crossed: bid \(bid) >= ask \(ask)") }
    }

    /// A hash of everything that decides the book's future behaviour: the resting orders in
    /// priority order with their owners, quantities and modes, the id watermark, the depth
    /// sequence and the price band. Equal books hash equally on every machine (FNV-1a, no
    /// per-process seed).
    public func stateHash() -> UInt64 {
        var hash = StateHasher()
        hash.combine(highestAcceptedId)
        hash.combine(sequence)
        hash.combine(UInt64(bitPattern: referencePriceTicks ?? -1))
        hash.combine(UInt64(bitPattern: priceBandRate.units))
        for side in [Side.buy, .sell] {
            hash.combine(side == .buy ? UInt64(0xB1D) : UInt64(0xA5C))
            for order in restingOrders(side: side) {
                hash.combine(order.id)
                hash.combine(order.owner)
                hash.combine(UInt64(bitPattern: order.priceTicks))
                hash.combine(UInt64(bitPattern: order.lots))
                hash.combine(UInt64(bitPattern: order.filledLots))
                // Bit 0 post-only, bit 1 reduce-only (so books without reduce-only orders hash as before).
                hash.combine((order.timeInForce == .postOnly ? UInt64(1) : 0) | (order.reduceOnly ? UInt64(2) : 0))
                hash.combine(UInt64(SelfTradePrevention.allCases.firstIndex(of: order.selfTradePrevention)!))
            }
        }
        return hash.value
    }
}

/// A BookInvariantViolation found by ``OrderBook/validateInternalState()``: always a bug.
public struct BookInvariantViolation: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
