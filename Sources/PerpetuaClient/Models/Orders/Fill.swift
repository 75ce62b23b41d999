/// One of the user's own fills (`GET /v1/private/order/trades`).
public struct Fill: Codable, Sendable, Hashable {
    public var tradeId: String
    public var orderId: String
    public var symbol: String
    public var side: String
    public var price: String
    public var qty: String
    public var quoteQty: String
    /// Negative for a maker rebate.
    public var fee: String
    public var feeAsset: String
    /// `MAKER` or `TAKER`.
    public var role: String
    public var realizedPnl: String
    public var time: Int64
}
