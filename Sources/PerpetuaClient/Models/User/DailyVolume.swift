/// One day of ``VolumeStats/daily``.
public struct DailyVolume: Codable, Sendable, Hashable {
    /// The UTC day's start in ms.
    public var date: Int64
    public var volume: String
    public var fees: String

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        date = try container.decodeDay(forKey: .date)
        volume = try container.decode(String.self, forKey: .volume)
        fees = try container.decode(String.self, forKey: .fees)
    }
}
