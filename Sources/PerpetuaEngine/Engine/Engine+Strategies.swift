import PerpetuaCore

/// OTO, OCO and OTOCO (API.md §5.4). A strategy is created whole or not at all: it is
/// built on a copy of the engine and committed only when every live leg was accepted.
extension Engine {
    mutating func placeStrategy(_ request: StrategyRequest) -> CreateOutcome {
        switch request.type {
        case .oto:
            guard request.working != nil else { return CreateOutcome(error: .invalid("working", "is required for OTO")) }
            guard request.pending != nil else { return CreateOutcome(error: .invalid("pending", "is required for OTO")) }
            if !request.legs.isEmpty { return CreateOutcome(error: .invalid("legs", "must be empty for OTO")) }
        case .oco:
            guard request.legs.count == 2 else { return CreateOutcome(error: .invalid("legs", "OCO needs exactly two legs")) }
            if request.working != nil || request.pending != nil {
                return CreateOutcome(error: .invalid("working", "OCO takes two legs only"))
            }
        case .otoco:
            guard request.working != nil else { return CreateOutcome(error: .invalid("working", "is required for OTOCO")) }
            guard request.legs.count == 2 else { return CreateOutcome(error: .invalid("legs", "OTOCO needs two legs (take-profit and stop)")) }
            if request.pending != nil { return CreateOutcome(error: .invalid("pending", "OTOCO takes its pending pair in legs")) }
        }
        var all: [StrategyLeg] = []
        if let working = request.working { all.append(working) }
        if let pending = request.pending { all.append(pending) }
        all += request.legs
        let symbol = all[0].symbol
        if all.contains(where: { $0.symbol != symbol }) { return CreateOutcome(error: .invalid("symbol", "all legs must be on one symbol")) }
        if case .failure(let error) = symbolIndex(symbol) { return CreateOutcome(error: error) }
        if let clientId = request.clientStrategyId,
           let existing = strategies.values.first(where: { $0.snapshot.account == request.account && $0.snapshot.clientStrategyId == clientId }) {
            return CreateOutcome(error: PerpetuaError(
                .duplicateClientOrderId, ["clientOrderId": clientId.description, "strategyId": String(existing.snapshot.strategyId)]))
        }

        var probe = self
        let id = probe.nextStrategyId
        probe.nextStrategyId += 1
        var legs: [StrategyLegState] = []
        if let working = request.working { legs.append(StrategyLegState(role: .working, leg: Self.owned(working, request.account))) }
        if let pending = request.pending { legs.append(StrategyLegState(role: .pending, leg: Self.owned(pending, request.account))) }
        for leg in request.legs {
            legs.append(StrategyLegState(role: request.type == .oco ? .leg : .pending, leg: Self.owned(leg, request.account)))
        }
        probe.strategies[id] = StrategyState(snapshot: StrategySnapshot(
            strategyId: id, account: request.account, type: request.type, clientStrategyId: request.clientStrategyId,
            status: .new, legs: legs, createTime: time, updateTime: time))
        probe.events.append(.strategy(probe.strategies[id]!.snapshot))
        // Pending legs are validated now so a strategy never waits on a leg that cannot
        // be placed: a dry run of each on a copy.
        for leg in legs where leg.role == .pending {
            var dry = probe
            dry.strategies.removeValue(forKey: id)
            if let error = dry.activate(leg.leg, strategyId: nil).error {
                return CreateOutcome(error: error)
            }
        }
        for index in legs.indices where legs[index].role != .pending {
            if let error = probe.activateLeg(strategyId: id, index: index) { return CreateOutcome(error: error) }
        }
        if probe.strategies[id]?.snapshot.status == .new {
            probe.strategies[id]!.snapshot.status = .working
            probe.events.append(.strategy(probe.strategies[id]!.snapshot))
        }
        self = probe
        return CreateOutcome(id: id)
    }

    static func owned(_ leg: StrategyLeg, _ account: UInt64) -> StrategyLeg {
        switch leg {
        case .order(var r): r.account = account; return .order(r)
        case .condition(var r): r.account = account; return .condition(r)
        }
    }

    /// Places a leg's order or condition order.
    mutating func activate(_ leg: StrategyLeg, strategyId: UInt64?) -> (error: PerpetuaError?, orderId: UInt64?, conditionId: UInt64?) {
        switch leg {
        case .order(let request):
            let outcome = placeOrder(request, origin: OrderOrigin(source: .strategy, strategyId: strategyId))
            return (outcome.error, outcome.orderId, nil)
        case .condition(let request):
            let outcome = placeCondition(request, strategyId: strategyId)
            return (outcome.error, nil, outcome.id)
        }
    }

    /// Activates leg `index` of strategy `id`, recording what it became.
    mutating func activateLeg(strategyId id: UInt64, index: Int) -> PerpetuaError? {
        guard let leg = strategies[id]?.snapshot.legs[index] else { return nil }
        // Record ids before placing: a leg that fills at once reports through the hooks.
        let orderId = nextOrderId, conditionId = nextConditionId
        if case .order = leg.leg { strategies[id]!.snapshot.legs[index].orderId = orderId }
        if case .condition = leg.leg { strategies[id]!.snapshot.legs[index].conditionOrderId = conditionId }
        let result = activate(leg.leg, strategyId: id)
        if let error = result.error {
            strategies[id]?.snapshot.legs[index].orderId = nil
            strategies[id]?.snapshot.legs[index].conditionOrderId = nil
            return error
        }
        return nil
    }

