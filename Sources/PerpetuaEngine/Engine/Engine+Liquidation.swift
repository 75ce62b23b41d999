import PerpetuaCore

/// Liquidation and auto-deleveraging (MECHANICS.md).
extension Engine {
    /// After a mark tick: liquidate every isolated position and every cross account at or
    /// below maintenance, in account then symbol order; warn accounts close to it. The
    /// liquidation flag of an account liquidated earlier is lifted only by a later tick
    /// that finds it healthy.
    mutating func liquidateUnhealthyAccounts() {
        let flaggedBefore = liquidatingAccounts
        for id in accounts.keys.sorted() {
            var liquidated = false
            for s in symbols.indices where isolatedNeedsLiquidation(accounts[id]!, s) {
                liquidate(id, symbols: [s], cross: false)
                liquidated = true
            }
            if crossNeedsLiquidation(accounts[id]!) {
                let crossSymbols = symbols.indices.filter {
                    accounts[id]!.positions[$0].marginMode == .cross && accounts[id]!.positions[$0].size != 0
                }
                liquidate(id, symbols: crossSymbols, cross: true)
                liquidated = true
            } else if !liquidated {
                warnIfClose(id)
            }
            if liquidated, !marginCallTimes.isEmpty { marginCallTimes.removeValue(forKey: id) }
            if !liquidated, flaggedBefore.contains(id) { liquidatingAccounts.remove(id) }
        }
    }

    /// Warns a cross account at or above the margin-call ratio: on the first tick that
    /// finds it there, then at most once per ``EngineConfiguration/marginCallIntervalMs``.
    mutating func warnIfClose(_ id: UInt64) {
        guard let ratio = crossMarginRatio(accounts[id]!), ratio >= Int128(configuration.marginCallRatio.units) else {
            if !marginCallTimes.isEmpty { marginCallTimes.removeValue(forKey: id) }
            return
        }
        if let last = marginCallTimes[id], time - last < configuration.marginCallIntervalMs { return }
        marginCallTimes[id] = time
        events.append(.marginCall(account: id, marginRatio: Rate(units: Int64(min(ratio, Int128(Int64.max))))))
    }

    /// Cross maintenance margin over cross margin balance (10⁻⁸, rounded up), or nil without
    /// a cross position or with nothing left of the balance (liquidation's business).
    func crossMarginRatio(_ account: Account) -> Int128? {
        let figures = crossFigures(account)
        guard figures.hasCrossPosition else { return nil }
        let balance = crossWallet(account) + figures.unrealizedPnl
        guard balance > 0 else { return nil }
        return RoundingRule.up.divide(figures.maintenanceMargin * Self.one, by: balance)
    }

