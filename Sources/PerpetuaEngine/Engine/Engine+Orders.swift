import PerpetuaCore

/// Normal orders: validation in the order of API.md §5.5, then the book, then settlement
/// of what the book reported.
extension Engine {
    struct OrderOutcome {
        var error: PerpetuaError?
        var orderId: UInt64?
    }

    /// Extra context for orders the engine places itself.
    struct OrderOrigin {
        var source: OrderSource = .user
        var conditionOrderId: UInt64?
        var strategyId: UInt64?
    }

    mutating func placeOrder(_ request: OrderRequest, source: OrderSource) -> OrderOutcome {
        placeOrder(request, origin: OrderOrigin(source: source))
    }

    mutating func placeOrder(_ request: OrderRequest, origin: OrderOrigin) -> OrderOutcome {
        // 1. Symbol and 2. status.
        let s: Int
        switch symbolIndex(request.symbol) {
        case .success(let index): s = index
        case .failure(let error): return OrderOutcome(error: error)
        }
        let spec = symbols[s].spec
        if spec.status == .suspended, origin.source != .liquidation {
            return OrderOutcome(error: PerpetuaError(.marketNotTrading, ["symbol": spec.symbol, "status": spec.status.rawValue]))
        }
        // 3. Parameters.
        if request.type == .limit, request.price == nil {
            return OrderOutcome(error: .invalid("price", "is required for a LIMIT order"))
        }
        if request.type == .market, request.timeInForce == .postOnly {
            return OrderOutcome(error: .invalid("timeInForce", "POST_ONLY needs a LIMIT order"))
        }
        if let clientId = request.clientOrderId, let existing = clientIds[ClientKey(account: request.account, id: clientId)] {
            return OrderOutcome(error: duplicateClientId(clientId, existing), orderId: existing & Self.conditionIdFlag == 0 ? existing : nil)
        }
        // 4. Grid and size.
        var lots: Int64
        var limitTicks: Int64 = 0
        do throws(PerpetuaError) {
            // Tick before step (API.md §5.5).
            if request.type == .limit { limitTicks = try spec.ticks(for: request.price!) }
            lots = try spec.lots(for: request.quantity)
        } catch {
            return OrderOutcome(error: error)
        }
        let referenceTicks = request.type == .limit ? limitTicks : marketReferenceTicks(s, side: request.side, lots: lots)
        if origin.source == .user || origin.source == .strategy || origin.source == .condition {
            if let ticks = referenceTicks {
                do throws(PerpetuaError) { try spec.checkSize(lots: lots, atTicks: ticks) } catch {
                    return OrderOutcome(error: error)
                }
            }
        }
        // 5. Price band around the mark.
        if request.type == .limit, origin.source != .liquidation, let mark = symbols[s].markPrice ?? symbols[s].indexPrice {
            let (low, high) = bandTicks(s, around: mark)
            if limitTicks < low || limitTicks > high {
                return OrderOutcome(error: PerpetuaError(.priceOutOfBand, [
                    "price": spec.price(ticks: limitTicks).formatted(decimals: spec.priceDecimals),
                    "minPrice": spec.price(ticks: low).formatted(decimals: spec.priceDecimals),
                    "maxPrice": spec.price(ticks: high).formatted(decimals: spec.priceDecimals),
                ]))
            }
        }
        // 6. Account state: existence, liquidation, reduce-only rules, open-order cap.
        guard let account = accounts[request.account] else {
            return OrderOutcome(error: PerpetuaError(.insufficientMargin, ["available": "0", "required": "more than 0"]))
        }
        if isLiquidating(request.account), origin.source != .liquidation {
            return OrderOutcome(error: PerpetuaError(.liquidationInProgress))
        }
        let position = account.positions[s]
        let reducing = position.size != 0 && (position.size > 0) != (request.side == .buy)
        if request.reduceOnly || spec.status == .reduceOnly {
            if !reducing {
                if request.reduceOnly { return OrderOutcome(error: PerpetuaError(.reduceOnlyRejected)) }
                return OrderOutcome(error: PerpetuaError(.reduceOnlyMode, ["symbol": spec.symbol]))
            }
            let closable = position.absoluteSize / spec.stepSize.units
            if spec.status == .reduceOnly, !request.reduceOnly, lots > closable {
                return OrderOutcome(error: PerpetuaError(.reduceOnlyMode, ["symbol": spec.symbol]))
            }
            // A reduce-only order is cut to what the position has left to close after the
            // reduce-only orders already resting on that side.
            if request.reduceOnly {
                let resting = request.side == .buy ? position.reduceOnlyBuyQuantity : position.reduceOnlySellQuantity
                lots = min(lots, max(0, position.absoluteSize - resting) / spec.stepSize.units)
            }
            if lots <= 0 { return OrderOutcome(error: PerpetuaError(.reduceOnlyRejected)) }
        }
        let mayRest = request.type == .limit && (request.timeInForce == .gtc || request.timeInForce == .postOnly)
        if mayRest, position.openOrderCount >= spec.maxOpenOrders, origin.source == .user {
            return OrderOutcome(error: PerpetuaError(.tooManyOpenOrders, ["max": String(spec.maxOpenOrders)]))
        }
        // 7. Position limit and 8. margin, for the part that would open or add.
        let quantityUnits = lots * spec.stepSize.units
        if origin.source != .liquidation, let ticks = referenceTicks {
            if let error = checkOpening(account: request.account, symbol: s, position: position, side: request.side,
                                        quantity: quantityUnits, priceTicks: ticks) {
                return OrderOutcome(error: error)
            }
        }
        // 9. The book.
        let orderId = nextOrderId
        bookEvents.removeAll(keepingCapacity: true)
        let bookOrder = BookOrder(
            id: orderId, owner: request.account, side: request.side, type: request.type,
            timeInForce: request.timeInForce, priceTicks: limitTicks, lots: lots,
            selfTradePrevention: request.selfTradePrevention, reduceOnly: request.reduceOnly)
        let rejection: ErrorCode?
        do {
            // The book limits resting reduce-only orders by their owners' positions within
            // the sweep. It reads them from a second reference to the accounts, released at
            // the end of this block, before anything writes them (so nothing is copied).
            let accounts = self.accounts
            let step = spec.stepSize.units
            rejection = symbols[s].book.place(bookOrder, into: &bookEvents) { owner in
                (accounts[owner]?.positions[s].size ?? 0) / step
            }
        }
        if let code = rejection {
            return OrderOutcome(error: bookRejection(code, s, request: request))
        }
        nextOrderId += 1
        var snapshot = OrderSnapshot(
            orderId: orderId, account: request.account, symbol: spec.symbol, clientOrderId: request.clientOrderId,
            side: request.side, type: request.type, price: request.type == .limit ? request.price : nil,
            quantity: Quantity(units: quantityUnits), executedQuantity: .zero, cumulativeQuote: ExactProduct(units: 0),
            status: .new, timeInForce: request.timeInForce, reduceOnly: request.reduceOnly,
            selfTradePrevention: request.selfTradePrevention, source: origin.source, cancelReason: nil,
            conditionOrderId: origin.conditionOrderId, strategyId: origin.strategyId,
            createTime: time, updateTime: time, lastFill: nil)
        if request.type == .market { snapshot.timeInForce = request.timeInForce == .fok ? .fok : .ioc }
        let orderPriceTicks = request.type == .limit ? limitTicks : (referenceTicks ?? 0)
        registerOrder(snapshot, symbol: s, priceTicks: orderPriceTicks)
        processBookEvents(symbol: s)
        return OrderOutcome(orderId: orderId)
    }

