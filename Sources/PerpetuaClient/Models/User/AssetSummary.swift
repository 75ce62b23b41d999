/// `GET /v1/private/user/asset/overview/summary`.
public struct AssetSummary: Codable, Sendable, Hashable {
    public var equity: String
    public var walletBalance: String
    public var unrealizedPnl: String
    public var pnlToday: String
    public var pnl7d: String
    public var pnl30d: String
    public var roi30d: String
}
