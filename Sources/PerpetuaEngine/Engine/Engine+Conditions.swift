import PerpetuaCore

/// Condition orders: validation, trigger evaluation in id order, trailing stops.
extension Engine {
    struct CreateOutcome {
        var error: PerpetuaError?
        var id: UInt64?
    }

    mutating func placeCondition(_ request: ConditionRequest, strategyId: UInt64?) -> CreateOutcome {
        let s: Int
        switch symbolIndex(request.symbol) {
        case .success(let index): s = index
        case .failure(let error): return CreateOutcome(error: error)
        }
        let spec = symbols[s].spec
        if spec.status == .suspended {
            return CreateOutcome(error: PerpetuaError(.marketNotTrading, ["symbol": spec.symbol, "status": spec.status.rawValue]))
        }
        if let error = validateCondition(request, spec: spec, currentPrice: symbols[s].price(request.triggerPriceType)) {
            return CreateOutcome(error: error)
        }
        if let clientId = request.clientOrderId, let existing = clientIds[ClientKey(account: request.account, id: clientId)] {
            return CreateOutcome(error: duplicateClientId(clientId, existing))
        }
        // Would it trigger at once?
        if request.type != .trailingStopMarket, let trigger = request.triggerPrice, let current = symbols[s].price(request.triggerPriceType),
           Self.isReached(type: request.type, side: request.side, trigger: trigger, price: current) {
            return CreateOutcome(error: PerpetuaError(.wouldTriggerImmediately, [
                "triggerPrice": trigger.formatted(decimals: spec.priceDecimals), "priceType": request.triggerPriceType.rawValue,
                "currentPrice": current.formatted(decimals: spec.priceDecimals),
            ]))
        }
        guard accounts[request.account] != nil else {
            return CreateOutcome(error: PerpetuaError(.insufficientMargin, ["available": "0", "required": "more than 0"]))
        }
        if isLiquidating(request.account) { return CreateOutcome(error: PerpetuaError(.liquidationInProgress)) }
        let count = symbols[s].conditionIds.reduce(0) { $0 + (conditions[$1]?.snapshot.request.account == request.account ? 1 : 0) }
        if count >= configuration.maxConditionOrders {
            return CreateOutcome(error: PerpetuaError(.tooManyOpenOrders, ["max": String(configuration.maxConditionOrders)]))
        }
        let id = nextConditionId
        nextConditionId += 1
        var snapshot = ConditionSnapshot(
            conditionOrderId: id, request: request, status: .untriggered, trailingExtreme: nil, activated: false,
            triggeredOrderId: nil, strategyId: strategyId, rejectCode: nil, cancelReason: nil, createTime: time, updateTime: time)
        if request.type == .trailingStopMarket, request.activationPrice == nil {
            snapshot.activated = true
            snapshot.trailingExtreme = symbols[s].price(request.triggerPriceType)
        }
        conditions[id] = ConditionState(snapshot: snapshot, symbolIndex: s)
        symbols[s].conditionIds.append(id)
        if let clientId = request.clientOrderId { clientIds[ClientKey(account: request.account, id: clientId)] = id | Self.conditionIdFlag }
        events.append(.condition(snapshot))
        return CreateOutcome(id: id)
    }

    /// Marks condition ids in the client-id map, which they share with orders.
    static let conditionIdFlag: UInt64 = 1 << 63

