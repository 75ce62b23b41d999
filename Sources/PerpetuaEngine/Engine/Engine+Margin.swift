import PerpetuaCore

/// Margin arithmetic (API.md §7, MECHANICS.md). Every quantity here is exact: money in
/// 10⁻¹⁶ `Int128` units, rounded only where it is shown or moved.
extension Engine {
    static let one = Int128(fixedPointOne)

    /// The price a position is valued at: mark, index or last, else its own entry price.
    func valuationPrice(_ symbol: Int, _ position: PositionState) -> Price {
        symbols[symbol].riskPrice ?? position.entryPrice
    }

    /// notional × MMR − cum of the bracket the notional falls in, rounded up.
    func maintenanceMargin(notional: Int128, spec: SymbolSpec) -> Int128 {
        guard notional > 0 else { return 0 }
        let bracket = spec.bracket(forNotional: ExactProduct(units: notional))
        let rated = RoundingRule.up.divide(notional * Int128(bracket.maintMarginRate.units), by: Self.one)
        return max(0, rated - Int128(bracket.cum.units) * Self.one)
    }

    /// Wallet minus isolated margins: the cash behind cross positions.
    func crossWallet(_ account: Account) -> Int128 {
        Int128(account.wallet.units - account.isolatedMargins.units) * Self.one
    }

    /// Cross figures of an account, all exact.
    struct CrossFigures {
        var unrealizedPnl: Int128 = 0
        var positionInitialMargin: Int128 = 0
        var orderInitialMargin: Int128 = 0
        var maintenanceMargin: Int128 = 0
        var hasCrossPosition = false
    }

    func crossFigures(_ account: Account) -> CrossFigures {
        var figures = CrossFigures()
        for (symbol, position) in account.positions.enumerated() {
            // Orders of isolated positions reserve margin from the cross balance too, until
            // their fills move it into the isolated margin.
            figures.orderInitialMargin += position.orderInitialMargin()
            guard position.marginMode == .cross, position.size != 0 else { continue }
            let mark = valuationPrice(symbol, position)
            figures.hasCrossPosition = true
            figures.unrealizedPnl += position.unrealizedPnl(mark: mark)
            figures.positionInitialMargin += position.initialMargin(mark: mark)
            figures.maintenanceMargin += maintenanceMargin(notional: position.notional(mark: mark), spec: symbols[symbol].spec)
        }
        return figures
    }

    /// available = wallet + cross uPnL − cross position IM − order IM − isolated margins.
    func availableBalance(_ accountId: UInt64) -> Int128 {
        guard let account = accounts[accountId] else { return 0 }
        let figures = crossFigures(account)
        return crossWallet(account) + figures.unrealizedPnl - figures.positionInitialMargin - figures.orderInitialMargin
    }

    /// Whether an isolated position is at or below maintenance at the mark.
    func isolatedNeedsLiquidation(_ account: Account, _ symbol: Int) -> Bool {
        let position = account.positions[symbol]
        guard position.marginMode == .isolated, position.size != 0 else { return false }
        let mark = valuationPrice(symbol, position)
        let balance = Int128(position.isolatedMargin.units) * Self.one + position.unrealizedPnl(mark: mark)
        return balance <= maintenanceMargin(notional: position.notional(mark: mark), spec: symbols[symbol].spec)
    }

    /// Whether the cross side of an account is at or below maintenance at the marks.
    func crossNeedsLiquidation(_ account: Account) -> Bool {
        let figures = crossFigures(account)
        guard figures.hasCrossPosition else { return false }
        return crossWallet(account) + figures.unrealizedPnl <= figures.maintenanceMargin
    }

    /// The wallet a position can lose before its margin balance is zero, in the sense of
    /// MECHANICS.md: the isolated margin, or for cross the cross wallet plus the other cross
    /// positions' unrealised PnL minus their maintenance margin (when `lessOthersMaintenance`).
    func effectiveWallet(_ account: Account, _ symbol: Int, lessOthersMaintenance: Bool) -> Int128 {
        let position = account.positions[symbol]
        if position.marginMode == .isolated { return Int128(position.isolatedMargin.units) * Self.one }
        var wallet = crossWallet(account)
        for (other, p) in account.positions.enumerated() where other != symbol && p.marginMode == .cross && p.size != 0 {
            let mark = valuationPrice(other, p)
            wallet += p.unrealizedPnl(mark: mark)
            if lessOthersMaintenance {
                wallet -= maintenanceMargin(notional: p.notional(mark: mark), spec: symbols[other].spec)
            }
        }
        return wallet
    }

