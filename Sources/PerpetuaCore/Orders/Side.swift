/// The side of an order: `BUY` takes asks, `SELL` takes bids.
public enum Side: String, Sendable, CaseIterable, Hashable {
    case buy = "BUY"
    case sell = "SELL"

    /// The other side.
    @inlinable public var opposite: Side { self == .buy ? .sell : .buy }
    /// +1 for a buy, −1 for a sell: the sign of the position change a fill causes.
    @inlinable public var sign: Int64 { self == .buy ? 1 : -1 }
}