    func validateCondition(_ r: ConditionRequest, spec: SymbolSpec, currentPrice: Price?) -> PerpetuaError? {
        do throws(PerpetuaError) {
            if r.type == .trailingStopMarket {
                guard let callback = r.callbackRate else { return .invalid("callbackRate", "is required for TRAILING_STOP_MARKET") }
                if callback.units < 100_000 || callback.units > 10_000_000 {
                    return .invalid("callbackRate", "must be between 0.001 and 0.1")
                }
                if let activation = r.activationPrice { _ = try spec.ticks(for: activation, field: "activationPrice") }
            } else {
                guard let trigger = r.triggerPrice else { return .invalid("triggerPrice", "is required") }
                _ = try spec.ticks(for: trigger, field: "triggerPrice")
            }
            if r.type.placesLimitOrder {
                guard let price = r.price else { return .invalid("price", "is required for \(r.type.rawValue)") }
                _ = try spec.ticks(for: price)
            }
            if r.closePosition {
                if r.quantity != nil { return .invalid("quantity", "must be omitted with closePosition") }
            } else {
                guard let quantity = r.quantity else { return .invalid("quantity", "is required unless closePosition is true") }
                let lots = try spec.lots(for: quantity)
                // Sized at the price it would trade at: the limit, the trigger, the
                // activation, or for a trailing stop without one the current price.
                if let price = r.price ?? r.triggerPrice ?? r.activationPrice ?? currentPrice {
                    try spec.checkSize(lots: lots, atTicks: try spec.ticks(for: Price(units: price.units - price.units % spec.tickSize.units)))
                } else if quantity < spec.minQty || quantity > spec.maxQty {
                    // No price yet to value it: only the quantity limits can be checked.
                    throw PerpetuaError(.quantityOutOfRange, [
                        "quantity": quantity.description, "minQty": spec.minQty.description, "maxQty": spec.maxQty.description,
                    ])
                }
            }
        } catch {
            return error
        }
        return nil
    }

    /// Whether `price` has reached `trigger` for a condition of `type` on `side`: a stop
    /// BUY on a rise to the trigger, a stop SELL on a fall; take-profit the other way.
    static func isReached(type: ConditionType, side: Side, trigger: Price, price: Price) -> Bool {
        let rising = type.isStop ? side == .buy : side == .sell
        return rising ? price >= trigger : price <= trigger
    }

    mutating func cancelCondition(account: UInt64, symbol: String, conditionOrderId: UInt64) -> PerpetuaError? {
        switch symbolIndex(symbol) {
        case .success(let s):
            guard let condition = conditions[conditionOrderId], condition.snapshot.request.account == account,
                  condition.symbolIndex == s else {
                return PerpetuaError(.orderNotFound)
            }
            endCondition(conditionOrderId, status: .canceled, reason: .user)
            return nil
        case .failure(let error):
            return error
        }
    }

    /// Ends an untriggered condition order with `status`.
    mutating func endCondition(_ id: UInt64, status: ConditionStatus, reason: CancelReason?, rejectCode: ErrorCode? = nil) {
        guard var condition = conditions.removeValue(forKey: id) else { return }
        symbols[condition.symbolIndex].conditionIds.removeAll { $0 == id }
        condition.snapshot.status = status
        condition.snapshot.cancelReason = reason
        condition.snapshot.rejectCode = rejectCode
        condition.snapshot.updateTime = time
        retainClientId(of: condition.snapshot)
        events.append(.condition(condition.snapshot))
        strategyConditionEnded(condition.snapshot)
    }

    /// Keeps a finished condition order's client id taken for the retention window (7
    /// days), as a closed order's is: the id stays in the map, marked as a condition's,
    /// and the daily rollover frees it once it is old enough.
    mutating func retainClientId(of snapshot: ConditionSnapshot) {
        guard let clientId = snapshot.request.clientOrderId else { return }
        let key = ClientKey(account: snapshot.request.account, id: clientId)
        let flagged = snapshot.conditionOrderId | Self.conditionIdFlag
        guard clientIds[key] == nil || clientIds[key] == flagged else { return }
        clientIds[key] = flagged
        closedClientIds.append(ClosedClientId(time: time, key: key, orderId: flagged))
    }

