/// Whether a symbol accepts orders (API.md §5.1).
public enum SymbolStatus: String, Sendable, CaseIterable, Hashable {
    /// Open for all orders.
    case trading = "TRADING"
    /// No new orders, amends or matching; cancels are allowed (13017).
    case suspended = "SUSPENDED"
    /// Only orders that reduce a position are accepted (13018).
    case reduceOnly = "REDUCE_ONLY"
}
