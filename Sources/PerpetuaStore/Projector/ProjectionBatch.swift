import Foundation
import PerpetuaCore
import PerpetuaEngine

/// The rows one projector batch writes, collected from the events of its commands.
/// Append-only rows (fills, account changes, position and funding history) go straight
/// into buffers; rows that are upserted by key (orders, conditions, strategies, daily
/// rows) are de-duplicated first, since one multi-row upsert may not touch a key twice.
struct ProjectionBatch {
    private(set) var fills = RowBuffer(ProjectionTables.fills)
    private(set) var accountChanges = RowBuffer(ProjectionTables.accountChanges)
    private(set) var positionHistory = RowBuffer(ProjectionTables.positionHistory)
    private(set) var fundingHistory = RowBuffer(ProjectionTables.fundingHistory)
    private var orders: [UInt64: OrderSnapshot] = [:]
    private var conditions: [UInt64: ConditionSnapshot] = [:]
    private var strategies: [UInt64: StrategySnapshot] = [:]
    private var daily: [DayKey: DailyBalanceRecord] = [:]

    private struct DayKey: Hashable {
        var account: UInt64
        var day: Int64
    }

    /// Event-derived rows without an id of their own get `sequence << 20 | event index`:
    /// unique, increasing, and the same on every replay.
    static func eventRowId(sequence: UInt64, eventIndex: Int) -> Int64 {
        precondition(eventIndex < 1 << 20 && sequence < 1 << 43, "event id out of range")
        return Int64(sequence << 20 | UInt64(eventIndex))
    }

    /// Adds one command's events; klines go to `klines`, whose symbols must be loaded.
    mutating func add(sequence: UInt64, events: [EngineEvent], klines: inout KlineAggregator) {
        for (index, event) in events.enumerated() {
            switch event {
            case .trade(let trade):
                let (maker, taker) = FillRecord.sides(of: trade)
                appendFill(maker)
                appendFill(taker)
                klines.trade(symbol: trade.symbol, price: trade.price.units, quantity: trade.quantity.units, time: trade.time)
            case .order(let order):
                if order.status.isFinal { orders[order.orderId] = order }
            case .balance(let change):
                accountChanges.append(
                    Int64(bitPattern: change.id), Int64(bitPattern: change.account), change.type.rawValue,
                    change.amount.units, change.balanceAfter.units, nullable(change.symbol), Int64(bitPattern: change.refId),
                    change.time)
            case .positionClosed(let record):
                positionHistory.append(
                    Self.eventRowId(sequence: sequence, eventIndex: index), Int64(bitPattern: record.account),
                    record.symbol, record.side.rawValue, record.openTime, record.closeTime, record.maxSize.units,
                    record.entryPrice.units, record.closePrice.units, record.realizedPnl.units, record.fees.units,
                    record.funding.units, record.closeType.rawValue)
            case .fundingRate(let record):
                fundingHistory.append(
                    Self.eventRowId(sequence: sequence, eventIndex: index), record.symbol, record.fundingRate.units,
                    record.markPrice.units, record.fundingTime)
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
    }

    private mutating func appendFill(_ fill: FillRecord) {
        fills.append(
            fill.rowId, Int64(bitPattern: fill.tradeId), Int64(bitPattern: fill.orderId), Int64(bitPattern: fill.account),
            fill.symbol, fill.side.rawValue, fill.price.units, fill.quantity.units, fill.quoteQuantity.description,
            fill.fee.units, fill.role.rawValue, fill.realizedPnl.units, fill.time)
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

        var orderRows = RowBuffer(ProjectionTables.orders)
        for order in orders.values.sorted(by: { $0.orderId < $1.orderId }) {
            orderRows.append(
                Int64(bitPattern: order.orderId), Int64(bitPattern: order.account), order.symbol,
                nullable(order.clientOrderId?.description), order.side.rawValue, order.type.rawValue, nullable(order.price?.units),
                order.quantity.units, order.executedQuantity.units, order.cumulativeQuote.description,
                order.averagePrice.units, order.status.rawValue, order.timeInForce.rawValue, order.reduceOnly ? 1 : 0,
                order.selfTradePrevention.rawValue, order.source.rawValue, nullable(order.cancelReason?.name),
                nullable(order.conditionOrderId.map { Int64(bitPattern: $0) }), nullable(order.strategyId.map { Int64(bitPattern: $0) }),
                order.createTime, order.updateTime)
        }
        result += orderRows.statements(flavor: flavor, cache: &cache)

        var conditionRows = RowBuffer(ProjectionTables.conditionOrders)
        for c in conditions.values.sorted(by: { $0.conditionOrderId < $1.conditionOrderId }) {
            let r = c.request
            conditionRows.append(
                Int64(bitPattern: c.conditionOrderId), Int64(bitPattern: r.account), r.symbol, r.side.rawValue,
                r.type.rawValue, nullable(r.triggerPrice?.units), r.triggerPriceType.rawValue, nullable(r.price?.units), nullable(r.quantity?.units),
                r.closePosition ? 1 : 0, r.reduceOnly ? 1 : 0, nullable(r.clientOrderId?.description), nullable(r.callbackRate?.units),
                nullable(r.activationPrice?.units), r.timeInForce.rawValue, r.selfTradePrevention.rawValue, c.status.rawValue,
                nullable(c.trailingExtreme?.units), c.activated ? 1 : 0, nullable(c.triggeredOrderId.map { Int64(bitPattern: $0) }),
                nullable(c.strategyId.map { Int64(bitPattern: $0) }), nullable(c.rejectCode.map { Int64($0.rawValue) }),
                nullable(c.cancelReason?.name), c.createTime, c.updateTime)
        }
        result += conditionRows.statements(flavor: flavor, cache: &cache)

        var strategyRows = RowBuffer(ProjectionTables.strategies)
        for s in strategies.values.sorted(by: { $0.strategyId < $1.strategyId }) {
            var writer = BinaryWriter()
            s.encode(to: &writer)
            strategyRows.append(
                Int64(bitPattern: s.strategyId), Int64(bitPattern: s.account), s.type.rawValue,
                nullable(s.clientStrategyId?.description), s.status.rawValue, s.createTime, s.updateTime, Data(writer.bytes))
        }
        result += strategyRows.statements(flavor: flavor, cache: &cache)

        var balanceRows = RowBuffer(ProjectionTables.dailyBalances)
        var volumeRows = RowBuffer(ProjectionTables.dailyVolume)
        for (key, record) in daily.sorted(by: { ($0.key.account, $0.key.day) < ($1.key.account, $1.key.day) }) {
            balanceRows.append(
                Int64(bitPattern: key.account), key.day, record.walletBalance.units, record.marginBalance.units)
            volumeRows.append(
                Int64(bitPattern: key.account), key.day, record.volume.units, record.makerVolume.units, record.fees.units)
        }
        result += balanceRows.statements(flavor: flavor, cache: &cache)
        result += volumeRows.statements(flavor: flavor, cache: &cache)

        var klineRows = RowBuffer(ProjectionTables.klines)
        for output in klines.drain() {
            let bar = output.bar
            klineRows.append(
                output.symbol, output.priceType.rawValue, output.interval.rawValue, bar.openTime, bar.nextOpenTime - 1,
                bar.open, bar.high, bar.low, bar.close, bar.volume, ExactProduct(units: bar.quoteVolume).description,
                bar.tradeCount)
        }
        result += klineRows.statements(flavor: flavor, cache: &cache)
        return result
    }

    /// The number of fill rows (two per trade), for the projector's throughput figure.
    var fillCount: Int { fills.rowCount }
}
