/// Everything the exchange needs to know about one perpetual contract: its precision,
/// its order limits, its leverage and fee schedules and its funding settings.
///
/// The order book works in integer *ticks* (multiples of ``tickSize``) and *lots*
/// (multiples of ``stepSize``); this type converts between them and the decimal values of
/// the API, rejecting anything off the grid instead of rounding it.
public struct SymbolSpec: Hashable, Sendable {
    /// The values, behind one immutable reference: the engine reads a spec on every
    /// command, and copying a struct of three strings and two arrays cost five reference
    /// count operations each time (about a tenth of the engine's time). A copy is now one.
    /// Writes, which happen only when an operator changes a symbol, build a new box.
    @usableFromInline
    final class Storage: Sendable {
        @usableFromInline let fields: Fields
        @usableFromInline init(_ fields: Fields) { self.fields = fields }
    }

    @usableFromInline
    struct Fields: Hashable, Sendable {
        @usableFromInline var symbol: String
        @usableFromInline var baseAsset: String
        @usableFromInline var quoteAsset: String
        @usableFromInline var status: SymbolStatus
        @usableFromInline var tickSize: Price
        @usableFromInline var stepSize: Quantity
        @usableFromInline var minQty: Quantity
        @usableFromInline var maxQty: Quantity
        @usableFromInline var minNotional: Amount
        @usableFromInline var priceBandRate: Rate
        @usableFromInline var leverageBrackets: [LeverageBracket]
        @usableFromInline var feeTiers: [FeeTier]
        @usableFromInline var fundingIntervalHours: Int
        @usableFromInline var interestRate: Rate
        @usableFromInline var capRate: Rate
        @usableFromInline var floorRate: Rate
        @usableFromInline var impactNotional: Amount
        @usableFromInline var maxOpenOrders: Int
    }

    @usableFromInline var storage: Storage

    @usableFromInline mutating func update(_ change: (inout Fields) -> Void) {
        var fields = storage.fields
        change(&fields)
        storage = Storage(fields)
    }

