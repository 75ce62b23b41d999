import PerpetuaCore
import PerpetuaEngine

/// The rows one projector batch writes, collected from the events of its commands.
/// Append-only rows (fills, account changes, position and funding history) go straight
/// into buffers; rows keyed by an id that may recur in a batch (final orders, in
/// principle; conditions, strategies and daily rows, which are upserted) are de-duplicated
/// first, the last state winning, since one multi-row upsert may not touch a key twice.
struct ProjectionBatch {
    private(set) var fills: RowBuffer
    private(set) var accountChanges: RowBuffer
    private(set) var positionHistory: RowBuffer
    private(set) var fundingHistory: RowBuffer
    /// Final orders by where their event is, sorted and de-duplicated by ``statements``.
    ///
    /// Why not a dictionary of snapshots, as for the rarer conditions and strategies: most
    /// commands of a busy book end an order, and a dictionary of 130,000 snapshots of
    /// 250 bytes grew by copying them all into fresh pages several times per transaction,
    /// then copied them again to sort them (in `bench journal`, most of the memmove and
    /// page clearing that were a quarter and a sixth of the samples inside the timed
    /// projector calls). Sorting 16-byte positions moves no snapshot.
    private var finalOrders: [FinalOrder] = []
    /// The event lists that ``finalOrders`` point into, one per command that ended an order.
    private var orderEventLists: [[EngineEvent]] = []
    private var conditions: [UInt64: ConditionSnapshot] = [:]
    private var strategies: [UInt64: StrategySnapshot] = [:]
    private var daily: [DayKey: DailyBalanceRecord] = [:]

    private struct DayKey: Hashable {
        var account: UInt64
        var day: Int64
    }

    /// A final order's id and where its snapshot is: the index into ``orderEventLists``
    /// above the low 20 bits, the event's index in them below. Positions grow in event
    /// order, so among entries of one id the largest is the latest state.
    private struct FinalOrder {
        var orderId: UInt64
        var position: UInt64
    }

    /// Symbols whose trades or mark prices the batch holds: the kline series to load
    /// before ``add(sequence:events:klines:)`` aggregates them.
    let klineSymbols: Set<String>

    /// An empty batch with room for the rows of `commands`, so that the buffers never grow
    /// (and copy) while they fill. The same pass collects ``klineSymbols``: every pass over
    /// a batch's events reads memory the engine wrote a while ago, and costs about as much
    /// as the work it does.
    init(reservingFor commands: some Sequence<ProjectedCommand>) {
        var trades = 0, changes = 0, closes = 0, funding = 0, endedOrders = 0, orderCommands = 0
        var symbols: Set<String> = []
        // Consecutive events are mostly of one symbol: hash only when it changes.
        var lastSymbol = ""
        func saw(_ symbol: String) {
            if symbol != lastSymbol {
                symbols.insert(symbol)
                lastSymbol = symbol
            }
        }
        for command in commands {
            let events = command.events
            var endsOrder = false
            for index in events.indices {
                switch events[index] {
                case .order(let order) where order.status.isFinal:
                    endedOrders += 1
                    endsOrder = true
                case .trade(let trade):
                    trades += 1
                    saw(trade.symbol)
                case .markPrice(let mark): saw(mark.symbol)
                case .balance: changes += 1
                case .positionClosed: closes += 1
                case .fundingRate: funding += 1
                default: break
                }
            }
            if endsOrder { orderCommands += 1 }
        }
        klineSymbols = symbols
        finalOrders.reserveCapacity(endedOrders)
        orderEventLists.reserveCapacity(orderCommands)
        fills = RowBuffer(ProjectionTables.fills, rows: 2 * trades)
        accountChanges = RowBuffer(ProjectionTables.accountChanges, rows: changes)
        positionHistory = RowBuffer(ProjectionTables.positionHistory, rows: closes)
        fundingHistory = RowBuffer(ProjectionTables.fundingHistory, rows: funding)
    }

    /// Event-derived rows without an id of their own get `sequence << 20 | event index`:
    /// unique, increasing, and the same on every replay.
    static func eventRowId(sequence: UInt64, eventIndex: Int) -> Int64 {
        precondition(eventIndex < 1 << 20 && sequence < 1 << 43, "event id out of range")
        return Int64(sequence << 20 | UInt64(eventIndex))
    }

