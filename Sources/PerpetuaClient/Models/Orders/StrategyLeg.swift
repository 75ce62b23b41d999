/// One leg of a ``Strategy`` as reported: a normal order (it has an `orderId`), a condition
/// order (it has a `conditionOrderId`), or, for a shape the client does not know, the raw
/// JSON.
public enum StrategyLeg: Codable, Sendable, Hashable {
    case order(Order)
    case condition(ConditionOrder)
    case other(JSONValue)

    public init(from decoder: any Decoder) throws {
        let raw = try JSONValue(from: decoder)
        if raw.conditionOrderId != nil, let condition = try? raw.decode(as: ConditionOrder.self) {
            self = .condition(condition)
        } else if raw.orderId != nil, let order = try? raw.decode(as: Order.self) {
            self = .order(order)
        } else {
            self = .other(raw)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .order(let order): try order.encode(to: encoder)
        case .condition(let condition): try condition.encode(to: encoder)
        case .other(let raw): try raw.encode(to: encoder)
        }
    }
}
