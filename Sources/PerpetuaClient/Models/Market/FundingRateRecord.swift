/// `GET /v1/public/market/funding-rate/history`: one settled funding.
public struct FundingRateRecord: Codable, Sendable, Hashable {
    public var symbol: String
    public var fundingRate: String
    public var markPrice: String
    public var fundingTime: Int64
}