    /// Checks every untriggered condition of `type` on symbol `s`, in id order, against
    /// the current price; trailing stops update their extreme first.
    mutating func evaluateTriggers(symbol s: Int, type: TriggerPriceType) {
        guard let price = symbols[s].price(type), !symbols[s].conditionIds.isEmpty else { return }
        if symbols[s].spec.status == .suspended { return }
        for id in symbols[s].conditionIds {
            guard var condition = conditions[id], condition.snapshot.request.triggerPriceType == type else { continue }
            let request = condition.snapshot.request
            var fire = false
            if request.type == .trailingStopMarket {
                if !condition.snapshot.activated {
                    if let activation = request.activationPrice,
                       request.side == .sell ? price >= activation : price <= activation {
                        condition.snapshot.activated = true
                        condition.snapshot.trailingExtreme = price
                    }
                } else {
                    let extreme = condition.snapshot.trailingExtreme ?? price
                    let newExtreme = request.side == .sell ? max(extreme, price) : min(extreme, price)
                    condition.snapshot.trailingExtreme = newExtreme
                    let callback = Int128(request.callbackRate!.units)
                    if request.side == .sell {
                        // Fires when the price falls callbackRate below the highest price.
                        let stop = Int128(newExtreme.units) * (Self.one - callback)
                        fire = Int128(price.units) * Self.one <= stop
                    } else {
                        let stop = Int128(newExtreme.units) * (Self.one + callback)
                        fire = Int128(price.units) * Self.one >= stop
                    }
                }
                conditions[id] = condition
            } else if let trigger = request.triggerPrice {
                fire = Self.isReached(type: request.type, side: request.side, trigger: trigger, price: price)
            }
            if fire, conditions[id] != nil { trigger(id) }
        }
    }

    /// Places a triggered condition's order (source CONDITION).
    mutating func trigger(_ id: UInt64) {
        guard var condition = conditions.removeValue(forKey: id) else { return }
        let s = condition.symbolIndex
        symbols[s].conditionIds.removeAll { $0 == id }
        let request = condition.snapshot.request
        if let clientId = request.clientOrderId {
            let key = ClientKey(account: request.account, id: clientId)
            if clientIds[key] == id | Self.conditionIdFlag { clientIds.removeValue(forKey: key) }
        }
        var quantity = request.quantity ?? .zero
        if request.closePosition {
            let position = accounts[request.account]?.positions[s]
            let closable = position.map { ($0.size > 0) == (request.side == .sell) ? $0.absoluteSize : 0 } ?? 0
            quantity = Quantity(units: closable)
        }
        condition.snapshot.updateTime = time
        if quantity.units == 0 {
            condition.snapshot.status = .expired
            retainClientId(of: condition.snapshot)
            events.append(.condition(condition.snapshot))
            strategyConditionEnded(condition.snapshot)
            return
        }
        let order = OrderRequest(
            account: request.account, symbol: request.symbol, side: request.side,
            type: request.type.placesLimitOrder ? .limit : .market, quantity: quantity, price: request.price,
            timeInForce: request.type.placesLimitOrder ? request.timeInForce : .ioc,
            reduceOnly: request.reduceOnly || request.closePosition, clientOrderId: request.clientOrderId,
            selfTradePrevention: request.selfTradePrevention)
        condition.snapshot.status = .triggered
        events.append(.condition(condition.snapshot))
        strategyConditionTriggered(condition.snapshot)
        let outcome = placeOrder(order, origin: OrderOrigin(source: .condition, conditionOrderId: id, strategyId: condition.snapshot.strategyId))
        if let error = outcome.error {
            condition.snapshot.status = .rejected
            condition.snapshot.rejectCode = error.code
            // The order was refused, so it holds no client id; the condition keeps it.
            retainClientId(of: condition.snapshot)
            events.append(.condition(condition.snapshot))
            strategyConditionEnded(condition.snapshot)
        } else {
            condition.snapshot.triggeredOrderId = outcome.orderId
            events.append(.condition(condition.snapshot))
            strategyLegPlaced(strategyId: condition.snapshot.strategyId, conditionOrderId: id, orderId: outcome.orderId)
        }
    }
}
