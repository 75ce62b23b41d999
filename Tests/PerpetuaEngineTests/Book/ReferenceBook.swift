import PerpetuaCore
import PerpetuaEngine

/// The naive book that ``OrderBook`` is held to (exchange-core's `OrderBookNaiveImpl`).
///
/// Written for obviousness, not speed: orders live in one dictionary by id, each side is a
/// dictionary from price to the FIFO array of the ids resting there, and the best price or
/// the sorted levels are recomputed from the keys whenever they are needed. Every rule is
/// spelled out once, in the order the specification states it, so that a disagreement
/// with the fast book can be settled by reading this file.
struct ReferenceBook {
    var priceBandRate: Rate
    private(set) var referencePriceTicks: Int64?
    /// Increases by one after every command that changed the aggregated book.
    private(set) var sequence: UInt64 = 0
    /// The id of the last accepted place (0 before any).
    private(set) var highestAcceptedId: UInt64 = 0

    /// Every live (resting) order by id.
    private var orders: [UInt64: RestingOrder] = [:]
    /// Price → ids in time priority, one dictionary per side.
    private var bidQueues: [Int64: [UInt64]] = [:]
    private var askQueues: [Int64: [UInt64]] = [:]

    init(priceBandRate: Rate) { self.priceBandRate = priceBandRate }

    mutating func setReferencePrice(ticks: Int64?) { referencePriceTicks = ticks }

    // MARK: Queries

    var orderCount: Int { orders.count }
    var bestBid: Int64? { bidQueues.keys.max() }
    var bestAsk: Int64? { askQueues.keys.min() }

    func bestPrice(_ side: Side) -> Int64? { side == .buy ? bestBid : bestAsk }

    func levelCount(side: Side) -> Int { queues(side).count }

    func order(id: UInt64) -> RestingOrder? { orders[id] }

    /// The live orders in no particular order (the random generator picks from them).
    var liveOrders: Dictionary<UInt64, RestingOrder>.Values { orders.values }

    /// The side's prices, best first: bids high to low, asks low to high.
    func sortedPrices(_ side: Side) -> [Int64] {
        side == .buy ? queues(side).keys.sorted(by: >) : queues(side).keys.sorted()
    }

    func restingOrders(side: Side) -> [RestingOrder] {
        sortedPrices(side).flatMap { price in queues(side)[price]!.map { orders[$0]! } }
    }

    func depth(side: Side, limit: Int = .max) -> [DepthLevel] {
        sortedPrices(side).prefix(limit).map { price in
            let ids = queues(side)[price]!
            return DepthLevel(priceTicks: price, lots: ids.reduce(0) { $0 + orders[$1]!.remainingLots },
                              orderCount: ids.count)
        }
    }

    func levelLots(side: Side, priceTicks: Int64) -> Int64 {
        (queues(side)[priceTicks] ?? []).reduce(0) { $0 + orders[$1]!.remainingLots }
    }

    // MARK: Commands

    mutating func place(_ order: BookOrder, into events: inout [BookEvent]) -> ErrorCode? {
        place(order, into: &events, positions: { _ in 0 })
    }