    /// Adds one command's events; klines go to `klines`, whose symbols must be loaded.
    mutating func add(sequence: UInt64, events: [EngineEvent], klines: inout KlineAggregator) {
        let list = UInt64(orderEventLists.count) << 20
        var endsOrder = false
        // By index, not `for event in events`: an event is a 233-byte enum, and the
        // iterator's copies of it cost more than the switch (measured in the projector's
        // profile).
        for index in events.indices {
            switch events[index] {
            case .trade(let trade):
                let (maker, taker) = FillRecord.sides(of: trade)
                appendFill(maker)
                appendFill(taker)
                klines.trade(symbol: trade.symbol, price: trade.price.units, quantity: trade.quantity.units, time: trade.time)
            case .order(let order):
                if order.status.isFinal {
                    finalOrders.append(FinalOrder(orderId: order.orderId, position: list | UInt64(index)))
                    endsOrder = true
                }
            case .balance(let change):
                accountChanges.id(change.id)
                accountChanges.id(change.account)
                accountChanges.text(change.type.rawValue)
                accountChanges.fixed(change.amount)
                accountChanges.fixed(change.balanceAfter)
                accountChanges.text(change.symbol)
                accountChanges.id(change.refId)
                accountChanges.int(change.time)
                accountChanges.endRow()
            case .positionClosed(let record):
                positionHistory.int(Self.eventRowId(sequence: sequence, eventIndex: index))
                positionHistory.id(record.account)
                positionHistory.text(record.symbol)
                positionHistory.text(record.side.rawValue)
                positionHistory.int(record.openTime)
                positionHistory.int(record.closeTime)
                positionHistory.fixed(record.maxSize)
                positionHistory.fixed(record.entryPrice)
                positionHistory.fixed(record.closePrice)
                positionHistory.fixed(record.realizedPnl)
                positionHistory.fixed(record.fees)
                positionHistory.fixed(record.funding)
                positionHistory.text(record.closeType.rawValue)
                positionHistory.endRow()
            case .fundingRate(let record):
                fundingHistory.int(Self.eventRowId(sequence: sequence, eventIndex: index))
                fundingHistory.text(record.symbol)
                fundingHistory.fixed(record.fundingRate)
                fundingHistory.fixed(record.markPrice)
                fundingHistory.int(record.fundingTime)
                fundingHistory.endRow()
            case .condition(let condition):
                if condition.status.isFinal { conditions[condition.conditionOrderId] = condition }
            case .strategy(let strategy):
                strategies[strategy.strategyId] = strategy
            case .markPrice(let mark):
                klines.markTick(symbol: mark.symbol, markPrice: mark.markPrice.units, indexPrice: mark.indexPrice.units, time: mark.time)
            case .dailyBalance(let record):
                // The rollover runs at the midnight that ends the day; the row is keyed by the day it closes.
                daily[DayKey(account: record.account, day: KlineInterval.oneDay.openTime(containing: record.time - 1))] = record
            case .position, .liquidation, .marginCall, .depth, .symbol, .insuranceFund:
                // Live state or streams only; nothing in the store's history reads them.
                break
            }
        }
        if endsOrder {
            precondition(events.count < 1 << 20, "too many events in one command")
            orderEventLists.append(events)
        }
    }

    private mutating func appendFill(_ fill: FillRecord) {
        fills.int(fill.rowId)
        fills.id(fill.tradeId)
        fills.id(fill.orderId)
        fills.id(fill.account)
        fills.text(fill.symbol)
        fills.text(fill.side.rawValue)
        fills.fixed(fill.price)
        fills.fixed(fill.quantity)
        fills.fixed(fill.fee)
        fills.fixed(fill.realizedPnl)
        fills.int(fill.time)
        fills.endRow()
    }

