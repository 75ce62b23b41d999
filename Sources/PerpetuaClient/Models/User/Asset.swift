/// `GET /v1/private/user/asset`: the account's USDT margin figures.
public struct Asset: Codable, Sendable, Hashable {
    /// `USDT`.
    public var asset: String
    public var walletBalance: String
    public var unrealizedPnl: String
    public var marginBalance: String
    public var availableBalance: String
    public var positionInitialMargin: String
    public var orderInitialMargin: String
    public var maintenanceMargin: String
    public var marginRatio: String
}
