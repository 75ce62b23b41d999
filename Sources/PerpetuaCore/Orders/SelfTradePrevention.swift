/// What happens when an incoming order would trade with a resting order of the same
/// account. The incoming (taker) order's mode decides (API.md §5.5).
public enum SelfTradePrevention: String, Sendable, CaseIterable, Hashable {
    /// Cancel the rest of the incoming order; the resting order stays. The default.
    case cancelTaker = "CANCEL_TAKER"
    /// Cancel the resting order and keep matching.
    case cancelMaker = "CANCEL_MAKER"
    /// Cancel both the resting order and the rest of the incoming order.
    case cancelBoth = "CANCEL_BOTH"
    /// Allow the account to trade with itself.
    case none = "NONE"
}