    public static func == (lhs: SymbolSpec, rhs: SymbolSpec) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.fields == rhs.storage.fields
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(storage.fields) }

    /// The name, `BTCUSDT` style.
    @inlinable public var symbol: String {
        get { storage.fields.symbol }
        set { update { $0.symbol = newValue } }
    }
    /// The traded asset (`BTC`).
    @inlinable public var baseAsset: String {
        get { storage.fields.baseAsset }
        set { update { $0.baseAsset = newValue } }
    }
    /// The settlement asset (`USDT`).
    @inlinable public var quoteAsset: String {
        get { storage.fields.quoteAsset }
        set { update { $0.quoteAsset = newValue } }
    }
    /// Whether the symbol accepts orders.
    @inlinable public var status: SymbolStatus {
        get { storage.fields.status }
        set { update { $0.status = newValue } }
    }
    /// The price grid.
    @inlinable public var tickSize: Price {
        get { storage.fields.tickSize }
        set { update { $0.tickSize = newValue } }
    }
    /// The quantity grid.
    @inlinable public var stepSize: Quantity {
        get { storage.fields.stepSize }
        set { update { $0.stepSize = newValue } }
    }
    /// The smallest order quantity.
    @inlinable public var minQty: Quantity {
        get { storage.fields.minQty }
        set { update { $0.minQty = newValue } }
    }
    /// The largest order quantity.
    @inlinable public var maxQty: Quantity {
        get { storage.fields.maxQty }
        set { update { $0.maxQty = newValue } }
    }
    /// The smallest order notional (price × quantity).
    @inlinable public var minNotional: Amount {
        get { storage.fields.minNotional }
        set { update { $0.minNotional = newValue } }
    }
    /// How far a limit price may be from the mark price, and how far a market order may
    /// sweep, as a fraction of the reference price (`0.05` is ±5 %).
    @inlinable public var priceBandRate: Rate {
        get { storage.fields.priceBandRate }
        set { update { $0.priceBandRate = newValue } }
    }
    /// The leverage schedule, ordered by notional, starting at zero.
    @inlinable public var leverageBrackets: [LeverageBracket] {
        get { storage.fields.leverageBrackets }
        set { update { $0.leverageBrackets = newValue } }
    }
    /// The fee schedule, ordered by 30-day volume, starting at zero.
    @inlinable public var feeTiers: [FeeTier] {
        get { storage.fields.feeTiers }
        set { update { $0.feeTiers = newValue } }
    }
    /// Hours between funding settlements.
    @inlinable public var fundingIntervalHours: Int {
        get { storage.fields.fundingIntervalHours }
        set { update { $0.fundingIntervalHours = newValue } }
    }
    /// The interest rate per funding interval (default 0.01 % per 8 h, scaled).
    @inlinable public var interestRate: Rate {
        get { storage.fields.interestRate }
        set { update { $0.interestRate = newValue } }
    }
    /// The highest funding rate; defaults to 0.75 × the first bracket's maintenance rate.
    @inlinable public var capRate: Rate {
        get { storage.fields.capRate }
        set { update { $0.capRate = newValue } }
    }
    /// The lowest funding rate; defaults to −``capRate``.
    @inlinable public var floorRate: Rate {
        get { storage.fields.floorRate }
        set { update { $0.floorRate = newValue } }
    }
    /// The notional of the market order whose average price is the impact bid or ask.
    @inlinable public var impactNotional: Amount {
        get { storage.fields.impactNotional }
        set { update { $0.impactNotional = newValue } }
    }
    /// The most open orders one account may have on this symbol.
    @inlinable public var maxOpenOrders: Int {
        get { storage.fields.maxOpenOrders }
        set { update { $0.maxOpenOrders = newValue } }
    }

    public init(
        symbol: String, baseAsset: String, quoteAsset: String = "USDT", status: SymbolStatus = .trading,
        tickSize: Price, stepSize: Quantity, minQty: Quantity, maxQty: Quantity, minNotional: Amount,
        priceBandRate: Rate, leverageBrackets: [LeverageBracket], feeTiers: [FeeTier],
        fundingIntervalHours: Int = 8, interestRate: Rate? = nil,
        capRate: Rate? = nil, floorRate: Rate? = nil, impactNotional: Amount? = nil, maxOpenOrders: Int = 200
    ) {
        let firstRate = leverageBrackets.first?.maintMarginRate ?? .zero
        let defaultCap = Rate(units: firstRate.units * 3 / 4)
        let firstLeverage = Int64(leverageBrackets.first?.maxLeverage ?? 1)
        storage = Storage(Fields(
            symbol: symbol,
            baseAsset: baseAsset,
            quoteAsset: quoteAsset,
            status: status,
            tickSize: tickSize,
            stepSize: stepSize,
            minQty: minQty,
            maxQty: maxQty,
            minNotional: minNotional,
            priceBandRate: priceBandRate,
            leverageBrackets: leverageBrackets,
            feeTiers: feeTiers,
            fundingIntervalHours: fundingIntervalHours,
            // MECHANICS.md: interest is 0.01 % per 8 h, scaled to the funding interval.
            interestRate: interestRate ?? Rate(units: 10_000 * Int64(fundingIntervalHours) / 8),
            capRate: capRate ?? defaultCap,
            floorRate: floorRate ?? Rate(units: -(capRate ?? defaultCap).units),
            impactNotional: impactNotional ?? Amount(units: 200 * fixedPointOne * firstLeverage),
            maxOpenOrders: maxOpenOrders
        ))
        self = self.withDerivedMaintenanceAmounts()
    }

    /// The highest leverage of the schedule (the first bracket's).
    public var maxLeverage: Int { leverageBrackets.first?.maxLeverage ?? 1 }

    /// Fractional digits of the price grid: prices are formatted with this many.
    public var priceDecimals: Int { tickSize.decimalPlaces }
    /// Fractional digits of the quantity grid: quantities are formatted with this many.
    public var quantityDecimals: Int { stepSize.decimalPlaces }

    /// A copy whose brackets carry the `cum` of MECHANICS.md:
    /// `cum(n) = notionalFloor(n) × (MMR(n) − MMR(n−1)) + cum(n−1)`, exactly.
    public func withDerivedMaintenanceAmounts() -> SymbolSpec {
        var copy = self
        var cum = Amount.zero
        for index in copy.leverageBrackets.indices {
            if index > 0 {
                let step = Rate(units: copy.leverageBrackets[index].maintMarginRate.units
                    - copy.leverageBrackets[index - 1].maintMarginRate.units)
                // Floors and rates have at most eight decimals each, so the product is exact
                // at sixteen; the schedule is checked to keep it exact at eight.
                cum += ExactProduct(copy.leverageBrackets[index].notionalFloor, step).rounded(.halfAwayFromZero)
            }
            copy.leverageBrackets[index].cum = cum
        }
        return copy
    }

    // MARK: Conversions between decimals and the book's integers

    /// The price as a count of ticks; 12001 when not positive, 13003 when off the grid.
    public func ticks(for price: Price, field: String = "price") throws(PerpetuaError) -> Int64 {
        guard price.isPositive else { throw PerpetuaError.invalid(field, "must be greater than zero") }
        guard price.units % tickSize.units == 0 else {
            throw PerpetuaError(.priceNotOnTick, ["price": price.description, "tickSize": tickSize.description, "field": field])
        }
        return price.units / tickSize.units
    }

    /// The quantity as a count of lots; 12001 when not positive, 13004 when off the grid.
    public func lots(for quantity: Quantity, field: String = "quantity") throws(PerpetuaError) -> Int64 {
        guard quantity.isPositive else { throw PerpetuaError.invalid(field, "must be greater than zero") }
        guard quantity.units % stepSize.units == 0 else {
            throw PerpetuaError(.quantityNotOnStep, ["quantity": quantity.description, "stepSize": stepSize.description, "field": field])
        }
        return quantity.units / stepSize.units
    }

    /// The price of `ticks` ticks.
    @inlinable public func price(ticks: Int64) -> Price { Price(units: ticks * tickSize.units) }
    /// The quantity of `lots` lots.
    @inlinable public func quantity(lots: Int64) -> Quantity { Quantity(units: lots * stepSize.units) }

    /// The notional of `lots` at `ticks`, exact.
    @inlinable public func notional(ticks: Int64, lots: Int64) -> ExactProduct {
        ExactProduct(price(ticks: ticks), quantity(lots: lots))
    }

    /// Checks an order's size against the symbol's limits: 13002 outside [minQty, maxQty],
    /// 13005 when `price` × quantity is below the minimum notional.
    public func checkSize(lots: Int64, atTicks ticks: Int64) throws(PerpetuaError) {
        let quantity = self.quantity(lots: lots)
        guard quantity >= minQty, quantity <= maxQty else {
            throw PerpetuaError(.quantityOutOfRange, [
                "quantity": quantity.formatted(decimals: quantityDecimals),
                "minQty": minQty.formatted(decimals: quantityDecimals),
                "maxQty": maxQty.formatted(decimals: quantityDecimals), "field": "quantity",
            ])
        }
        let notional = self.notional(ticks: ticks, lots: lots)
        guard notional >= ExactProduct(units: Int128(minNotional.units) * Int128(fixedPointOne)) else {
            throw PerpetuaError(.notionalBelowMinimum, [
                "notional": notional.description, "minNotional": minNotional.description,
            ])
        }
    }

    /// The bracket a position of `notional` falls in: the last one whose floor it reaches.
    public func bracket(forNotional notional: ExactProduct) -> LeverageBracket {
        var found = leverageBrackets[0]
        for bracket in leverageBrackets where ExactProduct(units: Int128(bracket.notionalFloor.units) * Int128(fixedPointOne)) <= notional {
            found = bracket
        }
        return found
    }

    /// The fee tier for a 30-day volume: the last one whose minimum it reaches.
    public func feeTier(forVolume volume: Amount) -> FeeTier {
        var found = feeTiers[0]
        for tier in feeTiers where tier.minVolume30d <= volume { found = tier }
        return found
    }

    /// Problems that make the specification unusable, each naming its field; empty when
    /// the specification is sound.
    public func problems() -> [PerpetuaError] {
        var found: [PerpetuaError] = []
        func add(_ field: String, _ reason: String) { found.append(.invalid(field, reason)) }
        if symbol.isEmpty || symbol.utf8.contains(where: { !(($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57)) }) {
            add("symbol", "must be upper-case letters and digits, such as BTCUSDT")
        }
        if !tickSize.isPositive { add("tickSize", "must be greater than zero") }
        if !stepSize.isPositive { add("stepSize", "must be greater than zero") }
        if stepSize.isPositive {
            if !minQty.isPositive || minQty.units % stepSize.units != 0 { add("minQty", "must be a positive multiple of stepSize") }
            if maxQty < minQty || maxQty.units % stepSize.units != 0 { add("maxQty", "must be a multiple of stepSize not below minQty") }
        }
        if minNotional.isNegative { add("minNotional", "must not be negative") }
        if !priceBandRate.isPositive || priceBandRate.units >= fixedPointOne { add("priceBandRate", "must be between 0 and 1") }
        if leverageBrackets.isEmpty { add("leverageBrackets", "must have at least one bracket") }
        for (index, bracket) in leverageBrackets.enumerated() {
            let expectedFloor = index == 0 ? Amount.zero : leverageBrackets[index - 1].notionalCap
            if bracket.notionalFloor != expectedFloor { add("leverageBrackets[\(index)].notionalFloor", "must equal the previous bracket's notionalCap (\(expectedFloor))") }
            if bracket.notionalCap <= bracket.notionalFloor { add("leverageBrackets[\(index)].notionalCap", "must be above notionalFloor") }
            if bracket.maxLeverage < 1 || bracket.maxLeverage > 1000 { add("leverageBrackets[\(index)].maxLeverage", "must be between 1 and 1000") }
            if index > 0, bracket.maxLeverage > leverageBrackets[index - 1].maxLeverage { add("leverageBrackets[\(index)].maxLeverage", "must not exceed the previous bracket's") }
            if !bracket.maintMarginRate.isPositive || bracket.maintMarginRate.units >= fixedPointOne { add("leverageBrackets[\(index)].maintMarginRate", "must be between 0 and 1") }
            if index > 0, bracket.maintMarginRate < leverageBrackets[index - 1].maintMarginRate { add("leverageBrackets[\(index)].maintMarginRate", "must not decrease") }
            // Initial margin must cover maintenance margin, or a position could be opened
            // already liquidatable.
            if Int128(bracket.maintMarginRate.units) * Int128(bracket.maxLeverage) > Int128(fixedPointOne) {
                add("leverageBrackets[\(index)].maintMarginRate", "must not exceed 1 / maxLeverage")
            }
            // cum is derived at eight decimals; a floor × rate step that needs more would be
            // rounded and the maintenance margin would jump at the bracket edge.
            if index > 0 {
                let step = Rate(units: bracket.maintMarginRate.units - leverageBrackets[index - 1].maintMarginRate.units)
                if ExactProduct(bracket.notionalFloor, step).units % Int128(fixedPointOne) != 0 {
                    add("leverageBrackets[\(index)].maintMarginRate", "notionalFloor × (maintMarginRate − the previous bracket's) must have at most eight decimals, so that cum is exact")
                }
            }
        }
        if feeTiers.isEmpty { add("feeTiers", "must have at least one tier") }
        for (index, tier) in feeTiers.enumerated() {
            if index == 0, tier.minVolume30d != .zero { add("feeTiers[0].minVolume30d", "must be 0") }
            if index > 0, tier.minVolume30d <= feeTiers[index - 1].minVolume30d { add("feeTiers[\(index)].minVolume30d", "must increase") }
            if tier.takerRate.isNegative { add("feeTiers[\(index)].takerRate", "must not be negative") }
            if tier.makerRate.units + tier.takerRate.units < 0 { add("feeTiers[\(index)].makerRate", "a rebate must not exceed the taker rate") }
        }
        if ![1, 2, 4, 8].contains(fundingIntervalHours) { add("fundingIntervalHours", "must be 1, 2, 4 or 8") }
        if capRate < floorRate { add("capRate", "must not be below floorRate") }
        if !impactNotional.isPositive { add("impactNotional", "must be greater than zero") }
        if maxOpenOrders < 1 { add("maxOpenOrders", "must be at least 1") }
        return found
    }
}