    /// 13015 naming the order (or condition order) that holds the client id, so that a
    /// client retrying after a timeout learns what happened to its first attempt.
    func duplicateClientId(_ clientId: ClientOrderId, _ holder: UInt64) -> PerpetuaError {
        if holder & Self.conditionIdFlag != 0 {
            return PerpetuaError(.duplicateClientOrderId, [
                "clientOrderId": clientId.description, "conditionOrderId": String(holder & ~Self.conditionIdFlag),
            ])
        }
        return PerpetuaError(.duplicateClientOrderId, ["clientOrderId": clientId.description, "orderId": String(holder)])
    }

    /// The price a market order is sized and margined at: the worst level it would reach
    /// sweeping `lots` through the book now, without passing the price band; else the
    /// reference price when the book has nothing on that side.
    func marketReferenceTicks(_ s: Int, side: Side, lots: Int64) -> Int64? {
        let symbol = symbols[s]
        let tick = symbol.spec.tickSize.units
        let reference = (symbol.markPrice ?? symbol.indexPrice ?? symbol.lastPrice).map { max(1, $0.units / tick) }
        var bound: Int64?
        if let reference {
            let delta = Int64(RoundingRule.towardZero.divide(Int128(reference) * Int128(symbol.spec.priceBandRate.units), by: Self.one))
            bound = side == .buy ? reference + delta : max(1, reference - delta)
        }
        var worst: Int64?
        var left = lots
        var rank = 0
        while left > 0, let level = symbol.book.level(side: side.opposite, rank: rank) {
            if let bound, side == .buy ? level.priceTicks > bound : level.priceTicks < bound { break }
            worst = level.priceTicks
            left -= level.lots
            rank += 1
        }
        return worst ?? reference
    }

