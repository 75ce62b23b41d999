import PerpetuaCore
import PerpetuaEngine

/// Writes the exchange-core command stream by simulating each command against a
/// ``ModelBook``.
///
/// The command kinds are drawn in the exact proportions of the mix; what is steered is how
/// each command is priced. Every trade removes about one order (a maker it clears, or the
/// taker itself when it fills), while GTC orders add and cancels remove at fixed rates, so
/// the book keeps its size when the share of GTC orders and moves that cross rises with
/// the number of live orders above the target and falls below it.
///
/// That balance also sets the share of trading commands. GTC orders minus cancels add 3 %
/// of commands' worth of orders; an IOC that trades without clearing a maker removes
/// nothing, while an aggressive GTC (which would otherwise have rested) or a crossing move
/// (a maker or the mover itself runs out) costs about one order. So trades come to about
/// 3 % + 3 % = 6 % when IOC and aggressive GTC orders are sized below the first maker they
/// meet and crossing moves go only to the opposite best price, which is what the
/// generator does. Aggressive orders lean
/// towards pulling the mid price back to the centre, so prices stay bounded over any run
/// length.
struct ExchangeCoreGenerator {
    let configuration: ExchangeCoreWorkload.Configuration
    private var random: SplitMix64
    private var model = ModelBook()
    private(set) var highestOrderId: UInt64 = 0
    private(set) var statistics = ExchangeCoreStatistics()
    /// The most orders live at once, warm-up included: what the book must hold.
    private(set) var peakLiveOrders = 0
    /// Whether commands are counted in ``statistics`` (not during the warm-up).
    private var recording = false

    init(seed: UInt64, configuration: ExchangeCoreWorkload.Configuration) {
        self.configuration = configuration
        random = SplitMix64(seed: seed)
    }

    /// Fills the empty book with passive orders, then runs the configured number of mixed
    /// commands so that the measured part starts in the steady state.
    mutating func warmUp() -> [WorkloadCommand] {
        var commands: [WorkloadCommand] = []
        commands.reserveCapacity(configuration.targetLiveOrders + configuration.warmUpCommands)
        for i in 0..<configuration.targetLiveOrders {
            commands.append(passivePlace(side: i % 2 == 0 ? .buy : .sell))
        }
        for _ in 0..<configuration.warmUpCommands { commands.append(step()) }
        return commands
    }

    /// The measured commands, recorded in ``statistics``.
    mutating func generate(count: Int) -> [WorkloadCommand] {
        recording = true
        var commands: [WorkloadCommand] = []
        commands.reserveCapacity(count)
        for _ in 0..<count { commands.append(step()) }
        statistics.restingAtEnd = model.liveCount
        statistics.bidLevelsAtEnd = model.bidLevelCount
        statistics.askLevelsAtEnd = model.askLevelCount
        return commands
    }

    // MARK: One command

    private mutating func step() -> WorkloadCommand {
        let roll = random.uniform(100)
        if roll < 9 {
            let aggressive = random.chance(steered(configuration.aggressiveGTCPerMille), in: 1_000)
            return aggressive ? aggressivePlace(.gtc) : passivePlace()
        }
        if roll < 12 { return aggressivePlace(.ioc) }
        if model.liveCount == 0 { return passivePlace() }
        if roll < 18 { return cancel() }
        return move()
    }

    private mutating func passivePlace(side chosen: Side? = nil) -> WorkloadCommand {
        let side = chosen ?? passiveSide()
        return place(side: side, timeInForce: .gtc, priceTicks: passivePrice(side: side), lots: passiveLots())
    }

    private mutating func aggressivePlace(_ timeInForce: TimeInForce) -> WorkloadCommand {
        let side = aggressiveSide()
        guard let price = aggressivePrice(side: side) else {
            // Nothing to take: a GTC rests, an IOC expires untouched.
            return place(side: side, timeInForce: timeInForce, priceTicks: passivePrice(side: side), lots: passiveLots())
        }
        return place(side: side, timeInForce: timeInForce, priceTicks: price, lots: aggressiveLots(side: side))
    }

    private mutating func place(side: Side, timeInForce: TimeInForce, priceTicks: Int64, lots: Int64) -> WorkloadCommand {
        highestOrderId += 1
        let id = highestOrderId
        let owner = UInt64(random.uniform(configuration.accounts) + 1)
        let fills = model.place(
            id: id, side: side, priceTicks: priceTicks, lots: lots, immediateOrCancel: timeInForce == .ioc
        )
        if recording {
            if timeInForce == .ioc { statistics.iocOrders += 1 } else { statistics.gtcOrders += 1 }
        }
        record(fills: fills)
        return .place(
            BookOrder(
                id: id, owner: owner, side: side, type: .limit, timeInForce: timeInForce, priceTicks: priceTicks,
                lots: lots, selfTradePrevention: .none
            )
        )
    }

