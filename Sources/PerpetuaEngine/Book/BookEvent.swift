import PerpetuaCore

/// What the book reports about a command. The book never calls out: it appends these to
/// the caller's buffer, in the order things happened.
///
/// A place that passes validation emits ``accepted`` first, then one ``trade`` per fill in
/// price-time order, then at most one ``cancelled`` for the incoming order (the IOC or
/// market remainder, or self-trade prevention). Self-trade prevention that cancels a
/// resting order emits its ``cancelled`` where the match would have been. An incoming
/// order with quantity left and no ``cancelled`` rests on the book. An amend emits
/// ``amended`` and, when the new price crosses, the same trades and cancels as a place.
/// A rejected command emits exactly one ``rejected`` and changes nothing.
public enum BookEvent: Hashable, Sendable {
    /// The order passed validation. For a market order `priceTicks` is the price-band
    /// bound it may trade up (buy) or down (sell) to.
    case accepted(orderId: UInt64, side: Side, priceTicks: Int64, lots: Int64)
    /// A fill at the maker's price.
    case trade(BookTrade)
    /// An order left the book (or an incoming order stopped) with `remainingLots` unfilled.
    case cancelled(orderId: UInt64, remainingLots: Int64, reason: CancelReason)
    /// An amend took effect: the order's price and total quantity are now these;
    /// `keptPriority` is false when the order went to the back of its level.
    case amended(orderId: UInt64, priceTicks: Int64, lots: Int64, keptPriority: Bool)
    /// The command was refused with this catalogue code and changed nothing.
    case rejected(orderId: UInt64, code: ErrorCode)
}

/// A fill between a resting maker and an incoming taker.
public struct BookTrade: Hashable, Sendable {
    public var makerOrderId: UInt64
    public var makerOwner: UInt64
    public var takerOrderId: UInt64
    public var takerOwner: UInt64
    /// The taker's side: `BUY` means the taker bought from a resting sell.
    public var takerSide: Side
    /// The maker's price.
    public var priceTicks: Int64
    public var lots: Int64
    /// What the maker has left after this fill (0: it left the book).
    public var makerRemainingLots: Int64
    /// What the taker has left after this fill.
    public var takerRemainingLots: Int64

    public init(
        makerOrderId: UInt64, makerOwner: UInt64, takerOrderId: UInt64, takerOwner: UInt64, takerSide: Side,
        priceTicks: Int64, lots: Int64, makerRemainingLots: Int64, takerRemainingLots: Int64
    ) {
        self.makerOrderId = makerOrderId
        self.makerOwner = makerOwner
        self.takerOrderId = takerOrderId
        self.takerOwner = takerOwner
        self.takerSide = takerSide
        self.priceTicks = priceTicks
        self.lots = lots
        self.makerRemainingLots = makerRemainingLots
        self.takerRemainingLots = takerRemainingLots
    }
}

/// Why an order left the book or stopped before filling.
public enum CancelReason: UInt8, Hashable, Sendable, CaseIterable {
    /// The owner (or the operator on their behalf) cancelled it.
    case user
    /// An IOC or market order could not fill the rest immediately.
    case immediateOrCancel
    /// A market order reached the edge of the price band with liquidity left beyond it.
    case priceBand
    /// Self-trade prevention.
    case selfTradePrevention
    /// A reduce-only order no longer had a position to reduce.
    case reduceOnly
    /// The account's orders were cancelled by liquidation.
    case liquidation
    /// Another leg of its strategy (OCO) triggered, filled or was cancelled.
    case strategy
    /// The symbol was suspended or settled.
    case marketClosed
    /// The account no longer had the margin for it.
    case insufficientMargin

    /// The API's upper-case name for `cancelReason`.
    public var name: String {
        switch self {
        case .user: "USER_CANCELED"
        case .immediateOrCancel: "IMMEDIATE_OR_CANCEL"
        case .priceBand: "PRICE_BAND"
        case .selfTradePrevention: "SELF_TRADE_PREVENTION"
        case .reduceOnly: "REDUCE_ONLY"
        case .liquidation: "LIQUIDATION"
        case .strategy: "STRATEGY"
        case .marketClosed: "MARKET_CLOSED"
        case .insufficientMargin: "INSUFFICIENT_MARGIN"
        }
    }
}
