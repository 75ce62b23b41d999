import PerpetuaCore

/// Settlement of fills: fees, realised PnL, positions and isolated margin, exactly.
extension Engine {
    /// How many recently closed orders keep their owner for "already final" answers.
    static let closedOrderMemory = 65_536

    mutating func rememberClosed(_ snapshot: OrderSnapshot) {
        if let clientId = snapshot.clientOrderId {
            closedClientIds.append(ClosedClientId(
                time: time, key: ClientKey(account: snapshot.account, id: clientId), orderId: snapshot.orderId))
        }
        if closedOrderRing.count < Self.closedOrderMemory {
            closedOrderRing.append(snapshot.orderId)
        } else {
            closedOrderOwners.removeValue(forKey: closedOrderRing[closedOrderRingNext])
            closedOrderRing[closedOrderRingNext] = snapshot.orderId
            closedOrderRingNext = (closedOrderRingNext + 1) % Self.closedOrderMemory
        }
        closedOrderOwners[snapshot.orderId] = snapshot.account
    }

    /// Settles one book trade for both sides, maker first.
    mutating func settleTrade(_ trade: BookTrade, symbol s: Int) {
        let spec = symbols[s].spec
        let price = spec.price(ticks: trade.priceTicks)
        let quantity = trade.lots * spec.stepSize.units
        let tradeId = nextTradeId
        nextTradeId += 1
        let makerSide = trade.takerSide.opposite
        let maker = settleSide(orderId: trade.makerOrderId, account: trade.makerOwner, symbol: s, side: makerSide,
                               quantity: quantity, price: price, role: .maker, tradeId: tradeId)
        let taker = settleSide(orderId: trade.takerOrderId, account: trade.takerOwner, symbol: s, side: trade.takerSide,
                               quantity: quantity, price: price, role: .taker, tradeId: tradeId)
        events.append(.trade(TradeRecord(
            tradeId: tradeId, symbol: spec.symbol, price: price, quantity: Quantity(units: quantity),
            takerSide: trade.takerSide, makerOrderId: trade.makerOrderId, takerOrderId: trade.takerOrderId,
            makerAccount: trade.makerOwner, takerAccount: trade.takerOwner, makerFee: maker.fee, takerFee: taker.fee,
            makerRealizedPnl: maker.pnl, takerRealizedPnl: taker.pnl, time: time)))
        symbols[s].lastPrice = price
        lastPriceChanged.append(s)
        // Orders are closed after both sides settled so that strategy hooks see final positions.
        for id in [trade.makerOrderId, trade.takerOrderId] {
            if let order = openOrders[id], order.remaining == 0 { closeOrder(id, status: .filled, reason: nil) }
        }
    }

