/// A perpetual contract's specification (API.md §5.1 `Symbol`). Decimals are canonical
/// decimal strings; parse them with PerpetuaCore's `Price(parsing:)`, `Quantity(parsing:)`,
/// `Amount(parsing:)` or `Rate(parsing:)`. Also the body of `POST /v1/admin/symbols`.
public struct Symbol: Codable, Sendable, Hashable {
    public var symbol: String
    public var baseAsset: String
    public var quoteAsset: String
    /// `PERPETUAL`.
    public var contractType: String
    /// `TRADING`, `SUSPENDED` or `REDUCE_ONLY`.
    public var status: String
    public var tickSize: String
    public var stepSize: String
    public var minQty: String
    public var maxQty: String
    public var minNotional: String
    /// How far a limit price may be from the mark price, as a fraction.
    public var priceBandRate: String
    public var maxLeverage: Int
    public var leverageBrackets: [LeverageBracket]
    public var feeTiers: [FeeTier]
    public var fundingIntervalHours: Int

    public init(
        symbol: String, baseAsset: String, quoteAsset: String, contractType: String = "PERPETUAL",
        status: String = "TRADING", tickSize: String, stepSize: String, minQty: String, maxQty: String,
        minNotional: String, priceBandRate: String, maxLeverage: Int, leverageBrackets: [LeverageBracket],
        feeTiers: [FeeTier], fundingIntervalHours: Int = 8
    ) {
        self.symbol = symbol
        self.baseAsset = baseAsset
        self.quoteAsset = quoteAsset
        self.contractType = contractType
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
