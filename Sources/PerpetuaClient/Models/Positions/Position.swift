/// An open position (API.md §5.6); one per symbol (one-way mode).
public struct Position: Codable, Sendable, Hashable {
    public var symbol: String
    /// `LONG` or `SHORT`.
    public var side: String
    public var size: String
    public var entryPrice: String
    public var markPrice: String
    public var unrealizedPnl: String
    public var realizedPnl: String?
    public var leverage: Int
    /// `CROSS` or `ISOLATED`.
    public var marginMode: String
    /// The margin of an isolated position; `"0"` or `nil` for cross.
    public var isolatedMargin: String?
    public var initialMargin: String
    public var maintenanceMargin: String
    /// `nil` when no price would liquidate the position.
    public var liquidationPrice: String?
    public var marginRatio: String?
    public var updateTime: Int64
}
