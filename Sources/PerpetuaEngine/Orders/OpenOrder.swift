import PerpetuaCore

/// A live normal order as the engine tracks it beside the book.
struct OpenOrder: Hashable, Sendable {
    var snapshot: OrderSnapshot
    var symbolIndex: Int
    var priceTicks: Int64
    /// The quantity still unfilled, in 10⁻⁸ units, counted in the position's open-order totals.
    var remaining: Int64
}

/// A key for client order ids, which are unique per account.
struct ClientKey: Hashable, Sendable {
    var account: UInt64
    var id: ClientOrderId
}

/// An untriggered condition order and its trailing state.
struct ConditionState: Hashable, Sendable {
    var snapshot: ConditionSnapshot
    var symbolIndex: Int
}

/// A live strategy.
struct StrategyState: Hashable, Sendable {
    var snapshot: StrategySnapshot
}
