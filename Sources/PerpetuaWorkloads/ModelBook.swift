import PerpetuaCore

/// A deliberately simple price-time book that the exchange-core generator simulates
/// against while it writes commands.
///
/// The generator has to know which orders are still live (to cancel or move them), where
/// the best prices are (to aim aggressive orders) and how many trades each command makes
/// (to steer the mix and to predict the fast book's counts). Dictionaries and sorted
/// arrays keep it obviously correct; it runs only while the workload is built, never in a
/// timed loop. Limit orders only, no self-trade prevention, no price band: exactly the
/// subset of ``PerpetuaEngine/OrderBook`` the workload uses.
struct ModelBook {
    struct Order {
        var side: Side
        var priceTicks: Int64
        /// Total quantity, including what has filled.
        var lots: Int64
        var filledLots: Int64
        var remainingLots: Int64 { lots - filledLots }
    }

    private(set) var orders: [UInt64: Order] = [:]
    /// Prices of non-empty bid levels, ascending: the best bid is last.
    private var bidPrices: [Int64] = []
    /// Prices of non-empty ask levels, descending: the best ask is last.
    private var askPrices: [Int64] = []
    /// Each level's orders in time priority.
    private var bidQueues: [Int64: [UInt64]] = [:]
    private var askQueues: [Int64: [UInt64]] = [:]
    /// Live order ids in no particular order, for uniform random picks.
    private(set) var liveIds: [UInt64] = []
    private var livePositions: [UInt64: Int] = [:]
    private(set) var bidOrderCount = 0
    private(set) var askOrderCount = 0

    var bestBid: Int64? { bidPrices.last }
    var bestAsk: Int64? { askPrices.last }
    var levelCount: Int { bidPrices.count + askPrices.count }
    var bidLevelCount: Int { bidPrices.count }
    var askLevelCount: Int { askPrices.count }
    var liveCount: Int { liveIds.count }

    /// Places a limit order; returns the number of trades. An IOC remainder is dropped, a
    /// GTC remainder rests at the back of its level.
    mutating func place(id: UInt64, side: Side, priceTicks: Int64, lots: Int64, immediateOrCancel: Bool) -> Int {
        var remaining = lots
        let fills = match(side: side, limit: priceTicks, remaining: &remaining)
        if remaining > 0, !immediateOrCancel {
            rest(id: id, Order(side: side, priceTicks: priceTicks, lots: lots, filledLots: lots - remaining))
        }
        return fills
    }

    /// Cancels a live order.
    mutating func cancel(id: UInt64) {
        guard let order = orders[id] else { preconditionFailure("model cancel of order \(id) that is not live") }
        unlink(id: id, order)
        forget(id: id)
    }

    /// Moves a live order to a new price with the same total quantity: it leaves its
    /// level, trades as a taker if the new price crosses, and rests what is left at the
    /// back of the new level. Returns the number of trades.
    mutating func move(id: UInt64, to priceTicks: Int64) -> Int {
        guard var order = orders[id] else { preconditionFailure("model move of order \(id) that is not live") }
        precondition(order.priceTicks != priceTicks, "a move must change the price")
        unlink(id: id, order)
        var remaining = order.remainingLots
        let fills = match(side: order.side, limit: priceTicks, remaining: &remaining)
        if remaining > 0 {
            order.priceTicks = priceTicks
            order.filledLots = order.lots - remaining
            orders[id] = order
            link(id: id, order)
        } else {
            forget(id: id)
        }
        return fills
    }

    /// What is left of the first order in time at the best level of `side`, or nil when
    /// the side is empty.
    func frontRemainingLots(side: Side) -> Int64? {
        guard let price = side == .buy ? bidPrices.last : askPrices.last,
            let id = (side == .buy ? bidQueues[price] : askQueues[price])?.first
        else { return nil }
        return orders[id]!.remainingLots
    }

