/// A closed position (`GET /v1/private/position/history`).
public struct PositionHistory: Codable, Sendable, Hashable {
    public var symbol: String
    public var side: String
    public var openTime: Int64
    public var closeTime: Int64
    public var maxSize: String
    public var entryPrice: String
    public var closePrice: String
    public var realizedPnl: String
    public var fees: String
    public var funding: String
    /// `CLOSE`, `LIQUIDATION` or `ADL`.
    public var closeType: String
}
