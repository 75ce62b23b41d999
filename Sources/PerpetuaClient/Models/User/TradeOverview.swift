/// `GET /v1/private/user/trade-overview?period=7d|30d|90d`.
public struct TradeOverview: Codable, Sendable, Hashable {
    public var realizedPnl: String
    public var fees: String
    public var funding: String
    public var volume: String
    public var tradeCount: Int64
    /// The share of winning closes, as a decimal fraction.
    public var winRate: String
    public var trend: [PnlTrendPoint]
}
