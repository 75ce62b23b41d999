/// The body of `POST /v1/private/order/place` and the items of `batch-place` (API.md §5.4).
/// Optional fields left `nil` are not sent, so the server's defaults apply (GTC,
/// CANCEL_TAKER, not reduce-only).
public struct OrderRequest: Encodable, Sendable, Hashable {
    public var symbol: String
    /// `BUY` or `SELL`.
    public var side: String
    /// `LIMIT` or `MARKET`.
    public var type: String
    public var quantity: String
    /// Required for LIMIT.
    public var price: String?
    /// `GTC`, `IOC`, `FOK` or `POST_ONLY`.
    public var timeInForce: String?
    public var reduceOnly: Bool?
    public var clientOrderId: String?
    /// `CANCEL_TAKER`, `CANCEL_MAKER`, `CANCEL_BOTH` or `NONE`.
    public var selfTradePrevention: String?

    public init(
        symbol: String, side: String, type: String, quantity: String, price: String? = nil,
        timeInForce: String? = nil, reduceOnly: Bool? = nil, clientOrderId: String? = nil,
        selfTradePrevention: String? = nil
    ) {
        self.symbol = symbol
        self.side = side
        self.type = type
        self.quantity = quantity
        self.price = price
        self.timeInForce = timeInForce
        self.reduceOnly = reduceOnly
        self.clientOrderId = clientOrderId
        self.selfTradePrevention = selfTradePrevention
    }

    /// A LIMIT order.
    public static func limit(
        _ symbol: String, _ side: String, quantity: String, price: String, timeInForce: String? = nil,
        reduceOnly: Bool? = nil, clientOrderId: String? = nil
    ) -> OrderRequest {
        OrderRequest(symbol: symbol, side: side, type: "LIMIT", quantity: quantity, price: price,
                     timeInForce: timeInForce, reduceOnly: reduceOnly, clientOrderId: clientOrderId)
    }

    /// A MARKET order (IOC inside the symbol's price band).
    public static func market(
        _ symbol: String, _ side: String, quantity: String, reduceOnly: Bool? = nil, clientOrderId: String? = nil
    ) -> OrderRequest {
        OrderRequest(symbol: symbol, side: side, type: "MARKET", quantity: quantity,
                     reduceOnly: reduceOnly, clientOrderId: clientOrderId)
    }
}
