/// One row of `GET /v1/public/leaderboard/pnl`; `name` is masked (`al***ce`) unless the
/// operator gave the user a public nickname.
public struct LeaderboardEntry: Codable, Sendable, Hashable {
    public var rank: Int
    public var name: String
    public var pnl: String
    public var roi: String
    public var volume: String
}