    private mutating func cancel() -> WorkloadCommand {
        let id = model.liveIds[random.uniform(model.liveCount)]
        model.cancel(id: id)
        if recording { statistics.cancels += 1 }
        record(fills: 0)
        return .cancel(orderId: id)
    }

    private mutating func move() -> WorkloadCommand {
        let id = model.liveIds[random.uniform(model.liveCount)]
        let order = model.orders[id]!
        var price: Int64
        if random.chance(steered(configuration.crossingMovePerTenThousand), in: 10_000),
            let crossing = order.side == .buy ? model.bestAsk : model.bestBid
        {
            price = crossing
        } else {
            price = passivePrice(side: order.side)
        }
        if price == order.priceTicks {
            // A move must change the price: step one tick away from the spread.
            price += order.side == .buy ? -1 : 1
        }
        let fills = model.move(id: id, to: price)
        if recording { statistics.moves += 1 }
        record(fills: fills)
        return .amend(orderId: id, priceTicks: price, lots: order.lots)
    }

    private mutating func record(fills: Int) {
        peakLiveOrders = max(peakLiveOrders, model.liveCount)
        guard recording else { return }
        statistics.commands += 1
        statistics.fills += fills
        if fills > 0 { statistics.tradeCommands += 1 }
        let live = model.liveCount
        statistics.liveOrderSum += live
        statistics.levelSum += model.levelCount
        statistics.minLiveOrders = min(statistics.minLiveOrders, live)
        statistics.maxLiveOrders = max(statistics.maxLiveOrders, live)
    }

    // MARK: Prices and sizes

    /// The mid price, or the centre when a side is empty.
    private var mid: Int64 {
        guard let bid = model.bestBid, let ask = model.bestAsk else { return configuration.centerPriceTicks }
        return (bid + ask) / 2
    }

    /// A passive order joins the thinner side more often, keeping the sides balanced.
    private mutating func passiveSide() -> Side {
        let imbalance = model.orderCount(side: .sell) - model.orderCount(side: .buy)
        let lean = max(-300, min(300, imbalance * 3_000 / max(configuration.targetLiveOrders, 1)))
        return random.uniform(1_000) < 500 + lean ? .buy : .sell
    }

    /// An aggressive order buys more often when the mid is below the centre and sells more
    /// often above it, so the price wanders but does not drift away.
    private mutating func aggressiveSide() -> Side {
        if model.bestAsk == nil { return .sell }
        if model.bestBid == nil { return .buy }
        let offset = configuration.centerPriceTicks - mid
        let lean = Int(max(-400, min(400, offset * 400 / Int64(max(configuration.passiveWidthTicks, 1)))))
        return random.uniform(1_000) < 500 + lean ? .buy : .sell
    }

    /// A price uniformly 1...width ticks behind the opposite best (or behind the own best
    /// plus one tick when the opposite side is empty), so it never crosses.
    private mutating func passivePrice(side: Side) -> Int64 {
        let offset = Int64(random.uniform(configuration.passiveWidthTicks) + 1)
        if side == .buy {
            let anchor = model.bestAsk ?? ((model.bestBid ?? (configuration.centerPriceTicks - 1)) + 1)
            return anchor - offset
        } else {
            let anchor = model.bestBid ?? ((model.bestAsk ?? (configuration.centerPriceTicks + 1)) - 1)
            return anchor + offset
        }
    }

    /// A price at or through the opposite best, or `nil` when the opposite side is empty.
    private mutating func aggressivePrice(side: Side) -> Int64? {
        let depth = Int64(random.uniform(configuration.aggressiveDepthTicks))
        if side == .buy { return model.bestAsk.map { $0 + depth } }
        return model.bestBid.map { $0 - depth }
    }

    private mutating func passiveLots() -> Int64 {
        Int64(random.uniform(configuration.maxPassiveLots) + 1)
    }

    /// 1...maxAggressiveLots, but less than the first maker on the other side has left
    /// (when it has more than one lot), so the taker fills without removing it.
    private mutating func aggressiveLots(side: Side) -> Int64 {
        let front = model.frontRemainingLots(side: side.opposite) ?? 2
        let bound = max(1, min(Int64(configuration.maxAggressiveLots), front - 1))
        return Int64(random.uniform(Int(bound))) + 1
    }

    /// `base` scaled by `1 + gain × (live − target) / target`, clamped to 0...2 × base.
    private func steered(_ base: Int) -> Int {
        let target = max(configuration.targetLiveOrders, 1)
        let deviation = model.liveCount - target
        let scaled = base + base * configuration.steeringGain * deviation / target
        return max(0, min(2 * base, scaled))
    }
}