    /// The liquidation price of MECHANICS.md, with the bracket re-chosen when the price
    /// falls in another one; nil for a flat position or one that cannot be liquidated
    /// (the price would be zero or negative).
    func liquidationPrice(_ account: Account, _ symbol: Int) -> Price? {
        let position = account.positions[symbol]
        guard position.size != 0 else { return nil }
        let wallet = effectiveWallet(account, symbol, lessOthersMaintenance: true)
        let spec = symbols[symbol].spec
        let quantity = Int128(position.absoluteSize)
        var chosen: Int128?
        for bracket in spec.leverageBrackets {
            let m = Int128(bracket.maintMarginRate.units)
            let cum = Int128(bracket.cum.units) * Self.one
            let numerator: Int128
            let denominator: Int128
            if position.size > 0 {
                numerator = position.entryNotional - wallet - cum
                denominator = quantity * (Self.one - m)
            } else {
                numerator = position.entryNotional + wallet + cum
                denominator = quantity * (Self.one + m)
            }
            let price = RoundingRule.halfAwayFromZero.divide(numerator * Self.one, by: denominator)
            let notional = quantity * max(price, 0)
            if chosen == nil { chosen = price }
            if notional >= Int128(bracket.notionalFloor.units) * Self.one, notional < Int128(bracket.notionalCap.units) * Self.one {
                chosen = price
                break
            }
        }
        guard let price = chosen, price > 0, price <= Int128(Int64.max) else { return nil }
        return Price(units: Int64(price))
    }

    /// Q × the bankruptcy price, exact (10⁻¹⁶): what closing the whole position must be
    /// worth for its margin to end at exactly zero, Q × EP − WB for a long and Q × EP + WB
    /// for a short (MECHANICS.md, with MMR = 0 and cum = 0). Zero or negative when no
    /// positive price does that; zero for a flat position.
    func bankruptcyNotional(_ account: Account, _ symbol: Int) -> Int128 {
        let position = account.positions[symbol]
        guard position.size != 0 else { return 0 }
        let wallet = effectiveWallet(account, symbol, lessOthersMaintenance: false)
        return position.size > 0 ? position.entryNotional - wallet : position.entryNotional + wallet
    }

    /// The bankruptcy price rounded to the tick on the safe side (up for a long, down for a
    /// short) so that closing at it never leaves a loss beyond the margin: the limit of the
    /// liquidation's IOC order, which must be on tick. Nil when it would be zero or negative.
    func bankruptcyPriceTicks(_ account: Account, _ symbol: Int) -> Int64? {
        let position = account.positions[symbol]
        guard position.size != 0 else { return nil }
        let numerator = bankruptcyNotional(account, symbol)
        let quantity = Int128(position.absoluteSize)
        let tick = Int128(symbols[symbol].spec.tickSize.units)
        // Price units = numerator / quantity; ticks = that / tick.
        let ticks = position.size > 0
            ? RoundingRule.up.divide(numerator, by: quantity * tick)
            : RoundingRule.down.divide(numerator, by: quantity * tick)
        guard ticks > 0 else { return position.size > 0 ? 1 : nil }
        return Int64(min(ticks, Int128(Int64.max / 2)))
    }

    /// The most notional a position may reach at `leverage`: the cap of the last bracket
    /// that still allows that leverage.
    func maxNotional(spec: SymbolSpec, leverage: Int) -> Amount {
        var cap = Amount.zero
        for bracket in spec.leverageBrackets where bracket.maxLeverage >= leverage { cap = bracket.notionalCap }
        return cap
    }

    /// The API view of a position.
    func positionSnapshot(_ accountId: UInt64, _ symbol: Int) -> PositionSnapshot {
        let account = accounts[accountId]!
        let position = account.positions[symbol]
        let spec = symbols[symbol].spec
        let mark = valuationPrice(symbol, position)
        let notional = position.notional(mark: mark)
        let maintenance = maintenanceMargin(notional: notional, spec: spec)
        let balance: Int128
        if position.marginMode == .isolated {
            balance = Int128(position.isolatedMargin.units) * Self.one + position.unrealizedPnl(mark: mark)
        } else {
            balance = crossWallet(account) + crossFigures(account).unrealizedPnl
        }
        let ratio = balance > 0 ? RoundingRule.up.divide(maintenance * Self.one, by: balance) : (maintenance > 0 ? Self.one : 0)
        return PositionSnapshot(
            account: accountId, symbol: spec.symbol, size: Quantity(units: position.size),
            entryPrice: position.entryPrice, markPrice: mark,
            unrealizedPnl: Self.display(position.unrealizedPnl(mark: mark)), realizedPnl: position.realizedPnl,
            leverage: position.leverage, marginMode: position.marginMode, isolatedMargin: position.isolatedMargin,
            initialMargin: Self.display(position.initialMargin(mark: mark)),
            maintenanceMargin: Self.display(maintenance),
            liquidationPrice: liquidationPrice(account, symbol),
            marginRatio: Rate(units: Int64(min(ratio, Int128(Int64.max)))), updateTime: position.updateTime)
    }
}