    /// `positions`: each owner's position in lots before the command (long positive), for
    /// the reduce-only makers (see ``match(_:into:)``).
    mutating func place(_ order: BookOrder, into events: inout [BookEvent], positions: (UInt64) -> Int64) -> ErrorCode? {
        func reject(_ code: ErrorCode) -> ErrorCode {
            events.append(.rejected(orderId: order.id, code: code))
            return code
        }
        // Validation, first failure wins.
        if order.id <= highestAcceptedId { return reject(.duplicateClientOrderId) }
        if order.lots <= 0 { return reject(.invalidParameter) }
        if order.type == .limit && order.priceTicks <= 0 { return reject(.invalidParameter) }
        if order.type == .market && order.timeInForce == .postOnly { return reject(.invalidParameter) }
        if order.type == .limit && order.timeInForce == .postOnly && wouldCross(order.side, order.priceTicks) {
            return reject(.postOnlyWouldTake)
        }
        let limit = order.type == .market ? marketBound(order.side) : order.priceTicks
        if order.timeInForce == .fok
            && !fillOrKillFillable(side: order.side, owner: order.owner, stp: order.selfTradePrevention,
                                   limit: limit, lots: order.lots, positions: positions)
        {
            return reject(.fillOrKillNotFilled)
        }

        highestAcceptedId = order.id
        events.append(.accepted(orderId: order.id, side: order.side, priceTicks: limit, lots: order.lots))
        var taker = Taker(id: order.id, owner: order.owner, side: order.side, stp: order.selfTradePrevention,
                          limit: limit, remaining: order.lots)
        var changed = match(&taker, into: &events, positions: positions)
        if taker.remaining > 0 && !taker.stoppedBySelfTrade {
            if order.type == .market {
                let reason: CancelReason = bestPrice(order.side.opposite) != nil ? .priceBand : .immediateOrCancel
                events.append(.cancelled(orderId: order.id, remainingLots: taker.remaining, reason: reason))
            } else {
                switch order.timeInForce {
                case .gtc, .postOnly:
                    rest(RestingOrder(id: order.id, owner: order.owner, side: order.side, priceTicks: order.priceTicks,
                                      lots: order.lots, filledLots: order.lots - taker.remaining,
                                      timeInForce: order.timeInForce, selfTradePrevention: order.selfTradePrevention,
                                      reduceOnly: order.reduceOnly))
                    changed = true
                case .ioc:
                    events.append(.cancelled(orderId: order.id, remainingLots: taker.remaining, reason: .immediateOrCancel))
                case .fok:
                    preconditionFailure("a fill-or-kill order passed its pre-check but did not fill")
                }
            }
        }
        if changed { sequence += 1 }
        return nil
    }

    mutating func cancel(orderId: UInt64, reason: CancelReason = .user, into events: inout [BookEvent]) -> ErrorCode? {
        guard let order = orders[orderId] else { return rejectMissing(orderId, into: &events) }
        remove(orderId)
        events.append(.cancelled(orderId: orderId, remainingLots: order.remainingLots, reason: reason))
        sequence += 1
        return nil
    }

    mutating func amend(orderId: UInt64, priceTicks: Int64, lots: Int64, into events: inout [BookEvent]) -> ErrorCode? {
        amend(orderId: orderId, priceTicks: priceTicks, lots: lots, into: &events, positions: { _ in 0 })
    }

    mutating func amend(
        orderId: UInt64, priceTicks: Int64, lots: Int64, into events: inout [BookEvent], positions: (UInt64) -> Int64
    ) -> ErrorCode? {
        guard var order = orders[orderId] else { return rejectMissing(orderId, into: &events) }
        func reject(_ code: ErrorCode) -> ErrorCode {
            events.append(.rejected(orderId: orderId, code: code))
            return code
        }
        if lots <= 0 || priceTicks <= 0 { return reject(.invalidParameter) }
        if lots <= order.filledLots { return reject(.invalidParameter) }

        if priceTicks == order.priceTicks && lots == order.lots {
            events.append(.amended(orderId: orderId, priceTicks: priceTicks, lots: lots, keptPriority: true))
            return nil
        }
        if priceTicks == order.priceTicks && lots < order.lots {
            orders[orderId]!.lots = lots
            events.append(.amended(orderId: orderId, priceTicks: priceTicks, lots: lots, keptPriority: true))
            sequence += 1
            return nil
        }
        if order.timeInForce == .postOnly && wouldCross(order.side, priceTicks) {
            return reject(.postOnlyWouldTake)
        }

        remove(orderId)
        order.priceTicks = priceTicks
        order.lots = lots
        events.append(.amended(orderId: orderId, priceTicks: priceTicks, lots: lots, keptPriority: false))
        var taker = Taker(id: orderId, owner: order.owner, side: order.side, stp: order.selfTradePrevention,
                          limit: priceTicks, remaining: order.remainingLots)
        _ = match(&taker, into: &events, positions: positions)
        if taker.remaining > 0 && !taker.stoppedBySelfTrade {
            order.filledLots = lots - taker.remaining
            rest(order)
        }
        sequence += 1  // the order left its old place, so the book changed whatever followed
        return nil
    }

    // MARK: Matching

