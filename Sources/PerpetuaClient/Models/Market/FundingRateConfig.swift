/// `GET /v1/public/market/funding-rate`: a symbol's funding parameters.
public struct FundingRateConfig: Codable, Sendable, Hashable {
    public var symbol: String
    public var intervalHours: Int
    public var interestRate: String
    public var capRate: String
    public var floorRate: String
    public var impactNotional: String
}
