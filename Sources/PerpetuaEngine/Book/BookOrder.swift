import PerpetuaCore

/// An order as the book sees it: integers on the symbol's grid, no strings, no money.
///
/// Order ids are assigned by the engine in increasing order. The book remembers only the
/// highest id it has accepted, so an id at or below it is "already used" (13015), and a
/// cancel or amend of such an id that is no longer live is "already final" (13014).
public struct BookOrder: Hashable, Sendable {
    /// The engine-assigned order id.
    public var id: UInt64
    /// The account; orders of one account are subject to self-trade prevention.
    public var owner: UInt64
    public var side: Side
    public var type: OrderType
    public var timeInForce: TimeInForce
    /// The limit price in ticks; ignored for a market order, whose bound is the price band.
    public var priceTicks: Int64
    /// The quantity in lots.
    public var lots: Int64
    public var selfTradePrevention: SelfTradePrevention
    /// A reduce-only order: while it rests, a sweep fills it only as far as its owner's
    /// position allows (see ``OrderBook/place(_:into:positions:)``). The book does not
    /// limit it as the incoming order; the engine caps it before it arrives.
    public var reduceOnly: Bool

    public init(
        id: UInt64, owner: UInt64, side: Side, type: OrderType = .limit, timeInForce: TimeInForce = .gtc,
        priceTicks: Int64, lots: Int64, selfTradePrevention: SelfTradePrevention = .cancelTaker, reduceOnly: Bool = false
    ) {
        self.id = id
        self.owner = owner
        self.side = side
        self.type = type
        self.timeInForce = timeInForce
        self.priceTicks = priceTicks
        self.lots = lots
        self.selfTradePrevention = selfTradePrevention
        self.reduceOnly = reduceOnly
    }
}

/// An order resting on the book, as reported by ``OrderBook/restingOrders(side:)``.
public struct RestingOrder: Hashable, Sendable {
    public var id: UInt64
    public var owner: UInt64
    public var side: Side
    public var priceTicks: Int64
    /// The order's total quantity in lots, including what has filled.
    public var lots: Int64
    /// The filled part of ``lots``.
    public var filledLots: Int64
    public var timeInForce: TimeInForce
    public var selfTradePrevention: SelfTradePrevention
    /// Whether it is a reduce-only order (see ``BookOrder/reduceOnly``).
    public var reduceOnly: Bool

    /// What is left to fill.
    public var remainingLots: Int64 { lots - filledLots }

    public init(
        id: UInt64, owner: UInt64, side: Side, priceTicks: Int64, lots: Int64, filledLots: Int64,
        timeInForce: TimeInForce, selfTradePrevention: SelfTradePrevention, reduceOnly: Bool = false
    ) {
        self.id = id
        self.owner = owner
        self.side = side
        self.priceTicks = priceTicks
        self.lots = lots
        self.filledLots = filledLots
        self.timeInForce = timeInForce
        self.selfTradePrevention = selfTradePrevention
        self.reduceOnly = reduceOnly
    }
}

/// One aggregated price level.
public struct DepthLevel: Hashable, Sendable {
    public var priceTicks: Int64
    /// The sum of the remaining quantities of the level's orders.
    public var lots: Int64
    /// How many orders rest at the level.
    public var orderCount: Int

    @inlinable
    public init(priceTicks: Int64, lots: Int64, orderCount: Int) {
        self.priceTicks = priceTicks
        self.lots = lots
        self.orderCount = orderCount
    }
}
