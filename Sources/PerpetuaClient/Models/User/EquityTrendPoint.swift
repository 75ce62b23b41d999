/// One point of `GET /v1/private/user/asset/overview/trend`.
public struct EquityTrendPoint: Codable, Sendable, Hashable {
    public var time: Int64
    public var equity: String
}