    /// Applies one side of a fill and reports its fee and credited PnL.
    ///
    /// A book trade is worth quantity × price. An ADL fill passes its exact worth in
    /// `adlValue` (10⁻¹⁶: its share of Q × the bankruptcy price, which need not be a whole
    /// number of 10⁻⁸ price units), and `price` is then only what it is reported at.
    mutating func settleSide(
        orderId: UInt64, account: UInt64, symbol s: Int, side: Side, quantity: Int64, price: Price,
        role: LiquidityRole, tradeId: UInt64, adlValue: Int128? = nil
    ) -> (fee: Amount, pnl: Amount) {
        let spec = symbols[s].spec
        let notional = adlValue ?? Int128(quantity) * Int128(price.units)
        var order = openOrders[orderId]
        let source = order?.snapshot.source ?? .user
        // Fee: the tier's rate, rounded up (a charge grows, a rebate shrinks): the exchange's
        // favour both ways. A liquidation order pays the liquidation fee instead.
        let tier = spec.feeTier(forVolume: accounts[account]!.volume30d)
        let rate = source == .liquidation || source == .adl ? Rate.zero : (role == .maker ? tier.makerRate : tier.takerRate)
        let fee = ExactProduct(units: notional).amount(times: rate, rounding: .up)

        // Position: first the closing part, then the opening part (a flip does both).
        var position = accounts[account]!.positions[s]
        let before = position.size
        let entryBefore = position.entryPrice
        let signed = side == .buy ? quantity : -quantity
        var realized: Int128 = 0
        var closed: Int64 = 0
        var opened: Int64 = quantity
        // What the closing part of the fill is worth; the opening part is worth the rest.
        var closedValue: Int128 = 0
        if position.size != 0, (position.size > 0) != (signed > 0) {
            let held = position.absoluteSize
            closed = min(held, quantity)
            opened = quantity - closed
            closedValue = closed == quantity ? notional
                : adlValue == nil ? Int128(closed) * Int128(price.units)
                : RoundingRule.down.divide(notional * Int128(closed), by: Int128(quantity))
            let portion = closed == held ? position.entryNotional
                : RoundingRule.down.divide(position.entryNotional * Int128(closed), by: Int128(held))
            let proceeds = closedValue - portion
            realized = position.size > 0 ? proceeds : -proceeds
            position.entryNotional -= portion
            position.size += position.size > 0 ? -closed : closed
            position.closedQuantity += closed
            position.closedNotional += closedValue
        }
        // Credit realised PnL rounded down; the sub-unit rest goes to the residue.
        let credited = Amount(units: Int64(RoundingRule.down.divide(realized, by: Self.one)))
        addResidue(realized - Int128(credited.units) * Self.one)
        position.realizedPnl += credited
        position.fees += fee
        position.updateTime = time

        // Isolated margin: closing releases its share of the margin together with the PnL
        // to the wallet; only a loss beyond that share comes out of what stays, and a loss
        // beyond all of it is covered by the insurance fund.
        if position.marginMode == .isolated, closed > 0 {
            let heldBefore = abs(before)
            let margin = position.isolatedMargin
            var keep = closed == heldBefore ? Amount.zero
                : Amount(units: Int64(RoundingRule.up.divide(Int128(margin.units) * Int128(heldBefore - closed), by: Int128(heldBefore))))
            let released = margin - keep
            let returned = released + credited
            if returned.isNegative {
                keep += returned
                if keep.isNegative {
                    accounts[account]!.positions[s] = position
                    coverDeficit(account, -keep, symbol: s, refId: tradeId)
                    keep = .zero
                }
            }
            position.isolatedMargin = keep
        }
        if closed > 0, position.size == 0 {
            accounts[account]!.positions[s] = position
            recordClosedPosition(account, s, closedSide: before > 0 ? .buy : .sell, entryPrice: entryBefore,
                                 closeType: closeType(for: source))
        }
        if opened > 0 {
            if position.size == 0 {
                position.openTime = time
                position.maxSize = 0
                position.fees = closed > 0 ? .zero : fee
                position.funding = .zero
                position.realizedPnl = .zero
                position.entryNotional = 0
                position.closedQuantity = 0
                position.closedNotional = 0
            }
            position.size += side == .buy ? opened : -opened
            position.entryNotional += notional - closedValue
            if position.marginMode == .isolated {
                // Margin at the fill, but never more than the order reserved for it at its
                // own price (a sell filling above its limit would otherwise take more).
                var marginPrice = Int128(price.units)
                if let order, source != .liquidation, source != .adl {
                    marginPrice = min(marginPrice, Int128(order.priceTicks) * Int128(spec.tickSize.units))
                }
                position.isolatedMargin += Amount(units: Int64(RoundingRule.up.divide(
                    Int128(opened) * marginPrice, by: Int128(position.leverage) * Self.one)))
            }
        }
        position.maxSize = max(position.maxSize, position.absoluteSize)
        accounts[account]!.positions[s] = position

        // Money.
        // PnL from an ADL fill is logged as ADL on both sides, whatever the order's source.
        changeBalance(account, adlValue != nil ? .adl : .realizedPnl, credited, symbol: s, refId: tradeId)
        changeBalance(account, .tradeFee, -fee, symbol: s, refId: tradeId)
        feeIncome += fee
        let volume = Amount(units: Int64(RoundingRule.down.divide(notional, by: Self.one)))
        accounts[account]!.volumeToday += volume
        if role == .maker { accounts[account]!.makerVolumeToday += volume }
        accounts[account]!.feesToday += fee

        // The order.
        if order != nil {
            order!.remaining -= quantity
            order!.snapshot.executedQuantity.units += quantity
            order!.snapshot.cumulativeQuote.units += notional
            order!.snapshot.status = order!.remaining == 0 ? .filled : .partiallyFilled
            order!.snapshot.updateTime = time
            order!.snapshot.lastFill = Fill(tradeId: tradeId, price: price, quantity: Quantity(units: quantity), fee: fee,
                                            role: role, realizedPnl: credited)
            adjustOpenTotals(account, s, side: side, quantity: -quantity, priceTicks: order!.priceTicks,
                             reduceOnly: order!.snapshot.reduceOnly, count: 0)
            openOrders[orderId] = order!
            events.append(.order(order!.snapshot))
            strategyOrderFilled(order!.snapshot)
        }
        if closed > 0 { shrunkPositions.append((account, s)) }
        events.append(.position(positionSnapshot(account, s)))
        return (fee, credited)
    }

    func closeType(for source: OrderSource) -> PositionHistoryRecord.CloseType {
        switch source {
        case .liquidation: .liquidation
        case .adl: .adl
        default: .close
        }
    }

    /// Pays an account's loss beyond its margin from the insurance fund (as far as it goes).
    mutating func coverDeficit(_ account: UInt64, _ deficit: Amount, symbol: Int?, refId: UInt64) {
        let paid = Amount(units: min(deficit.units, max(0, insuranceFund.units)))
        guard paid.isPositive else { return }
        insuranceFund -= paid
        changeBalance(account, .insuranceClear, paid, symbol: symbol, refId: refId)
    }

    /// Emits a position-history row for a position that went flat (or flipped). The close
    /// price is the average of every closing fill, rounded half away from zero to 10⁻⁸.
    mutating func recordClosedPosition(_ account: UInt64, _ s: Int, closedSide: Side, entryPrice: Price,
                                       closeType: PositionHistoryRecord.CloseType) {
        let position = accounts[account]!.positions[s]
        let closePrice = Price(units: Int64(RoundingRule.halfAwayFromZero.divide(
            position.closedNotional, by: Int128(max(1, position.closedQuantity)))))
        events.append(.positionClosed(PositionHistoryRecord(
            account: account, symbol: symbols[s].spec.symbol, side: closedSide, openTime: position.openTime, closeTime: time,
            maxSize: Quantity(units: position.maxSize), entryPrice: entryPrice,
            closePrice: closePrice, realizedPnl: position.realizedPnl, fees: position.fees, funding: position.funding,
            closeType: closeType)))
    }
}