    /// Liquidates `symbols` of an account: cancel the orders on that margin, re-check, then
    /// close each position through the book no worse than its bankruptcy price and
    /// deleverage what the book did not take. Once every position on that margin is closed,
    /// the liquidation fees come out of what margin is left (in symbol order, each capped
    /// at its rate × notional) and any deficit is covered by the insurance fund.
    mutating func liquidate(_ id: UInt64, symbols affected: [Int], cross: Bool) {
        // 1. Cancel the orders on the affected margin.
        let orderIds = openOrders.values.filter { order in
            order.snapshot.account == id
                && (cross ? accounts[id]!.positions[order.symbolIndex].marginMode == .cross : affected.contains(order.symbolIndex))
        }.map { ($0.snapshot.orderId, $0.symbolIndex) }.sorted { $0.0 < $1.0 }
        for (orderId, s) in orderIds { cancelById(orderId, symbol: s, reason: .liquidation) }
        let stillUnhealthy = cross ? crossNeedsLiquidation(accounts[id]!) : isolatedNeedsLiquidation(accounts[id]!, affected[0])
        guard stillUnhealthy else { return }
        liquidatingAccounts.insert(id)

        let marginBefore = cross ? crossWallet(accounts[id]!) : Int128(accounts[id]!.positions[affected[0]].isolatedMargin.units) * Self.one
        let walletBefore = accounts[id]!.wallet
        var records: [(record: LiquidationRecord, feeCap: Int128, symbol: Int)] = []
        for s in affected {
            let position = accounts[id]!.positions[s]
            guard position.size != 0 else { continue }
            let spec = symbols[s].spec
            let mark = valuationPrice(s, position)
            let side: Side = position.size > 0 ? .sell : .buy
            let quantity = position.absoluteSize
            // The IOC's limit is the bankruptcy price on tick (no worse than it); ADL is at
            // the exact price, Q × BP = `bankruptcyValue`, so that neither the liquidated
            // account nor its counterparties lose the part of a tick in between. When no
            // positive price leaves the margin at zero, both fall back to the tick price.
            let bankruptcy = bankruptcyPriceTicks(accounts[id]!, s) ?? 1
            let exactValue = bankruptcyNotional(accounts[id]!, s)
            let bankruptcyValue = exactValue > 0 ? exactValue : Int128(quantity) * Int128(bankruptcy) * Int128(spec.tickSize.units)
            let safeSide: RoundingRule = position.size > 0 ? .up : .down
            let bankruptcyPrice = Price(units: max(1, Int64(clamping: safeSide.divide(bankruptcyValue, by: Int128(quantity)))))
            let insuranceBefore = insuranceFund

            // 2. Through the book, no worse than bankruptcy.
            let request = OrderRequest(
                account: id, symbol: spec.symbol, side: side, type: .limit, quantity: Quantity(units: quantity),
                price: spec.price(ticks: bankruptcy), timeInForce: .ioc, reduceOnly: true, selfTradePrevention: .none)
            _ = placeOrder(request, origin: OrderOrigin(source: .liquidation))
            let left = accounts[id]!.positions[s].absoluteSize

            // 3. What the book did not take is closed against opposite positions, at the
            // exact bankruptcy price: `left` of `quantity` is worth that share of its value.
            if left > 0 {
                let value = left == quantity ? bankruptcyValue
                    : safeSide.divide(bankruptcyValue * Int128(left), by: Int128(quantity))
                autoDeleverage(id, symbol: s, quantity: left, value: value, price: bankruptcyPrice, limitTicks: bankruptcy)
            }

            let notional = Int128(quantity) * Int128(mark.units)
            let feeCap = RoundingRule.up.divide(notional * Int128(configuration.liquidationFeeRate.units), by: Self.one * Self.one)
            records.append((LiquidationRecord(
                account: id, symbol: spec.symbol, side: position.size > 0 ? .buy : .sell, quantity: Quantity(units: quantity),
                bankruptcyPrice: bankruptcyPrice, markPrice: mark, closedInBook: Quantity(units: quantity - left),
                closedByAdl: Quantity(units: left), liquidationFee: .zero,
                insuranceFundChange: Amount(units: insuranceFund.units - insuranceBefore.units), time: time), feeCap, s))
        }

        // 4. Fees from what is left of the margin, then a deficit from the fund.
        let pnl = Int128(accounts[id]!.wallet.units - walletBefore.units) * Self.one
        var remaining = cross ? crossWallet(accounts[id]!) : marginBefore + pnl
        for index in records.indices {
            let fee = Amount(units: Int64(max(0, min(records[index].feeCap, remaining / Self.one))))
            remaining -= Int128(fee.units) * Self.one
            if fee.isPositive {
                changeBalance(id, .liquidationFee, -fee, symbol: records[index].symbol, refId: lastSequence)
                insuranceFund += fee
            }
            records[index].record.liquidationFee = fee
            records[index].record.insuranceFundChange += fee
        }
        let shortfall = cross ? crossWallet(accounts[id]!) : Int128(min(0, accounts[id]!.wallet.units)) * Self.one
        if shortfall < 0, let last = records.indices.last {
            let fundBefore = insuranceFund
            coverDeficit(id, Amount(units: Int64(RoundingRule.up.divide(-shortfall, by: Self.one))), symbol: records[last].symbol, refId: lastSequence)
            records[last].record.insuranceFundChange += Amount(units: insuranceFund.units - fundBefore.units)
        }
        for entry in records { events.append(.liquidation(entry.record)) }
        events.append(.insuranceFund(balance: insuranceFund, feeIncome: feeIncome))
    }

