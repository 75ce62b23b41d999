/// Everything the exchange needs to know about one perpetual contract: its precision,
/// its order limits, its leverage and fee schedules and its funding settings.
///
/// The order book works in integer *ticks* (multiples of ``tickSize``) and *lots*
/// (multiples of ``stepSize``); this type converts between them and the decimal values of
/// the API, rejecting anything off the grid instead of rounding it.
public struct SymbolSpec: Hashable, Sendable {
    /// The name, `BTCUSDT` style.
    public var symbol: String
    /// The traded asset (`BTC`).
    public var baseAsset: String
    /// The settlement asset (`USDT`).
    public var quoteAsset: String
    /// Whether the symbol accepts orders.
    public var status: SymbolStatus
    /// The price grid.
    public var tickSize: Price
    /// The quantity grid.
    public var stepSize: Quantity
    /// The smallest order quantity.
    public var minQty: Quantity
    /// The largest order quantity.
    public var maxQty: Quantity
    /// The smallest order notional (price × quantity).
    public var minNotional: Amount
    /// How far a limit price may be from the mark price, and how far a market order may
    /// sweep, as a fraction of the reference price (`0.05` is ±5 %).
    public var priceBandRate: Rate
    /// The leverage schedule, ordered by notional, starting at zero.
    public var leverageBrackets: [LeverageBracket]
    /// The fee schedule, ordered by 30-day volume, starting at zero.
    public var feeTiers: [FeeTier]
    /// Hours between funding settlements.
    public var fundingIntervalHours: Int
    /// The interest rate per funding interval (default 0.01 % per 8 h, scaled).
    public var interestRate: Rate
    /// The highest funding rate; defaults to 0.75 × the first bracket's maintenance rate.
    public var capRate: Rate
    /// The lowest funding rate; defaults to −``capRate``.
    public var floorRate: Rate
    /// The notional of the market order whose average price is the impact bid or ask.
    public var impactNotional: Amount
    /// The most open orders one account may have on this symbol.
    public var maxOpenOrders: Int

    public init(
        symbol: String, baseAsset: String, quoteAsset: String = "USDT", status: SymbolStatus = .trading,
        tickSize: Price, stepSize: Quantity, minQty: Quantity, maxQty: Quantity, minNotional: Amount,
        priceBandRate: Rate, leverageBrackets: [LeverageBracket], feeTiers: [FeeTier],
        fundingIntervalHours: Int = 8, interestRate: Rate? = nil,
        capRate: Rate? = nil, floorRate: Rate? = nil, impactNotional: Amount? = nil, maxOpenOrders: Int = 200
    ) {
        self.symbol = symbol
        self.baseAsset = baseAsset
        self.quoteAsset = quoteAsset
        self.status = status
        self.tickSize = tickSize
        self.stepSize = stepSize
        self.minQty = minQty
        self.maxQty = maxQty
        self.minNotional = minNotional
        self.priceBandRate = priceBandRate
        self.leverageBrackets = leverageBrackets
        self.feeTiers = feeTiers
        self.fundingIntervalHours = fundingIntervalHours
        // MECHANICS.md: interest is 0.01 % per 8 h, scaled to the funding interval.
        self.interestRate = interestRate ?? Rate(units: 10_000 * Int64(fundingIntervalHours) / 8)
        let firstRate = leverageBrackets.first?.maintMarginRate ?? .zero
        let defaultCap = Rate(units: firstRate.units * 3 / 4)
        self.capRate = capRate ?? defaultCap
        self.floorRate = floorRate ?? Rate(units: -(capRate ?? defaultCap).units)
        let firstLeverage = Int64(leverageBrackets.first?.maxLeverage ?? 1)
        self.impactNotional = impactNotional ?? Amount(units: 200 * fixedPointOne * firstLeverage)
        self.maxOpenOrders = maxOpenOrders
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
