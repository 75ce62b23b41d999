/// One price level of a book, `[price, qty]` on the wire.
public struct DepthLevel: Codable, Sendable, Hashable {
    public var price: String
    public var quantity: String

    public init(price: String, quantity: String) {
        self.price = price
        self.quantity = quantity
    }

    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        price = try container.decode(String.self)
        quantity = try container.decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(price)
        try container.encode(quantity)
    }
}
