/// A normal order's type (API.md §5.4). Condition types live with condition orders.
public enum OrderType: String, Sendable, CaseIterable, Hashable {
    /// Rests at its price until filled or cancelled (subject to its time in force).
    case limit = "LIMIT"
    /// Takes liquidity immediately inside the symbol's price band; the rest expires.
    case market = "MARKET"
}