    /// The lowest and highest limit price, in ticks, within the band around `mark`.
    @inline(__always)
    func bandTicks(_ s: Int, around mark: Price) -> (Int64, Int64) {
        let spec = symbols[s].spec
        let delta = Int64(RoundingRule.towardZero.divide(Int128(mark.units) * Int128(spec.priceBandRate.units), by: Self.one))
        let low = max(1, RoundingRule.up.divide(Int128(mark.units - delta), by: Int128(spec.tickSize.units)))
        let high = RoundingRule.down.divide(Int128(mark.units + delta), by: Int128(spec.tickSize.units))
        return (Int64(low), Int64(high))
    }

    /// Checks an order's funds: the position limit (13007) and the margin (13001).
    ///
    /// The part of the order that would open or add to the position needs the order
    /// margin it adds (at the mark when selling below it, where the position's margin
    /// will be taken), its open loss against the mark and its taker fee. The part that
    /// would close needs its loss against the mark and its fee, from the available
    /// balance plus the margin the close releases: a close may not take the wallet below
    /// zero either.
    ///
    /// `position` is the account's position on `s` as the check should see it (for an
    /// amend: without the order being amended), and `released` the order margin that
    /// leaving that order out frees, which is available to the new order. It takes the
    /// account by id: passing a value read from `self` into a method of `self` made the
    /// compiler copy the whole engine first (measured: 93 % of a profile).
    func checkOpening(
        account accountId: UInt64, symbol s: Int, position current: PositionState, released: Int128 = 0,
        side: Side, quantity: Int64, priceTicks: Int64
    ) -> PerpetuaError? {
        let spec = symbols[s].spec
        let price = spec.price(ticks: priceTicks)
        let mark = symbols[s].riskPrice ?? price
        var position = current
        // Only the part of the position not already claimed by resting orders on this side
        // can be closed by this one.
        let claimed = side == .buy ? position.openBuyQuantity + position.reduceOnlyBuyQuantity
            : position.openSellQuantity + position.reduceOnlySellQuantity
        let closable = max(0, (side == .buy ? max(0, -position.size) : max(0, position.size)) - claimed)
        let closing = min(quantity, closable)
        let opening = quantity - closing
        let tier = spec.feeTier(forVolume: accounts[accountId]?.volume30d ?? .zero)
        let takerRate = Int128(max(0, tier.takerRate.units))
        // Loss against the mark per unit: buying above it or selling below it.
        let adverse = Int128(side == .buy ? max(0, price.units - mark.units) : max(0, mark.units - price.units))
        // Two moments must be affordable: while the order rests (its added order margin)
        // and when it fills (opening margin, losses and fees, less what closing releases).
        var resting: Int128 = 0
        var required: Int128 = 0
        var credit: Int128 = 0

        do {
            let before = position.orderInitialMargin()
            let notional = Int128(quantity) * Int128(price.units)
            if side == .buy {
                position.openBuyQuantity += quantity
                position.openBuyNotional += notional
            } else {
                position.openSellQuantity += quantity
                position.openSellNotional += notional
            }
            let added = max(0, position.orderInitialMargin() - before)
            if opening > 0 || added > 0 {
                // The position if every order on this side filled.
                let sameSideOpen = side == .buy ? position.openBuyQuantity : position.openSellQuantity
                let signedSize = side == .buy ? position.size : -position.size
                let worstSize = max(0, signedSize + sameSideOpen)
                let cap = maxNotional(spec: spec, leverage: position.leverage)
                // Brackets are [floor, cap): a notional at the cap already belongs to the next one.
                if Int128(worstSize) * Int128(price.units) >= Int128(cap.units) * Self.one {
                    return PerpetuaError(.maxPositionExceeded, ["maxNotional": cap.description, "leverage": String(position.leverage)])
                }
            }
            resting = added
            if opening > 0 {
                let openNotional = Int128(opening) * Int128(price.units)
                required += RoundingRule.up.divide(openNotional, by: Int128(position.leverage))
                required += Int128(opening) * adverse
                required += RoundingRule.up.divide(openNotional * takerRate, by: Self.one)
                if side == .sell, mark.units > price.units {
                    required += RoundingRule.up.divide(Int128(opening) * Int128(mark.units - price.units), by: Int128(position.leverage))
                }
            }
        }
        if closing > 0 {
            let closeNotional = Int128(closing) * Int128(price.units)
            required += Int128(closing) * adverse
            required += RoundingRule.up.divide(closeNotional * takerRate, by: Self.one)
            let held = current.absoluteSize
            credit += RoundingRule.down.divide(current.initialMargin(mark: mark) * Int128(closing), by: Int128(max(1, held)))
        }
        let available = availableBalance(accountId) + released
        let needed = max(resting, required - credit)
        guard needed > 0 else { return nil }
        if needed > available {
            return PerpetuaError(.insufficientMargin, [
                "available": Self.display(max(0, available)).description,
                "required": Amount(units: Int64(RoundingRule.up.divide(needed, by: Self.one))).description,
            ])
        }
        return nil
    }

