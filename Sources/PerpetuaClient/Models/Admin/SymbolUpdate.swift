/// The body of `PUT /v1/admin/symbols`: the symbol and the fields to change; `nil` fields
/// are not sent.
public struct SymbolUpdate: Encodable, Sendable, Hashable {
    public var symbol: String
    /// `TRADING`, `SUSPENDED` or `REDUCE_ONLY`.
    public var status: String?
    public var tickSize: String?
    public var stepSize: String?
    public var minQty: String?
    public var maxQty: String?
    public var minNotional: String?
    public var priceBandRate: String?
    public var maxLeverage: Int?
    public var leverageBrackets: [Symbol.LeverageBracket]?
    public var feeTiers: [Symbol.FeeTier]?
    public var fundingIntervalHours: Int?

    public init(
        symbol: String, status: String? = nil, tickSize: String? = nil, stepSize: String? = nil,
        minQty: String? = nil, maxQty: String? = nil, minNotional: String? = nil, priceBandRate: String? = nil,
        maxLeverage: Int? = nil, leverageBrackets: [Symbol.LeverageBracket]? = nil,
        feeTiers: [Symbol.FeeTier]? = nil, fundingIntervalHours: Int? = nil
    ) {
        self.symbol = symbol
        self.status = status
        self.tickSize = tickSize
        self.stepSize = stepSize
        self.minQty = minQty
        self.maxQty = maxQty
        self.minNotional = minNotional
        self.priceBandRate = priceBandRate
        self.maxLeverage = maxLeverage
        self.leverageBrackets = leverageBrackets
        self.feeTiers = feeTiers
        self.fundingIntervalHours = fundingIntervalHours
    }
}
