/// A symbol's rolling 24 h statistics; best bid and ask are `nil` on an empty side.
public struct Ticker: Codable, Sendable, Hashable {
    public var symbol: String
    public var last: String?
    public var open: String?
    public var high: String?
    public var low: String?
    public var volume: String
    public var quoteVolume: String
    public var change: String?
    public var markPrice: String?
    public var indexPrice: String?
    public var bestBid: String?
    public var bestAsk: String?
}
