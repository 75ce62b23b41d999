/// One leg of a strategy request: a normal order or a condition order, sent as that
/// request's JSON object.
public enum StrategyLegRequest: Encodable, Sendable, Hashable {
    case order(OrderRequest)
    case condition(ConditionOrderRequest)

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .order(let request): try request.encode(to: encoder)
        case .condition(let request): try request.encode(to: encoder)
        }
    }
}