    /// The catalogue error for a book rejection, with the details the client needs.
    func bookRejection(_ code: ErrorCode, _ s: Int, request: OrderRequest) -> PerpetuaError {
        switch code {
        case .postOnlyWouldTake:
            // In the symbol's precision, as the band error shows its prices.
            PerpetuaError(.postOnlyWouldTake, [
                "price": request.price.map { $0.formatted(decimals: symbols[s].spec.priceDecimals) } ?? "?",
            ])
        case .invalidParameter:
            .invalid("quantity", "must be greater than zero")
        default:
            PerpetuaError(code)
        }
    }

    /// Records a newly accepted order and counts it in the position's open-order totals.
    mutating func registerOrder(_ snapshot: OrderSnapshot, symbol s: Int, priceTicks: Int64) {
        let remaining = snapshot.quantity.units
        openOrders[snapshot.orderId] = OpenOrder(snapshot: snapshot, symbolIndex: s, priceTicks: priceTicks, remaining: remaining)
        if let clientId = snapshot.clientOrderId {
            clientIds[ClientKey(account: snapshot.account, id: clientId)] = snapshot.orderId
        }
        adjustOpenTotals(snapshot.account, s, side: snapshot.side, quantity: remaining, priceTicks: priceTicks,
                         reduceOnly: snapshot.reduceOnly, count: 1)
        events.append(.order(snapshot))
    }

    mutating func adjustOpenTotals(_ account: UInt64, _ s: Int, side: Side, quantity: Int64, priceTicks: Int64, reduceOnly: Bool, count: Int) {
        let notional = Int128(quantity) * Int128(priceTicks) * Int128(symbols[s].spec.tickSize.units)
        // One lookup, then the position is changed in place.
        guard let slot = accounts.index(forKey: account) else { return }
        Self.adjust(&accounts.values[slot].positions[s], side: side, quantity: quantity, notional: notional,
                    reduceOnly: reduceOnly, count: count)
    }

    static func adjust(_ p: inout PositionState, side: Side, quantity: Int64, notional: Int128, reduceOnly: Bool, count: Int) {
        p.openOrderCount += count
        if reduceOnly {
            // Reduce-only orders never add to the position, so they tie up no margin.
            if side == .buy { p.reduceOnlyBuyQuantity += quantity } else { p.reduceOnlySellQuantity += quantity }
        } else if side == .buy {
            p.openBuyQuantity += quantity
            p.openBuyNotional += notional
        } else {
            p.openSellQuantity += quantity
            p.openSellNotional += notional
        }
    }

