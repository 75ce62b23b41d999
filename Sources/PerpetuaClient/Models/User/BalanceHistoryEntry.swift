/// One day of `GET /v1/private/user/balance-history`.
public struct BalanceHistoryEntry: Codable, Sendable, Hashable {
    /// The UTC day's start in ms.
    public var date: Int64
    public var walletBalance: String
    public var marginBalance: String

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        date = try container.decodeDay(forKey: .date)
        walletBalance = try container.decode(String.self, forKey: .walletBalance)
        marginBalance = try container.decode(String.self, forKey: .marginBalance)
    }
}