    /// Every statement of the batch, klines included (drained from `klines`).
    mutating func statements(
        flavor: SQLFlavor, klines: inout KlineAggregator, cache: inout [String: String]
    ) -> [BulkStatement] {
        var result: [BulkStatement] = []
        result += fills.statements(flavor: flavor, cache: &cache)
        result += accountChanges.statements(flavor: flavor, cache: &cache)
        result += positionHistory.statements(flavor: flavor, cache: &cache)
        result += fundingHistory.statements(flavor: flavor, cache: &cache)

        // By id (rowid inserts are then appends), the last state of an id winning.
        finalOrders.sort { ($0.orderId, $0.position) < ($1.orderId, $1.position) }
        var orderRows = RowBuffer(ProjectionTables.orders, rows: finalOrders.count)
        for entry in finalOrders.indices {
            let found = finalOrders[entry]
            if entry + 1 < finalOrders.endIndex, finalOrders[entry + 1].orderId == found.orderId { continue }
            guard case .order(let order) = orderEventLists[Int(found.position >> 20)][Int(found.position & 0xF_FFFF)] else {
                preconditionFailure("a final order's position does not hold its order event")
            }
            orderRows.id(order.orderId)
            orderRows.id(order.account)
            orderRows.text(order.symbol)
            orderRows.text(order.clientOrderId?.description)
            orderRows.text(order.side.rawValue)
            orderRows.text(order.type.rawValue)
            orderRows.fixed(order.price)
            orderRows.fixed(order.quantity)
            orderRows.fixed(order.executedQuantity)
            orderRows.text(order.cumulativeQuote.description)
            orderRows.text(order.status.rawValue)
            orderRows.text(order.timeInForce.rawValue)
            orderRows.bool(order.reduceOnly)
            orderRows.text(order.selfTradePrevention.rawValue)
            orderRows.text(order.source.rawValue)
            orderRows.text(order.cancelReason?.name)
            orderRows.id(order.conditionOrderId)
            orderRows.id(order.strategyId)
            orderRows.int(order.createTime)
            orderRows.int(order.updateTime)
            orderRows.endRow()
        }
        result += orderRows.statements(flavor: flavor, cache: &cache)

        var conditionRows = RowBuffer(ProjectionTables.conditionOrders, rows: conditions.count)
        for c in conditions.values.sorted(by: { $0.conditionOrderId < $1.conditionOrderId }) {
            let r = c.request
            conditionRows.id(c.conditionOrderId)
            conditionRows.id(r.account)
            conditionRows.text(r.symbol)
            conditionRows.text(r.side.rawValue)
            conditionRows.text(r.type.rawValue)
            conditionRows.fixed(r.triggerPrice)
            conditionRows.text(r.triggerPriceType.rawValue)
            conditionRows.fixed(r.price)
            conditionRows.fixed(r.quantity)
            conditionRows.bool(r.closePosition)
            conditionRows.bool(r.reduceOnly)
            conditionRows.text(r.clientOrderId?.description)
            conditionRows.fixed(r.callbackRate)
            conditionRows.fixed(r.activationPrice)
            conditionRows.text(r.timeInForce.rawValue)
            conditionRows.text(r.selfTradePrevention.rawValue)
            conditionRows.text(c.status.rawValue)
            conditionRows.fixed(c.trailingExtreme)
            conditionRows.bool(c.activated)
            conditionRows.id(c.triggeredOrderId)
            conditionRows.id(c.strategyId)
            conditionRows.int(c.rejectCode.map { Int64($0.rawValue) })
            conditionRows.text(c.cancelReason?.name)
            conditionRows.int(c.createTime)
            conditionRows.int(c.updateTime)
            conditionRows.endRow()
        }
        result += conditionRows.statements(flavor: flavor, cache: &cache)

        var strategyRows = RowBuffer(ProjectionTables.strategies)
        for s in strategies.values.sorted(by: { $0.strategyId < $1.strategyId }) {
            var writer = BinaryWriter()
            s.encode(to: &writer)
            strategyRows.id(s.strategyId)
            strategyRows.id(s.account)
            strategyRows.text(s.type.rawValue)
            strategyRows.text(s.clientStrategyId?.description)
            strategyRows.text(s.status.rawValue)
            strategyRows.int(s.createTime)
            strategyRows.int(s.updateTime)
            strategyRows.blob(writer.bytes)
            strategyRows.endRow()
        }
        result += strategyRows.statements(flavor: flavor, cache: &cache)

        var balanceRows = RowBuffer(ProjectionTables.dailyBalances)
        var volumeRows = RowBuffer(ProjectionTables.dailyVolume)
        for (key, record) in daily.sorted(by: { ($0.key.account, $0.key.day) < ($1.key.account, $1.key.day) }) {
            balanceRows.id(key.account)
            balanceRows.int(key.day)
            balanceRows.fixed(record.walletBalance)
            balanceRows.fixed(record.marginBalance)
            balanceRows.endRow()
            volumeRows.id(key.account)
            volumeRows.int(key.day)
            volumeRows.fixed(record.volume)
            volumeRows.fixed(record.makerVolume)
            volumeRows.fixed(record.fees)
            volumeRows.endRow()
        }
        result += balanceRows.statements(flavor: flavor, cache: &cache)
        result += volumeRows.statements(flavor: flavor, cache: &cache)

        let bars = klines.drain()
        var klineRows = RowBuffer(ProjectionTables.klines, rows: bars.count)
        for output in bars {
            let bar = output.bar
            klineRows.text(output.symbol)
            klineRows.text(output.priceType.rawValue)
            klineRows.text(output.interval.rawValue)
            klineRows.int(bar.openTime)
            klineRows.int(bar.nextOpenTime - 1)
            klineRows.int(bar.open)
            klineRows.int(bar.high)
            klineRows.int(bar.low)
            klineRows.int(bar.close)
            klineRows.int(bar.volume)
            klineRows.text(ExactProduct(units: bar.quoteVolume).description)
            klineRows.int(bar.tradeCount)
            klineRows.endRow()
        }
        result += klineRows.statements(flavor: flavor, cache: &cache)
        return result
    }

    /// The number of fill rows (two per trade), for the projector's throughput figure.
    var fillCount: Int { fills.rowCount }
}
