/// An order as the server reports it (API.md §5.4): the request's fields plus its state.
public struct Order: Codable, Sendable, Hashable {
    public var orderId: String
    public var clientOrderId: String?
    public var symbol: String
    public var side: String
    /// `LIMIT` or `MARKET`.
    public var type: String
    public var quantity: String
    /// `nil` for a MARKET order.
    public var price: String?
    public var timeInForce: String?
    public var reduceOnly: Bool?
    public var selfTradePrevention: String?
    /// `NEW`, `PARTIALLY_FILLED`, `FILLED`, `CANCELED`, `REJECTED` or `EXPIRED`.
    public var status: String
    public var executedQty: String
    public var avgPrice: String?
    public var cumQuote: String?
    /// `USER`, `CONDITION`, `STRATEGY`, `LIQUIDATION` or `ADL`.
    public var source: String?
    public var cancelReason: String?
    public var conditionOrderId: String?
    public var strategyId: String?
    public var createTime: Int64
    public var updateTime: Int64

    /// Whether the order can no longer change.
    public var isFinal: Bool {
        status == "FILLED" || status == "CANCELED" || status == "REJECTED" || status == "EXPIRED"
    }
}
