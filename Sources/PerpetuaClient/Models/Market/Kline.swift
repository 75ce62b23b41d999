/// One candle of `GET /v1/public/market/klines`; MARK and INDEX klines have volume `"0"`.
public struct Kline: Codable, Sendable, Hashable {
    public var openTime: Int64
    public var closeTime: Int64
    public var open: String
    public var high: String
    public var low: String
    public var close: String
    public var volume: String
    public var quoteVolume: String
    public var tradeCount: Int64
}
