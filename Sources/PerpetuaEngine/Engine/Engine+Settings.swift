import PerpetuaCore

/// Leverage, margin mode and symbol administration.
extension Engine {
    mutating func setLeverage(account accountId: UInt64, symbol: String, leverage: Int) -> PerpetuaError? {
        let s: Int
        switch symbolIndex(symbol) {
        case .success(let index): s = index
        case .failure(let error): return error
        }
        let spec = symbols[s].spec
        guard leverage >= 1, leverage <= spec.maxLeverage else {
            return PerpetuaError(.leverageOutOfRange, ["leverage": String(leverage), "maxLeverage": String(spec.maxLeverage)])
        }
        if isLiquidating(accountId) { return PerpetuaError(.liquidationInProgress) }
        // Settings may be changed before any deposit; the account appears with them.
        ensureAccount(accountId)
        var probe = self
        probe.accounts[accountId]!.positions[s].leverage = leverage
        let position = probe.accounts[accountId]!.positions[s]
        // The position (and what its orders would add) must fit the brackets at that leverage.
        let mark = valuationPrice(s, position)
        let worst = max(Int128(position.absoluteSize) * Int128(mark.units),
                        max(position.openBuyNotional, position.openSellNotional) + Int128(position.absoluteSize) * Int128(mark.units))
        let cap = maxNotional(spec: spec, leverage: leverage)
        if worst > 0, worst >= Int128(cap.units) * Self.one {
            return PerpetuaError(.leverageOutOfRange, ["leverage": String(leverage), "maxLeverage": String(maxLeverage(spec: spec, notional: worst))])
        }
        if position.marginMode == .isolated, position.size != 0,
           probe.isolatedNeedsLiquidation(probe.accounts[accountId]!, s) {
            // Isolated margin stays as it is; the new leverage must not put it under maintenance.
            return PerpetuaError(.wouldTriggerLiquidation)
        }
        if leverage < accounts[accountId]!.positions[s].leverage {
            // A lower leverage raises the margin of the position and its open orders: it may
            // not take the available balance below zero, in either margin mode.
            let after = probe.availableBalance(accountId)
            // API.md §5.6 answers a leverage the margin cannot carry with 14003.
            // Its message says what is short: margin, not maintenance.
            if after < 0, after < availableBalance(accountId) {
                return PerpetuaError(
                    .wouldTriggerLiquidation,
                    message: "leverage \(leverage) needs more initial margin for \(spec.symbol) than the account has available; deposit, or reduce the position or its open orders, first",
                    details: ["leverage": String(leverage)])
            }
        }
        accounts[accountId]!.positions[s].leverage = leverage
        events.append(.position(positionSnapshot(accountId, s)))
        return nil
    }

    /// The highest leverage a notional allows.
    func maxLeverage(spec: SymbolSpec, notional: Int128) -> Int {
        spec.bracket(forNotional: ExactProduct(units: notional)).maxLeverage
    }

    mutating func setMarginMode(account accountId: UInt64, symbol: String, mode: MarginMode) -> PerpetuaError? {
        let s: Int
        switch symbolIndex(symbol) {
        case .success(let index): s = index
        case .failure(let error): return error
        }
        // Settings may be changed before any deposit; the account appears with them.
        ensureAccount(accountId)
        let position = accounts[accountId]!.positions[s]
        if position.marginMode == mode { return nil }
        let hasConditions = conditions.values.contains { $0.snapshot.request.account == accountId && $0.symbolIndex == s }
        if position.hasExposure || hasConditions {
            return PerpetuaError(.hasPositionOrOrders, ["symbol": symbols[s].spec.symbol])
        }
        accounts[accountId]!.positions[s].marginMode = mode
        accounts[accountId]!.positions[s].isolatedMargin = .zero
        events.append(.position(positionSnapshot(accountId, s)))
        return nil
    }

    mutating func addSymbol(_ spec: SymbolSpec) -> PerpetuaError? {
        let spec = spec.withDerivedMaintenanceAmounts()
        if let problem = spec.problems().first { return problem }
        if symbolIds[spec.symbol] != nil { return .invalid("symbol", "\(spec.symbol) already exists; use PUT to change it") }
        var state = SymbolState(spec: spec, capacity: configuration.bookCapacity)
        state.nextFundingTime = nextFundingTime(after: time, intervalHours: spec.fundingIntervalHours)
        symbols.append(state)
        symbolIds[spec.symbol] = symbols.count - 1
        for id in accounts.keys {
            accounts[id]!.positions.append(PositionState(leverage: min(configuration.defaultLeverage, spec.maxLeverage)))
        }
        events.append(.symbol(spec))
        return nil
    }

    /// Changes a symbol's parameters. The price and quantity grids are fixed once created
    /// (resting orders and positions are counted on them); everything else may change.
    mutating func updateSymbol(_ spec: SymbolSpec) -> PerpetuaError? {
        let s: Int
        switch symbolIndex(spec.symbol) {
        case .success(let index): s = index
        case .failure(let error): return error
        }
        let spec = spec.withDerivedMaintenanceAmounts()
        if let problem = spec.problems().first { return problem }
        let old = symbols[s].spec
        if spec.tickSize != old.tickSize { return .invalid("tickSize", "cannot change once the symbol exists") }
        if spec.stepSize != old.stepSize { return .invalid("stepSize", "cannot change once the symbol exists") }
        symbols[s].spec = spec
        symbols[s].book.priceBandRate = spec.priceBandRate
        if spec.fundingIntervalHours != old.fundingIntervalHours {
            symbols[s].nextFundingTime = nextFundingTime(after: time, intervalHours: spec.fundingIntervalHours)
        }
        // Leverage above the new maximum is brought down to it.
        for id in accounts.keys.sorted() where accounts[id]!.positions[s].leverage > spec.maxLeverage {
            accounts[id]!.positions[s].leverage = spec.maxLeverage
        }
        events.append(.symbol(spec))
        if old.status == .suspended, spec.status != .suspended {
            // Prices kept moving while the market was closed, but triggers were not
            // evaluated; conditions reached meanwhile fire as it reopens, not at the next
            // price change (which may never come for INDEX or MARK in a quiet market).
            for type in [TriggerPriceType.last, .mark, .index] { evaluateTriggers(symbol: s, type: type) }
        }
        return nil
    }

    /// The first funding time strictly after `time`: a multiple of the interval from
    /// 00:00 UTC.
    func nextFundingTime(after time: Int64, intervalHours: Int) -> Int64 {
        let interval = Int64(intervalHours) * 3_600_000
        return (time / interval + 1) * interval
    }
}
