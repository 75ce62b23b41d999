/// One amend of `move` and `batch-move`: the order, and its new price and/or quantity.
public struct OrderAmendment: Encodable, Sendable, Hashable {
    public var orderId: String?
    public var clientOrderId: String?
    public var price: String?
    public var quantity: String?

    public init(_ order: OrderReference, price: String? = nil, quantity: String? = nil) {
        self.orderId = order.orderId
        self.clientOrderId = order.clientOrderId
        self.price = price
        self.quantity = quantity
    }
}