    /// The number of live orders on one side.
    func orderCount(side: Side) -> Int { side == .buy ? bidOrderCount : askOrderCount }

    // MARK: Matching

    private mutating func match(side: Side, limit: Int64, remaining: inout Int64) -> Int {
        var fills = 0
        while remaining > 0 {
            let best: Int64
            if side == .buy {
                guard let ask = askPrices.last, ask <= limit else { break }
                best = ask
            } else {
                guard let bid = bidPrices.last, bid >= limit else { break }
                best = bid
            }
            let makerSide = side.opposite
            var queue =
                (makerSide == .buy ? bidQueues.removeValue(forKey: best) : askQueues.removeValue(forKey: best)) ?? []
            var consumed = 0
            while remaining > 0, consumed < queue.count {
                let makerId = queue[consumed]
                var maker = orders[makerId]!
                let fill = min(remaining, maker.remainingLots)
                maker.filledLots += fill
                remaining -= fill
                fills += 1
                if maker.remainingLots == 0 {
                    consumed += 1
                    forget(id: makerId)
                } else {
                    orders[makerId] = maker
                }
            }
            queue.removeFirst(consumed)
            if makerSide == .buy { bidOrderCount -= consumed } else { askOrderCount -= consumed }
            if queue.isEmpty {
                if makerSide == .buy { bidPrices.removeLast() } else { askPrices.removeLast() }
            } else if makerSide == .buy {
                bidQueues[best] = queue
            } else {
                askQueues[best] = queue
            }
        }
        return fills
    }

    // MARK: Bookkeeping

    private mutating func rest(id: UInt64, _ order: Order) {
        orders[id] = order
        livePositions[id] = liveIds.count
        liveIds.append(id)
        link(id: id, order)
    }

    /// Appends the order to the back of its level, creating the level when needed.
    private mutating func link(id: UInt64, _ order: Order) {
        let price = order.priceTicks
        if order.side == .buy {
            bidOrderCount += 1
            if bidQueues[price] == nil {
                bidPrices.insert(price, at: Self.insertionIndex(of: price, in: bidPrices, ascending: true))
            }
            bidQueues[price, default: []].append(id)
        } else {
            askOrderCount += 1
            if askQueues[price] == nil {
                askPrices.insert(price, at: Self.insertionIndex(of: price, in: askPrices, ascending: false))
            }
            askQueues[price, default: []].append(id)
        }
    }

    /// Takes the order out of its level, dropping the level when it empties.
    private mutating func unlink(id: UInt64, _ order: Order) {
        let price = order.priceTicks
        if order.side == .buy {
            bidOrderCount -= 1
            var queue = bidQueues.removeValue(forKey: price)!
            queue.remove(at: queue.firstIndex(of: id)!)
            if queue.isEmpty {
                bidPrices.remove(at: Self.insertionIndex(of: price, in: bidPrices, ascending: true))
            } else {
                bidQueues[price] = queue
            }
        } else {
            askOrderCount -= 1
            var queue = askQueues.removeValue(forKey: price)!
            queue.remove(at: queue.firstIndex(of: id)!)
            if queue.isEmpty {
                askPrices.remove(at: Self.insertionIndex(of: price, in: askPrices, ascending: false))
            } else {
                askQueues[price] = queue
            }
        }
    }

    /// Removes the order from the live set (its level is handled by the caller).
    private mutating func forget(id: UInt64) {
        orders[id] = nil
        let position = livePositions.removeValue(forKey: id)!
        let last = liveIds.removeLast()
        if last != id {
            liveIds[position] = last
            livePositions[last] = position
        }
    }

    /// The first index whose price is not before `price` in the array's order.
    private static func insertionIndex(of price: Int64, in prices: [Int64], ascending: Bool) -> Int {
        var low = 0
        var high = prices.count
        while low < high {
            let mid = (low + high) / 2
            let before = ascending ? prices[mid] < price : prices[mid] > price
            if before { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
