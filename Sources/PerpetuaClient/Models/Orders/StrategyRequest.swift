/// The body of `POST /v1/private/order/place-strategy` (API.md §5.4): OTO (`working`, then
/// `pending`), OCO (two `legs`) or OTOCO (`working`, then the `legs` pair).
public struct StrategyRequest: Encodable, Sendable, Hashable {
    /// `OTO`, `OCO` or `OTOCO`.
    public var type: String
    public var clientStrategyId: String?
    public var working: StrategyLegRequest?
    public var pending: StrategyLegRequest?
    public var legs: [StrategyLegRequest]?

    public init(
        type: String, clientStrategyId: String? = nil, working: StrategyLegRequest? = nil,
        pending: StrategyLegRequest? = nil, legs: [StrategyLegRequest]? = nil
    ) {
        self.type = type
        self.clientStrategyId = clientStrategyId
        self.working = working
        self.pending = pending
        self.legs = legs
    }
}
