/// The body of `POST /v1/private/order/place-condition` (API.md §5.4).
public struct ConditionOrderRequest: Encodable, Sendable, Hashable {
    public var symbol: String
    public var side: String
    /// `STOP_MARKET`, `STOP_LIMIT`, `TAKE_PROFIT_MARKET`, `TAKE_PROFIT_LIMIT` or
    /// `TRAILING_STOP_MARKET`.
    public var type: String
    public var triggerPrice: String?
    /// `LAST` (default), `MARK` or `INDEX`.
    public var triggerPriceType: String?
    /// Required for the limit types.
    public var price: String?
    /// The quantity, or `nil` with `closePosition: true`.
    public var quantity: String?
    public var closePosition: Bool?
    public var reduceOnly: Bool?
    public var clientOrderId: String?
    /// Trailing stops: `"0.001"` to `"0.1"`.
    public var callbackRate: String?
    /// Trailing stops: the price from which the trail starts.
    public var activationPrice: String?

    public init(
        symbol: String, side: String, type: String, triggerPrice: String? = nil, triggerPriceType: String? = nil,
        price: String? = nil, quantity: String? = nil, closePosition: Bool? = nil, reduceOnly: Bool? = nil,
        clientOrderId: String? = nil, callbackRate: String? = nil, activationPrice: String? = nil
    ) {
        self.symbol = symbol
        self.side = side
        self.type = type
        self.triggerPrice = triggerPrice
        self.triggerPriceType = triggerPriceType
        self.price = price
        self.quantity = quantity
        self.closePosition = closePosition
        self.reduceOnly = reduceOnly
        self.clientOrderId = clientOrderId
        self.callbackRate = callbackRate
        self.activationPrice = activationPrice
    }
}
