/// `GET /v1/public/market/funding-rate/current`: the running funding period of a symbol.
public struct CurrentFundingRate: Codable, Sendable, Hashable {
    public var symbol: String
    public var fundingRate: String
    public var markPrice: String
    public var indexPrice: String
    public var nextFundingTime: Int64
    public var lastFundingRate: String?
}