    /// Applies what the book reported for the last command on symbol `s`, in order.
    mutating func processBookEvents(symbol s: Int) {
        let reported = bookEvents
        var changedDepth = false
        for event in reported {
            switch event {
            case .accepted:
                changedDepth = true
            case .trade(let trade):
                changedDepth = true
                settleTrade(trade, symbol: s)
            case .cancelled(let orderId, _, let reason):
                changedDepth = true
                let status: OrderStatus = reason == .immediateOrCancel || reason == .priceBand ? .expired : .canceled
                closeOrder(orderId, status: status, reason: reason)
            case .amended(let orderId, let priceTicks, let lots, _):
                changedDepth = true
                applyAmendment(orderId, symbol: s, priceTicks: priceTicks, lots: lots)
            case .rejected:
                break
            }
        }
        if changedDepth {
            events.append(.depth(symbol: symbols[s].spec.symbol, sequence: symbols[s].book.sequence))
        }
    }

    /// Ends an order: takes it out of the open set and the totals, keeps its client id for
    /// the retention window, reports it, and tells its strategy.
    mutating func closeOrder(_ orderId: UInt64, status: OrderStatus, reason: CancelReason?) {
        guard var order = openOrders.removeValue(forKey: orderId) else { return }
        adjustOpenTotals(order.snapshot.account, order.symbolIndex, side: order.snapshot.side, quantity: -order.remaining,
                         priceTicks: order.priceTicks, reduceOnly: order.snapshot.reduceOnly, count: -1)
        order.snapshot.status = status
        order.snapshot.cancelReason = status == .filled ? nil : reason
        order.snapshot.updateTime = time
        order.snapshot.lastFill = nil
        rememberClosed(order.snapshot)
        events.append(.order(order.snapshot))
        strategyOrderEnded(order.snapshot)
    }

    mutating func applyAmendment(_ orderId: UInt64, symbol s: Int, priceTicks: Int64, lots: Int64) {
        guard var order = openOrders[orderId] else { return }
        let spec = symbols[s].spec
        let account = order.snapshot.account
        adjustOpenTotals(account, s, side: order.snapshot.side, quantity: -order.remaining, priceTicks: order.priceTicks,
                         reduceOnly: order.snapshot.reduceOnly, count: 0)
        order.priceTicks = priceTicks
        order.snapshot.price = spec.price(ticks: priceTicks)
        order.snapshot.quantity = spec.quantity(lots: lots)
        order.remaining = order.snapshot.quantity.units - order.snapshot.executedQuantity.units
        order.snapshot.updateTime = time
        order.snapshot.lastFill = nil
        adjustOpenTotals(account, s, side: order.snapshot.side, quantity: order.remaining, priceTicks: priceTicks,
                         reduceOnly: order.snapshot.reduceOnly, count: 0)
        openOrders[orderId] = order
        events.append(.order(order.snapshot))
    }

    /// Finds an account's live order on a symbol by reference.
    @inline(__always)
    func findOrder(account: UInt64, symbol s: Int, reference: OrderReference) -> Result<UInt64, PerpetuaError> {
        let id: UInt64?
        switch reference {
        case .id(let orderId): id = orderId
        case .client(let clientId): id = clientIds[ClientKey(account: account, id: clientId)]
        }
        guard let orderId = id, orderId & Self.conditionIdFlag == 0 else { return .failure(PerpetuaError(.orderNotFound)) }
        if let order = openOrders[orderId] {
            guard order.snapshot.account == account, order.symbolIndex == s else { return .failure(PerpetuaError(.orderNotFound)) }
            return .success(orderId)
        }
        // Not live: final if this account ever had it (client id kept), else unknown. Ids
        // of other accounts' orders are "not found", never "final", so nothing leaks.
        // The order id goes with the error: the gateway reads the final state from the
        // history for the answer's `data`.
        if case .client = reference { return .failure(PerpetuaError(.orderAlreadyFinal, ["status": "closed", "orderId": String(orderId)])) }
        if orderId < nextOrderId, closedOrderOwners[orderId] == account {
            return .failure(PerpetuaError(.orderAlreadyFinal, ["status": "closed", "orderId": String(orderId)]))
        }
        return .failure(PerpetuaError(.orderNotFound))
    }

    mutating func cancelOrder(account: UInt64, symbol: String, reference: OrderReference, reason: CancelReason = .user) -> OrderOutcome {
        let s: Int
        switch symbolIndex(symbol) {
        case .success(let index): s = index
        case .failure(let error): return OrderOutcome(error: error)
        }
        let orderId: UInt64
        switch findOrder(account: account, symbol: s, reference: reference) {
        case .success(let id): orderId = id
        case .failure(let error): return OrderOutcome(error: error)
        }
        bookEvents.removeAll(keepingCapacity: true)
        if let code = symbols[s].book.cancel(orderId: orderId, reason: reason, into: &bookEvents) {
            return OrderOutcome(error: PerpetuaError(code), orderId: orderId)
        }
        processBookEvents(symbol: s)
        return OrderOutcome(orderId: orderId)
    }

