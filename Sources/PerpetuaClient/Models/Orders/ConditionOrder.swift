/// A condition order as the server reports it.
public struct ConditionOrder: Codable, Sendable, Hashable {
    public var conditionOrderId: String
    public var clientOrderId: String?
    public var symbol: String
    public var side: String
    public var type: String
    public var triggerPrice: String?
    public var triggerPriceType: String?
    public var price: String?
    public var quantity: String?
    public var closePosition: Bool?
    public var reduceOnly: Bool?
    public var callbackRate: String?
    public var activationPrice: String?
    /// `UNTRIGGERED`, `TRIGGERED`, `CANCELED`, `EXPIRED` or `REJECTED`.
    public var status: String
    /// The order placed when it triggered.
    public var orderId: String?
    public var strategyId: String?
    public var createTime: Int64?
    public var updateTime: Int64?
}