    /// An incoming order (a place, or an amended order re-entering) while it matches.
    private struct Taker {
        var id: UInt64
        var owner: UInt64
        var side: Side
        var stp: SelfTradePrevention
        var limit: Int64
        var remaining: Int64
        var stoppedBySelfTrade = false
    }

    /// Every owner's position during one sweep, in lots (long positive): read from the
    /// caller's `positions` the first time it is needed, then moved by every fill.
    private struct SweepPositions {
        var read: (UInt64) -> Int64
        var current: [UInt64: Int64] = [:]

        mutating func position(_ owner: UInt64) -> Int64 {
            if let known = current[owner] { return known }
            let position = read(owner)
            current[owner] = position
            return position
        }

        /// What a reduce-only order of `owner` on `side` may still fill: the part of the
        /// position on the other side (0 when flat or on the same side).
        mutating func closable(_ owner: UInt64, _ side: Side) -> Int64 {
            let position = position(owner)
            return max(0, side == .sell ? position : -position)
        }

        mutating func fill(_ owner: UInt64, _ side: Side, _ lots: Int64) {
            current[owner] = position(owner) + (side == .buy ? lots : -lots)
        }
    }

    /// Takes resting orders in price-time priority while the taker has quantity and the
    /// best opposite level is within its limit. Returns whether the book changed.
    ///
    /// After self-trade prevention, a reduce-only maker fills at most what its owner's
    /// position, as the sweep has moved it so far, still closes on its side; with nothing
    /// to close it is cancelled (`reduceOnly`) and the sweep goes on. A maker that fills
    /// only part of its remainder that way is met again at the head of the queue, now with
    /// nothing to close, and cancelled for the rest if the taker still wants more.
    private mutating func match(
        _ taker: inout Taker, into events: inout [BookEvent], positions: (UInt64) -> Int64
    ) -> Bool {
        withoutActuallyEscaping(positions) { positions in
            var sweep = SweepPositions(read: positions)
            return match(&taker, into: &events, sweep: &sweep)
        }
    }

    private mutating func match(_ taker: inout Taker, into events: inout [BookEvent], sweep: inout SweepPositions) -> Bool {
        var changed = false
        let makerSide = taker.side.opposite
        while taker.remaining > 0, let best = bestPrice(makerSide), within(taker.side, best, taker.limit) {
            let maker = orders[queues(makerSide)[best]!.first!]!
            if maker.owner == taker.owner && taker.stp != .none {
                switch taker.stp {
                case .cancelTaker:
                    events.append(.cancelled(orderId: taker.id, remainingLots: taker.remaining, reason: .selfTradePrevention))
                    taker.stoppedBySelfTrade = true
                    return changed
                case .cancelMaker:
                    events.append(.cancelled(orderId: maker.id, remainingLots: maker.remainingLots, reason: .selfTradePrevention))
                    remove(maker.id)
                    changed = true
                    continue
                case .cancelBoth:
                    events.append(.cancelled(orderId: maker.id, remainingLots: maker.remainingLots, reason: .selfTradePrevention))
                    remove(maker.id)
                    events.append(.cancelled(orderId: taker.id, remainingLots: taker.remaining, reason: .selfTradePrevention))
                    taker.stoppedBySelfTrade = true
                    return true
                case .none:
                    preconditionFailure("unreachable")
                }
            }
            var lots = min(maker.remainingLots, taker.remaining)
            if maker.reduceOnly {
                let closable = sweep.closable(maker.owner, maker.side)
                if closable == 0 {
                    events.append(.cancelled(orderId: maker.id, remainingLots: maker.remainingLots, reason: .reduceOnly))
                    remove(maker.id)
                    changed = true
                    continue
                }
                lots = min(lots, closable)
            }
            sweep.fill(maker.owner, maker.side, lots)
            sweep.fill(taker.owner, taker.side, lots)
            orders[maker.id]!.filledLots += lots
            taker.remaining -= lots
            let makerLeft = orders[maker.id]!.remainingLots
            events.append(.trade(BookTrade(
                makerOrderId: maker.id, makerOwner: maker.owner, takerOrderId: taker.id, takerOwner: taker.owner,
                takerSide: taker.side, priceTicks: maker.priceTicks, lots: lots,
                makerRemainingLots: makerLeft, takerRemainingLots: taker.remaining)))
            if makerLeft == 0 { remove(maker.id) }
            changed = true
        }
        return changed
    }

