/// One day of ``TradeOverview/trend``.
public struct PnlTrendPoint: Codable, Sendable, Hashable {
    /// The UTC day's start in ms.
    public var date: Int64
    public var pnl: String
    public var cumulativePnl: String
    public var volume: String

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        date = try container.decodeDay(forKey: .date)
        pnl = try container.decode(String.self, forKey: .pnl)
        cumulativePnl = try container.decode(String.self, forKey: .cumulativePnl)
        volume = try container.decode(String.self, forKey: .volume)
    }
}
