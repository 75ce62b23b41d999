import PerpetuaCore

/// `Symbol` of API.md §5.1, plus the funding settings an operator may set.
struct SymbolResource: Codable, Sendable {
    var symbol: String
    var baseAsset: String
    var quoteAsset: String
    var contractType: String
    var status: String
    var tickSize: String
    var stepSize: String
    var minQty: String
    var maxQty: String
    var minNotional: String
    var priceBandRate: String
    var maxLeverage: Int
    var leverageBrackets: [Bracket]
    var feeTiers: [Tier]
    var fundingIntervalHours: Int
    var interestRate: String?
    var capRate: String?
    var floorRate: String?
    var impactNotional: String?
    var maxOpenOrders: Int?

    struct Bracket: Codable, Sendable {
        var bracket: Int
        var maxLeverage: Int
        var notionalFloor: String
        var notionalCap: String
        var maintMarginRate: String
        var cum: String?
    }

    struct Tier: Codable, Sendable {
        var tier: Int
        var minVolume30d: String
        var makerRate: String
        var takerRate: String
    }

    init(_ spec: SymbolSpec) {
        symbol = spec.symbol
        baseAsset = spec.baseAsset
        quoteAsset = spec.quoteAsset
        contractType = "PERPETUAL"
        status = spec.status.rawValue
        tickSize = spec.tickSize.description
        stepSize = spec.stepSize.description
        minQty = spec.text(spec.minQty)
        maxQty = spec.text(spec.maxQty)
        minNotional = spec.minNotional.description
        priceBandRate = spec.priceBandRate.description
        maxLeverage = spec.maxLeverage
        leverageBrackets = spec.leverageBrackets.map {
            Bracket(
                bracket: $0.bracket, maxLeverage: $0.maxLeverage, notionalFloor: $0.notionalFloor.description,
                notionalCap: $0.notionalCap.description, maintMarginRate: $0.maintMarginRate.description, cum: $0.cum.description)
        }
        feeTiers = spec.feeTiers.map {
            Tier(tier: $0.tier, minVolume30d: $0.minVolume30d.description, makerRate: $0.makerRate.description, takerRate: $0.takerRate.description)
        }
        fundingIntervalHours = spec.fundingIntervalHours
        interestRate = spec.interestRate.description
        capRate = spec.capRate.description
        floorRate = spec.floorRate.description
        impactNotional = spec.impactNotional.description
        maxOpenOrders = spec.maxOpenOrders
    }
}