    mutating func amendOrder(_ request: AmendRequest) -> OrderOutcome {
        let s: Int
        switch symbolIndex(request.symbol) {
        case .success(let index): s = index
        case .failure(let error): return OrderOutcome(error: error)
        }
        let spec = symbols[s].spec
        if spec.status == .suspended {
            return OrderOutcome(error: PerpetuaError(.marketNotTrading, ["symbol": spec.symbol, "status": spec.status.rawValue]))
        }
        if request.price == nil, request.quantity == nil {
            return OrderOutcome(error: .invalid("price", "give a new price, a new quantity or both"))
        }
        let orderId: UInt64
        switch findOrder(account: request.account, symbol: s, reference: request.order) {
        case .success(let id): orderId = id
        case .failure(let error): return OrderOutcome(error: error)
        }
        let order = openOrders[orderId]!
        if order.snapshot.type != .limit { return OrderOutcome(error: .invalid("orderId", "only LIMIT orders can be amended"), orderId: orderId) }
        if isLiquidating(request.account) { return OrderOutcome(error: PerpetuaError(.liquidationInProgress), orderId: orderId) }
        var ticks = order.priceTicks
        var lots = order.snapshot.quantity.units / spec.stepSize.units
        do throws(PerpetuaError) {
            if let price = request.price { ticks = try spec.ticks(for: price) }
            if let quantity = request.quantity { lots = try spec.lots(for: quantity) }
        } catch {
            return OrderOutcome(error: error, orderId: orderId)
        }
        if spec.status == .reduceOnly, !order.snapshot.reduceOnly,
           ticks != order.priceTicks || lots * spec.stepSize.units > order.snapshot.quantity.units {
            // Only a smaller quantity at the same price may be amended: anything else could
            // trade into a new position, which the symbol does not allow now.
            return OrderOutcome(error: PerpetuaError(.reduceOnlyMode, ["symbol": spec.symbol]), orderId: orderId)
        }
        if order.snapshot.reduceOnly {
            let position = accounts[request.account]!.positions[s]
            let others = (order.snapshot.side == .buy ? position.reduceOnlyBuyQuantity : position.reduceOnlySellQuantity) - order.remaining
            let closable = (position.size > 0) == (order.snapshot.side == .sell) ? position.absoluteSize : 0
            if lots * spec.stepSize.units - order.snapshot.executedQuantity.units > max(0, closable - others) {
                return OrderOutcome(error: PerpetuaError(.reduceOnlyRejected), orderId: orderId)
            }
        }
        if lots * spec.stepSize.units <= order.snapshot.executedQuantity.units {
            return OrderOutcome(error: .invalid("quantity", "must exceed the executed quantity \(order.snapshot.executedQuantity)"), orderId: orderId)
        }
        do throws(PerpetuaError) { try spec.checkSize(lots: lots, atTicks: ticks) } catch {
            return OrderOutcome(error: error, orderId: orderId)
        }
        if let mark = symbols[s].markPrice ?? symbols[s].indexPrice {
            let (low, high) = bandTicks(s, around: mark)
            if ticks < low || ticks > high {
                return OrderOutcome(error: PerpetuaError(.priceOutOfBand, [
                    "price": spec.price(ticks: ticks).formatted(decimals: spec.priceDecimals),
                    "minPrice": spec.price(ticks: low).formatted(decimals: spec.priceDecimals),
                    "maxPrice": spec.price(ticks: high).formatted(decimals: spec.priceDecimals),
                ]), orderId: orderId)
            }
        }
        if !order.snapshot.reduceOnly {
            // Margin for the amended order: checked against the position without the old
            // order, with the margin the old order held counted as available.
            let held = accounts[request.account]!.positions[s]
            var without = held
            let oldNotional = Int128(order.remaining) * Int128(order.priceTicks) * Int128(spec.tickSize.units)
            if order.snapshot.side == .buy {
                without.openBuyQuantity -= order.remaining
                without.openBuyNotional -= oldNotional
            } else {
                without.openSellQuantity -= order.remaining
                without.openSellNotional -= oldNotional
            }
            let newRemaining = lots * spec.stepSize.units - order.snapshot.executedQuantity.units
            if let error = checkOpening(
                account: request.account, symbol: s, position: without,
                released: held.orderInitialMargin() - without.orderInitialMargin(),
                side: order.snapshot.side, quantity: newRemaining, priceTicks: ticks) {
                return OrderOutcome(error: error, orderId: orderId)
            }
        }
        bookEvents.removeAll(keepingCapacity: true)
        let rejection: ErrorCode?
        do {
            // As in `placeOrder`: positions for the reduce-only makers a crossing amend meets.
            let accounts = self.accounts
            let step = spec.stepSize.units
            rejection = symbols[s].book.amend(orderId: orderId, priceTicks: ticks, lots: lots, into: &bookEvents) { owner in
                (accounts[owner]?.positions[s].size ?? 0) / step
            }
        }
        if let code = rejection {
            let error = code == .postOnlyWouldTake
                ? PerpetuaError(.postOnlyWouldTake, ["price": spec.price(ticks: ticks).formatted(decimals: spec.priceDecimals)])
                : PerpetuaError(code)
            return OrderOutcome(error: error, orderId: orderId)
        }
        processBookEvents(symbol: s)
        return OrderOutcome(orderId: orderId)
    }

