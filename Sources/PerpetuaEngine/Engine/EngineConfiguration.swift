import PerpetuaCore

/// The engine's own settings; per-symbol settings live in ``SymbolSpec``.
public struct EngineConfiguration: Hashable, Sendable {
    /// Leverage of a position the user never configured (capped by the symbol's maximum).
    public var defaultLeverage = 20
    /// The liquidation fee, as a rate of the liquidated notional, paid to the insurance fund
    /// out of what is left of the position's margin.
    public var liquidationFeeRate = Rate(units: 1_000_000)  // 1 %
    /// How long a closed order's `clientOrderId` stays reserved (API.md §5.5: 7 days).
    public var clientOrderIdRetentionMs: Int64 = 7 * 24 * 3_600_000
    /// Samples in the mark price's moving average of the basis (one a second: 5 minutes).
    public var basisWindow = 300
    /// The margin ratio at which an account gets a MARGIN_CALL event.
    public var marginCallRatio = Rate(units: 80_000_000)
    /// How often an account that stays at or above ``marginCallRatio`` is warned again: the
    /// first tick that finds it there warns at once, later ticks not within this time (a
    /// warning every second says nothing new and buries the stream).
    public var marginCallIntervalMs: Int64 = 60_000
    /// The most condition orders one account may have untriggered per symbol.
    public var maxConditionOrders = 100
    /// Capacity each new order book is created with.
    public var bookCapacity = 4096

    public init() {}
}
