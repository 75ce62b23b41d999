import PerpetuaCore

/// A `Symbol` (API.md §5.1) as the operator sends it: to create (every field but the
/// derived ones) or, with only `symbol` required, to change (`PUT`).
struct SymbolBody: Decodable, Sendable {
    var symbol: String
    var baseAsset: String?
    var quoteAsset: String?
    var contractType: String?
    var status: String?
    var tickSize: DecimalField?
    var stepSize: DecimalField?
    var minQty: DecimalField?
    var maxQty: DecimalField?
    var minNotional: DecimalField?
    var priceBandRate: DecimalField?
    var maxLeverage: Int?
    var leverageBrackets: [Bracket]?
    var feeTiers: [Tier]?
    var fundingIntervalHours: Int?
    var interestRate: DecimalField?
    var capRate: DecimalField?
    var floorRate: DecimalField?
    var impactNotional: DecimalField?
    var maxOpenOrders: Int?

    struct Bracket: Decodable, Sendable {
        var bracket: Int
        var maxLeverage: Int
        var notionalFloor: DecimalField
        var notionalCap: DecimalField
        var maintMarginRate: DecimalField
    }

    struct Tier: Decodable, Sendable {
        var tier: Int
        var minVolume30d: DecimalField
        var makerRate: DecimalField
        var takerRate: DecimalField
    }

    static func required<T>(_ value: T?, _ field: String) throws -> T {
        guard let value else { throw APIError.invalid(field, "is required to create a symbol") }
        return value
    }

    /// The new symbol's specification.
    func create() throws -> SymbolSpec {
        guard !symbol.isEmpty, symbol == SymbolName.normalize(symbol), symbol.count <= 20 else {
            throw APIError.invalid("symbol", "must be upper-case letters and digits without separators, like BTCUSDT")
        }
        if let contractType, contractType != "PERPETUAL" { throw APIError.invalid("contractType", "must be PERPETUAL") }
        let spec = SymbolSpec(
            symbol: symbol, baseAsset: try Self.required(baseAsset, "baseAsset"), quoteAsset: quoteAsset ?? "USDT",
            status: try parseEnum("status", status, default: .trading),
            tickSize: try Self.required(tickSize, "tickSize").price("tickSize"),
            stepSize: try Self.required(stepSize, "stepSize").quantity("stepSize"),
            minQty: try Self.required(minQty, "minQty").quantity("minQty"),
            maxQty: try Self.required(maxQty, "maxQty").quantity("maxQty"),
            minNotional: try Self.required(minNotional, "minNotional").amount("minNotional"),
            priceBandRate: try Self.required(priceBandRate, "priceBandRate").rate("priceBandRate"),
            leverageBrackets: try Self.required(leverageBrackets, "leverageBrackets").enumerated().map { try Self.bracket($1, $0) },
            feeTiers: try Self.required(feeTiers, "feeTiers").enumerated().map { try Self.tier($1, $0) },
            fundingIntervalHours: fundingIntervalHours ?? 8, interestRate: try interestRate?.rate("interestRate"),
            capRate: try capRate?.rate("capRate"), floorRate: try floorRate?.rate("floorRate"),
            impactNotional: try impactNotional?.amount("impactNotional"), maxOpenOrders: maxOpenOrders ?? 200)
        try check(spec)
        return spec
    }

    /// `current` with the fields this body sends.
    func update(_ current: SymbolSpec) throws -> SymbolSpec {
        var spec = current
        if let baseAsset, baseAsset != current.baseAsset { throw APIError.invalid("baseAsset", "cannot change once the symbol exists") }
        if let status { spec.status = try parseEnum("status", status) }
        if let tickSize { spec.tickSize = try tickSize.price("tickSize") }
        if let stepSize { spec.stepSize = try stepSize.quantity("stepSize") }
        if let minQty { spec.minQty = try minQty.quantity("minQty") }
        if let maxQty { spec.maxQty = try maxQty.quantity("maxQty") }
        if let minNotional { spec.minNotional = try minNotional.amount("minNotional") }
        if let priceBandRate { spec.priceBandRate = try priceBandRate.rate("priceBandRate") }
        if let leverageBrackets { spec.leverageBrackets = try leverageBrackets.enumerated().map { try Self.bracket($1, $0) } }
        if let feeTiers { spec.feeTiers = try feeTiers.enumerated().map { try Self.tier($1, $0) } }
        if let fundingIntervalHours { spec.fundingIntervalHours = fundingIntervalHours }
        if let interestRate { spec.interestRate = try interestRate.rate("interestRate") }
        if let capRate { spec.capRate = try capRate.rate("capRate") }
        if let floorRate { spec.floorRate = try floorRate.rate("floorRate") }
        if let impactNotional { spec.impactNotional = try impactNotional.amount("impactNotional") }
        if let maxOpenOrders { spec.maxOpenOrders = maxOpenOrders }
        try check(spec)
        return spec
    }

    func check(_ spec: SymbolSpec) throws {
        if let maxLeverage, maxLeverage != spec.maxLeverage {
            throw APIError.invalid("maxLeverage", "must equal the first bracket's maxLeverage (\(spec.maxLeverage))")
        }
        if let problem = spec.problems().first { throw APIError(problem) }
    }

    static func bracket(_ body: Bracket, _ index: Int) throws -> LeverageBracket {
        let field = "leverageBrackets[\(index)]"
        return LeverageBracket(
            bracket: body.bracket, maxLeverage: body.maxLeverage, notionalFloor: try body.notionalFloor.amount("\(field).notionalFloor"),
            notionalCap: try body.notionalCap.amount("\(field).notionalCap"),
            maintMarginRate: try body.maintMarginRate.rate("\(field).maintMarginRate"))
    }

    static func tier(_ body: Tier, _ index: Int) throws -> FeeTier {
        let field = "feeTiers[\(index)]"
        return FeeTier(
            tier: body.tier, minVolume30d: try body.minVolume30d.amount("\(field).minVolume30d"),
            makerRate: try body.makerRate.rate("\(field).makerRate"), takerRate: try body.takerRate.rate("\(field).takerRate"))
    }
}