    mutating func cancelAll(account: UInt64, symbol: String?, scope: CancelScope) -> PerpetuaError? {
        var only: Int?
        if let symbol {
            switch symbolIndex(symbol) {
            case .success(let index): only = index
            case .failure(let error): return error
            }
        }
        if scope != .condition {
            let ids = openOrders.values
                .filter { $0.snapshot.account == account && (only == nil || $0.symbolIndex == only) }
                .map { ($0.snapshot.orderId, $0.symbolIndex) }
                .sorted { $0.0 < $1.0 }
            for (orderId, s) in ids { cancelById(orderId, symbol: s, reason: .user) }
        }
        if scope != .normal {
            let ids = conditions.values
                .filter { $0.snapshot.request.account == account && (only == nil || $0.symbolIndex == only) }
                .map(\.snapshot.conditionOrderId).sorted()
            for id in ids { endCondition(id, status: .canceled, reason: .user) }
        }
        return nil
    }

    /// Cancels a live order by id (engine-initiated cancels: liquidation, OCO, trims).
    mutating func cancelById(_ orderId: UInt64, symbol s: Int, reason: CancelReason) {
        guard openOrders[orderId] != nil else { return }
        bookEvents.removeAll(keepingCapacity: true)
        if symbols[s].book.cancel(orderId: orderId, reason: reason, into: &bookEvents) == nil {
            processBookEvents(symbol: s)
        }
    }

    /// Cuts resting reduce-only orders of a position that shrank so that, per side, they
    /// never exceed what is left to close: newest first, trimmed keeping their priority or
    /// cancelled when nothing is left for them. This runs after the command; within a sweep
    /// the book already stops each reduce-only maker at its owner's position
    /// (``OrderBook/place(_:into:positions:)``), so none of them fills beyond it meanwhile.
    mutating func trimReduceOnlyOrders(account: UInt64, symbol s: Int) {
        guard let position = accounts[account]?.positions[s] else { return }
        for side in [Side.buy, .sell] {
            let resting = side == .buy ? position.reduceOnlyBuyQuantity : position.reduceOnlySellQuantity
            let closable = (position.size > 0) == (side == .sell) ? position.absoluteSize : 0
            guard resting > closable else { continue }
            var excess = resting - closable
            let orders = openOrders.values
                .filter { $0.snapshot.account == account && $0.symbolIndex == s && $0.snapshot.reduceOnly && $0.snapshot.side == side }
                .sorted { $0.snapshot.orderId > $1.snapshot.orderId }
            let step = symbols[s].spec.stepSize.units
            for order in orders where excess > 0 {
                if order.remaining <= excess {
                    excess -= order.remaining
                    cancelById(order.snapshot.orderId, symbol: s, reason: .reduceOnly)
                } else {
                    let newTotal = order.snapshot.quantity.units - excess
                    excess = 0
                    bookEvents.removeAll(keepingCapacity: true)
                    if symbols[s].book.amend(orderId: order.snapshot.orderId, priceTicks: order.priceTicks,
                                             lots: newTotal / step, into: &bookEvents) == nil {
                        processBookEvents(symbol: s)
                    }
                }
            }
        }
    }
}