    func strategyLeg(_ strategyId: UInt64?, orderId: UInt64? = nil, conditionId: UInt64? = nil) -> (UInt64, Int)? {
        guard let id = strategyId, let strategy = strategies[id] else { return nil }
        for (index, leg) in strategy.snapshot.legs.enumerated() {
            if let orderId, leg.orderId == orderId { return (id, index) }
            if let conditionId, leg.conditionOrderId == conditionId { return (id, index) }
        }
        return nil
    }

    /// A condition leg placed its order: the order now stands for the leg.
    mutating func strategyLegPlaced(strategyId: UInt64?, conditionOrderId: UInt64, orderId: UInt64?) {
        guard let (id, index) = strategyLeg(strategyId, conditionId: conditionOrderId) else { return }
        strategies[id]!.snapshot.legs[index].orderId = orderId
        if let order = orderId, openOrders[order] == nil {
            // Filled (or ended) at once: the hooks ran before the leg knew its order.
            completeOrCancel(id)
        }
    }

    /// OCO: a leg that triggers cancels the other.
    mutating func strategyConditionTriggered(_ snapshot: ConditionSnapshot) {
        guard let (id, index) = strategyLeg(snapshot.strategyId, conditionId: snapshot.conditionOrderId) else { return }
        if strategies[id]!.snapshot.legs[index].role != .working { cancelOtherLegs(id, except: index) }
    }

    /// A condition leg ended without an order: the strategy is cancelled.
    mutating func strategyConditionEnded(_ snapshot: ConditionSnapshot) {
        guard snapshot.cancelReason != .strategy,
              let (id, _) = strategyLeg(snapshot.strategyId, conditionId: snapshot.conditionOrderId) else { return }
        if snapshot.status == .triggered { return }
        cancelStrategy(id)
    }

    /// OCO: a leg that starts filling cancels the other.
    mutating func strategyOrderFilled(_ snapshot: OrderSnapshot) {
        guard let (id, index) = strategyLeg(snapshot.strategyId, orderId: snapshot.orderId) else { return }
        if strategies[id]!.snapshot.legs[index].role != .working { cancelOtherLegs(id, except: index) }
    }

    /// A leg's order ended: a filled working order activates the pending legs; a filled
    /// leg completes the strategy; any other end cancels it.
    mutating func strategyOrderEnded(_ snapshot: OrderSnapshot) {
        guard let (id, index) = strategyLeg(snapshot.strategyId, orderId: snapshot.orderId) else { return }
        let role = strategies[id]!.snapshot.legs[index].role
        if snapshot.status == .filled {
            if role == .working {
                for pending in strategies[id]!.snapshot.legs.indices where strategies[id]!.snapshot.legs[pending].role == .pending {
                    if activateLeg(strategyId: id, index: pending) != nil {
                        cancelStrategy(id)
                        return
                    }
                    if strategies[id] == nil { return }
                }
                touch(id)
            } else {
                finishStrategy(id, .completed)
            }
        } else if snapshot.cancelReason != .strategy {
            cancelStrategy(id)
        }
    }

    func legIsLive(_ leg: StrategyLegState) -> Bool {
        if let orderId = leg.orderId, openOrders[orderId] != nil { return true }
        if let conditionId = leg.conditionOrderId, conditions[conditionId] != nil { return true }
        return false
    }

    mutating func cancelOtherLegs(_ id: UInt64, except index: Int) {
        guard let strategy = strategies[id] else { return }
        for (other, leg) in strategy.snapshot.legs.enumerated() where other != index && leg.role != .working {
            cancelLeg(leg)
        }
    }

    mutating func cancelLeg(_ leg: StrategyLegState) {
        if let conditionId = leg.conditionOrderId, conditions[conditionId] != nil {
            endCondition(conditionId, status: .canceled, reason: .strategy)
        }
        if let orderId = leg.orderId, let order = openOrders[orderId] {
            cancelById(orderId, symbol: order.symbolIndex, reason: .strategy)
        }
    }

    mutating func cancelStrategy(_ id: UInt64) {
        guard let strategy = strategies[id] else { return }
        strategies[id]!.snapshot.status = .canceled
        for leg in strategy.snapshot.legs { cancelLeg(leg) }
        finishStrategy(id, .canceled)
    }

    /// Completes the strategy if one of its final legs filled, else cancels it.
    mutating func completeOrCancel(_ id: UInt64) {
        guard let strategy = strategies[id] else { return }
        if strategy.snapshot.legs.contains(where: legIsLive) { return }
        finishStrategy(id, .completed)
    }

    mutating func finishStrategy(_ id: UInt64, _ status: StrategyStatus) {
        guard var strategy = strategies.removeValue(forKey: id) else { return }
        for leg in strategy.snapshot.legs where legIsLive(leg) {
            cancelLeg(leg)
        }
        strategy.snapshot.status = status
        strategy.snapshot.updateTime = time
        events.append(.strategy(strategy.snapshot))
    }

    mutating func touch(_ id: UInt64) {
        guard strategies[id] != nil else { return }
        strategies[id]!.snapshot.updateTime = time
        events.append(.strategy(strategies[id]!.snapshot))
    }
}