    /// Closes `quantity` of a liquidated position against opposite positions at the
    /// bankruptcy price: highest unrealised PnL % × effective leverage first (profitable
    /// positions before the rest), ties by larger size, then lower account id.
    ///
    /// An ADL fill is not a book trade: it is settled at `value` (Q × the exact bankruptcy
    /// price, 10⁻¹⁶) shared out over the counterparties in proportion to what each takes,
    /// and reported at `price`, that price to 10⁻⁸ (off tick in general). Both sides of each
    /// fill settle at the same value, so money is conserved exactly. `limitTicks` is the
    /// liquidation's on-tick limit, kept on the ADL order records' open-order totals.
    mutating func autoDeleverage(
        _ liquidated: UInt64, symbol s: Int, quantity: Int64, value: Int128, price: Price, limitTicks: Int64
    ) {
        let liquidatedLong = accounts[liquidated]!.positions[s].size > 0
        struct Candidate { var account: UInt64; var profitable: Bool; var score: Int128; var size: Int64 }
        var candidates: [Candidate] = []
        for (id, account) in accounts where id != liquidated {
            let p = account.positions[s]
            guard p.size != 0, (p.size > 0) != liquidatedLong else { continue }
            let mark = valuationPrice(s, p)
            let pnl = p.unrealizedPnl(mark: mark)
            let balance = p.marginMode == .isolated
                ? Int128(p.isolatedMargin.units) * Self.one + pnl
                : crossWallet(account) + crossFigures(account).unrealizedPnl
            // Both factors in 10⁻⁸ rate units: PnL % up to ~1e8 per 100 %, leverage up to
            // ~1e11 for 1000x, so the product fits easily. A position with no margin left
            // counts as infinitely leveraged.
            let pnlRate = p.entryNotional > 0 ? pnl * Self.one / p.entryNotional : 0
            let leverage = balance > 0 ? p.notional(mark: mark) * Self.one / balance : Int128(Int64.max)
            let score = pnlRate * leverage
            candidates.append(Candidate(account: id, profitable: pnl > 0, score: score, size: p.absoluteSize))
        }
        candidates.sort {
            if $0.profitable != $1.profitable { return $0.profitable }
            if $0.score != $1.score { return $0.score > $1.score }
            if $0.size != $1.size { return $0.size > $1.size }
            return $0.account < $1.account
        }
        var left = quantity
        // Value shared out so far: each fill's share is the cumulative share at its end less
        // the one before, so the shares add up to `value` exactly, rounded like the
        // bankruptcy price (in the liquidated position's favour) where they split it.
        var done: Int64 = 0
        var doneValue: Int128 = 0
        let rounding: RoundingRule = liquidatedLong ? .up : .down
        let spec = symbols[s].spec
        for candidate in candidates where left > 0 {
            let take = min(left, candidate.size)
            left -= take
            done += take
            let upTo = left == 0 ? value : rounding.divide(value * Int128(done), by: Int128(quantity))
            let fillValue = upTo - doneValue
            doneValue = upTo
            let counterSide: Side = liquidatedLong ? .buy : .sell
            let counterId = adlOrder(candidate.account, s, side: counterSide, quantity: take, price: price,
                                     limitTicks: limitTicks, source: .adl)
            // The liquidated side's fill is part of its liquidation; the counterparty's is ADL.
            let liquidatedId = adlOrder(liquidated, s, side: counterSide.opposite, quantity: take, price: price,
                                        limitTicks: limitTicks, source: .liquidation)
            let tradeId = nextTradeId
            nextTradeId += 1
            let counter = settleSide(orderId: counterId, account: candidate.account, symbol: s, side: counterSide,
                                     quantity: take, price: price, role: .maker, tradeId: tradeId, adlValue: fillValue)
            let own = settleSide(orderId: liquidatedId, account: liquidated, symbol: s, side: counterSide.opposite,
                                 quantity: take, price: price, role: .taker, tradeId: tradeId, adlValue: fillValue)
            events.append(.trade(TradeRecord(
                tradeId: tradeId, symbol: spec.symbol, price: price, quantity: Quantity(units: take),
                takerSide: counterSide.opposite, makerOrderId: counterId, takerOrderId: liquidatedId,
                makerAccount: candidate.account, takerAccount: liquidated, makerFee: counter.fee, takerFee: own.fee,
                makerRealizedPnl: counter.pnl, takerRealizedPnl: own.pnl, time: time)))
            for orderId in [counterId, liquidatedId] where openOrders[orderId]?.remaining == 0 {
                closeOrder(orderId, status: .filled, reason: nil)
            }
        }
    }

    /// An order record for one side of an ADL fill (it never touches the book): priced at
    /// the fill's (off-tick) price; `limitTicks` only keys its reduce-only open totals.
    mutating func adlOrder(
        _ account: UInt64, _ s: Int, side: Side, quantity: Int64, price: Price, limitTicks: Int64, source: OrderSource
    ) -> UInt64 {
        let spec = symbols[s].spec
        let orderId = nextOrderId
        nextOrderId += 1
        let snapshot = OrderSnapshot(
            orderId: orderId, account: account, symbol: spec.symbol, clientOrderId: nil, side: side, type: .limit,
            price: price, quantity: Quantity(units: quantity), executedQuantity: .zero,
            cumulativeQuote: ExactProduct(units: 0), status: .new, timeInForce: .ioc, reduceOnly: true,
            selfTradePrevention: .none, source: source, cancelReason: nil, conditionOrderId: nil, strategyId: nil,
            createTime: time, updateTime: time, lastFill: nil)
        registerOrder(snapshot, symbol: s, priceTicks: limitTicks)
        return orderId
    }
}

extension Engine {
    /// Whether `account` is being liquidated. The set is almost always empty, and an empty
    /// set still hashes its argument, on every order command.
    @inline(__always)
    func isLiquidating(_ account: UInt64) -> Bool {
        !liquidatingAccounts.isEmpty && liquidatingAccounts.contains(account)
    }
}