    /// Whether the whole of `lots` could fill now within `limit`, walking the opposite side
    /// in priority exactly as ``match(_:into:positions:)`` would.
    private func fillOrKillFillable(
        side: Side, owner: UInt64, stp: SelfTradePrevention, limit: Int64, lots: Int64, positions: (UInt64) -> Int64
    ) -> Bool {
        withoutActuallyEscaping(positions) { positions in
            var sweep = SweepPositions(read: positions)
            return fillOrKillFillable(side: side, owner: owner, stp: stp, limit: limit, lots: lots, sweep: &sweep)
        }
    }

    private func fillOrKillFillable(
        side: Side, owner: UInt64, stp: SelfTradePrevention, limit: Int64, lots: Int64, sweep: inout SweepPositions
    ) -> Bool {
        var need = lots
        for maker in restingOrders(side: side.opposite) {
            guard within(side, maker.priceTicks, limit) else { return false }
            if maker.owner == owner && stp != .none {
                switch stp {
                case .cancelTaker, .cancelBoth: return false
                case .cancelMaker: continue
                case .none: preconditionFailure("unreachable")
                }
            }
            var fill = min(maker.remainingLots, need)
            if maker.reduceOnly { fill = min(fill, sweep.closable(maker.owner, maker.side)) }
            sweep.fill(maker.owner, maker.side, fill)
            sweep.fill(owner, side, fill)
            need -= fill
            if need <= 0 { return true }
        }
        return false
    }

    /// Whether a maker at `makerPrice` is within a `takerSide` order's `limit`.
    private func within(_ takerSide: Side, _ makerPrice: Int64, _ limit: Int64) -> Bool {
        takerSide == .buy ? makerPrice <= limit : makerPrice >= limit
    }

    /// Whether a `side` order at `priceTicks` would take liquidity.
    private func wouldCross(_ side: Side, _ priceTicks: Int64) -> Bool {
        if side == .buy {
            guard let ask = bestAsk else { return false }
            return priceTicks >= ask
        } else {
            guard let bid = bestBid else { return false }
            return priceTicks <= bid
        }
    }

    /// How far a market order may trade: the reference (or best opposite) price moved by
    /// the band, 0 when there is neither.
    private func marketBound(_ side: Side) -> Int64 {
        guard let reference = referencePriceTicks ?? bestPrice(side.opposite) else { return 0 }
        let offset = Int64((Int128(reference) * Int128(priceBandRate.units)) / 100_000_000)
        return side == .buy ? reference + offset : max(1, reference - offset)
    }

    // MARK: Storage

    private func queues(_ side: Side) -> [Int64: [UInt64]] { side == .buy ? bidQueues : askQueues }

    private mutating func rejectMissing(_ orderId: UInt64, into events: inout [BookEvent]) -> ErrorCode {
        // Id 0 is never accepted, so it is unknown rather than final.
        let code: ErrorCode = orderId != 0 && orderId <= highestAcceptedId ? .orderAlreadyFinal : .orderNotFound
        events.append(.rejected(orderId: orderId, code: code))
        return code
    }

    /// Puts `order` at the back of its price level.
    private mutating func rest(_ order: RestingOrder) {
        precondition(order.remainingLots > 0 && orders[order.id] == nil)
        orders[order.id] = order
        if order.side == .buy {
            bidQueues[order.priceTicks, default: []].append(order.id)
        } else {
            askQueues[order.priceTicks, default: []].append(order.id)
        }
    }

    /// Takes a live order off the book; an emptied level disappears.
    private mutating func remove(_ id: UInt64) {
        let order = orders.removeValue(forKey: id)!
        if order.side == .buy {
            bidQueues[order.priceTicks]!.removeAll { $0 == id }
            if bidQueues[order.priceTicks]!.isEmpty { bidQueues[order.priceTicks] = nil }
        } else {
            askQueues[order.priceTicks]!.removeAll { $0 == id }
            if askQueues[order.priceTicks]!.isEmpty { askQueues[order.priceTicks] = nil }
        }
    }
}
