/// One recent public trade; `side` is the taker's.
public struct PublicTrade: Codable, Sendable, Hashable {
    public var tradeId: String
    public var price: String
    public var qty: String
    public var side: String
    public var time: Int64
}
