/// `GET /v1/private/user/volume-stats`: 30-day volume, fees and the resulting tier.
public struct VolumeStats: Codable, Sendable, Hashable {
    public var volume30d: String
    public var makerVolume30d: String
    public var takerVolume30d: String
    public var fees30d: String
    public var feeTier: Int
    public var makerRate: String
    public var takerRate: String
    public var daily: [DailyVolume]
}
