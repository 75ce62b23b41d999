import PerpetuaCore

/// The book's snapshot form: its settings and counters, then each side's resting orders in
/// priority order, so that re-linking them in that order restores every queue position.
/// Each order carries its reduce-only flag (from engine snapshot format 3 on).
extension OrderBook: BinaryCodable {
    public func encode(to w: inout BinaryWriter) {
        w.write(priceBandRate)
        w.writeOptional(referencePriceTicks) { $0.write($1) }
        w.write(sequence)
        w.write(highestAcceptedId)
        for side in [Side.buy, .sell] {
            let orders = restingOrders(side: side)
            w.write(orders.count)
            for order in orders {
                w.write(order.id); w.write(order.owner); w.write(order.priceTicks); w.write(order.lots)
                w.write(order.filledLots); w.write(order.timeInForce); w.write(order.selfTradePrevention)
                w.write(order.reduceOnly)
            }
        }
    }

    public init(from r: inout BinaryReader) throws {
        try self.init(from: &r, capacity: 1024)
    }

    /// Restores a book, sized for at least `capacity` resting orders.
    public init(from r: inout BinaryReader, capacity: Int) throws {
        let band = try r.read(Rate.self)
        let reference = try r.readOptional { try $0.readInt64() }
        let sequence = try r.readUInt64()
        let highest = try r.readUInt64()
        var sides: [(Side, [RestingOrder])] = []
        for side in [Side.buy, .sell] {
            let count = try r.readInt()
            guard count >= 0, count <= r.remaining else {
                throw BinaryDecodingError.malformed(offset: r.offset, reason: "implausible order count \(count)")
            }
            var orders: [RestingOrder] = []
            orders.reserveCapacity(count)
            for _ in 0..<count {
                orders.append(RestingOrder(
                    id: try r.readUInt64(), owner: try r.readUInt64(), side: side, priceTicks: try r.readInt64(),
                    lots: try r.readInt64(), filledLots: try r.readInt64(), timeInForce: try r.read(TimeInForce.self),
                    selfTradePrevention: try r.read(SelfTradePrevention.self), reduceOnly: try r.readBool()))
            }
            sides.append((side, orders))
        }
        self.init(priceBandRate: band, capacity: max(capacity, sides.map(\.1.count).reduce(0, +)))
        referencePriceTicks = reference
        self.sequence = sequence
        highestAcceptedId = highest
        for (_, orders) in sides {
            for order in orders {
                guard order.id != 0, order.id <= highest, order.priceTicks > 0, order.filledLots >= 0,
                      order.lots > order.filledLots, index.find(order.id) < 0 else {
                    throw BinaryDecodingError.malformed(offset: r.offset, reason: "invalid resting order \(order.id)")
                }
                let slot = allocateNode(Node(
                    id: order.id, owner: order.owner, priceTicks: order.priceTicks, lots: order.lots,
                    filled: order.filledLots, prev: -1, next: -1, level: -1, side: order.side,
                    timeInForce: order.timeInForce, selfTradePrevention: order.selfTradePrevention,
                    reduceOnly: order.reduceOnly))
                index.insert(order.id, slot: slot)
                link(slot)
            }
        }
        // Re-linking marked the depth as changed; restoring is not a change.
        depthChanged = false
        do { try validateInternalState() } catch {
            throw BinaryDecodingError.malformed(offset: r.offset, reason: "restored book is unsound: \(error)")
        }
    }
}
