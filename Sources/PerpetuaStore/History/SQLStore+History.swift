import Foundation
import PerpetuaCore
import PerpetuaEngine
import SQLKit

extension SQLStore {
    private static func filters(account: UInt64, symbol: String?) -> [(String, any Encodable & Sendable)] {
        var result: [(String, any Encodable & Sendable)] = [("account", Int64(bitPattern: account))]
        if let symbol { result.append(("symbol", symbol)) }
        return result
    }

    public func orders(account: UInt64, symbol: String?, page: PageRequest) async throws -> Page<OrderSnapshot> {
        try await database.page(
            table: "orders", timeColumn: "update_time", idColumn: "order_id",
            filters: Self.filters(account: account, symbol: symbol), request: page, decode: Self.order)
    }

    public func order(account: UInt64, orderId: UInt64) async throws -> OrderSnapshot? {
        try await database.read { db in
            try await db.select().column("*").from("orders").where("order_id", .equal, Int64(bitPattern: orderId))
                .where("account", .equal, Int64(bitPattern: account)).first().map(Self.order)
        }
    }

    public func order(account: UInt64, symbol: String, clientOrderId: String) async throws -> OrderSnapshot? {
        try await database.read { db in
            try await db.select().column("*").from("orders").where("account", .equal, Int64(bitPattern: account))
                .where("symbol", .equal, symbol).where("client_order_id", .equal, clientOrderId)
                .orderBy("update_time", .descending).orderBy("order_id", .descending).first().map(Self.order)
        }
    }

    @Sendable static func order(_ row: any SQLRow) throws -> OrderSnapshot {
        let cancelName = try row.optionalText("cancel_reason")
        return OrderSnapshot(
            orderId: try row.id("order_id"), account: try row.id("account"), symbol: try row.text("symbol"),
            clientOrderId: try row.optionalText("client_order_id").flatMap { ClientOrderId($0) },
            side: try row.named("side"), type: try row.named("type"), price: try row.optionalFixed("price"),
            quantity: try row.fixed("quantity"), executedQuantity: try row.fixed("executed_qty"),
            cumulativeQuote: try row.exact("cum_quote"), status: try row.named("status"),
            timeInForce: try row.named("time_in_force"), reduceOnly: try row.bool("reduce_only"),
            selfTradePrevention: try row.named("self_trade_prevention"), source: try row.named("source"),
            cancelReason: try cancelName.map { name in
                guard let reason = CancelReason.allCases.first(where: { $0.name == name }) else {
                    throw StoreCorruptionError(column: "cancel_reason", value: name)
                }
                return reason
            },
            conditionOrderId: try row.optionalId("condition_order_id"), strategyId: try row.optionalId("strategy_id"),
            createTime: try row.int("create_time"), updateTime: try row.int("update_time"), lastFill: nil)
    }

    public func fills(account: UInt64, symbol: String?, page: PageRequest) async throws -> Page<FillRecord> {
        try await database.page(
            table: "fills", timeColumn: "time", idColumn: "id", filters: Self.filters(account: account, symbol: symbol),
            request: page, decode: Self.fill)
    }

    @Sendable static func fill(_ row: any SQLRow) throws -> FillRecord {
        let price: Price = try row.fixed("price")
        let quantity: Quantity = try row.fixed("qty")
        return FillRecord(
            tradeId: try row.id("trade_id"), orderId: try row.id("order_id"), account: try row.id("account"),
            symbol: try row.text("symbol"), side: try row.named("side"), price: price, quantity: quantity,
            quoteQuantity: ExactProduct(price, quantity), fee: try row.fixed("fee"),
            role: try row.int("id") & 1 == 1 ? .taker : .maker, realizedPnl: try row.fixed("realized_pnl"),
            time: try row.int("time"))
    }

    public func accountChanges(account: UInt64, type: BalanceChangeType?, page: PageRequest) async throws -> Page<BalanceChange> {
        var filters = Self.filters(account: account, symbol: nil)
        if let type { filters.append(("type", type.rawValue)) }
        return try await database.page(
            table: "account_changes", timeColumn: "time", idColumn: "id", filters: filters, request: page,
            decode: Self.balanceChange)
    }

    @Sendable static func balanceChange(_ row: any SQLRow) throws -> BalanceChange {
        BalanceChange(
            id: try row.id("id"), account: try row.id("account"), type: try row.named("type"),
            amount: try row.fixed("amount"), balanceAfter: try row.fixed("balance_after"),
            symbol: try row.optionalText("symbol"), refId: try row.id("ref_id"), time: try row.int("time"))
    }

    public func positionHistory(account: UInt64, symbol: String?, page: PageRequest) async throws -> Page<PositionHistoryRecord> {
        try await database.page(
            table: "position_history", timeColumn: "close_time", idColumn: "id",
            filters: Self.filters(account: account, symbol: symbol), request: page, decode: Self.positionRecord)
    }

    @Sendable static func positionRecord(_ row: any SQLRow) throws -> PositionHistoryRecord {
        PositionHistoryRecord(
            account: try row.id("account"), symbol: try row.text("symbol"), side: try row.named("side"),
            openTime: try row.int("open_time"), closeTime: try row.int("close_time"), maxSize: try row.fixed("max_size"),
            entryPrice: try row.fixed("entry_price"), closePrice: try row.fixed("close_price"),
            realizedPnl: try row.fixed("realized_pnl"), fees: try row.fixed("fees"), funding: try row.fixed("funding"),
            closeType: try row.named("close_type"))
    }

    public func fundingHistory(symbol: String, page: PageRequest) async throws -> Page<FundingRateRecord> {
        try await database.page(
            table: "funding_history", timeColumn: "funding_time", idColumn: "id", filters: [("symbol", symbol)],
            request: page,
            decode: { row in
                FundingRateRecord(
                    symbol: try row.text("symbol"), fundingRate: try row.fixed("funding_rate"),
                    markPrice: try row.fixed("mark_price"), fundingTime: try row.int("funding_time"))
            })
    }

    public func conditionHistory(account: UInt64, symbol: String?, page: PageRequest) async throws -> Page<ConditionSnapshot> {
        try await database.page(
            table: "condition_orders", timeColumn: "update_time", idColumn: "condition_order_id",
            filters: Self.filters(account: account, symbol: symbol), request: page, decode: Self.condition)
    }

    public func conditionOrder(account: UInt64, conditionOrderId: UInt64) async throws -> ConditionSnapshot? {
        try await database.read { db in
            try await db.select().column("*").from("condition_orders")
                .where("condition_order_id", .equal, Int64(bitPattern: conditionOrderId))
                .where("account", .equal, Int64(bitPattern: account)).first().map(Self.condition)
        }
    }

    @Sendable static func condition(_ row: any SQLRow) throws -> ConditionSnapshot {
        let request = ConditionRequest(
            account: try row.id("account"), symbol: try row.text("symbol"), side: try row.named("side"),
            type: try row.named("type"), triggerPrice: try row.optionalFixed("trigger_price"),
            triggerPriceType: try row.named("trigger_price_type"), price: try row.optionalFixed("price"),
            quantity: try row.optionalFixed("quantity"), closePosition: try row.bool("close_position"),
            reduceOnly: try row.bool("reduce_only"),
            clientOrderId: try row.optionalText("client_order_id").flatMap { ClientOrderId($0) },
            callbackRate: try row.optionalFixed("callback_rate"), activationPrice: try row.optionalFixed("activation_price"),
            timeInForce: try row.named("time_in_force"), selfTradePrevention: try row.named("self_trade_prevention"))
        let cancelName = try row.optionalText("cancel_reason")
        let rejectCode = try row.optionalInt("reject_code")
        return ConditionSnapshot(
            conditionOrderId: try row.id("condition_order_id"), request: request, status: try row.named("status"),
            trailingExtreme: try row.optionalFixed("trailing_extreme"), activated: try row.bool("activated"),
            triggeredOrderId: try row.optionalId("triggered_order_id"), strategyId: try row.optionalId("strategy_id"),
            rejectCode: try rejectCode.map { code in
                guard let value = ErrorCode(rawValue: Int(code)) else {
                    throw StoreCorruptionError(column: "reject_code", value: String(code))
                }
                return value
            },
            cancelReason: try cancelName.map { name in
                guard let reason = CancelReason.allCases.first(where: { $0.name == name }) else {
                    throw StoreCorruptionError(column: "cancel_reason", value: name)
                }
                return reason
            },
            createTime: try row.int("create_time"), updateTime: try row.int("update_time"))
    }

    public func strategy(account: UInt64, strategyId: UInt64) async throws -> StrategySnapshot? {
        try await database.read { db in
            guard let row = try await db.select().column("snapshot").from("strategies")
                .where("strategy_id", .equal, Int64(bitPattern: strategyId))
                .where("account", .equal, Int64(bitPattern: account)).first()
            else { return nil }
            var reader = BinaryReader(try row.bytes("snapshot"))
            return try StrategySnapshot(from: &reader)
        }
    }

    // MARK: Daily rows and aggregates

    private static func dayRange(
        _ query: SQLSelectBuilder, account: UInt64, startTime: Int64?, endTime: Int64?
    ) -> SQLSelectBuilder {
        query.where("account", .equal, Int64(bitPattern: account))
        if let startTime { query.where("day", .greaterThanOrEqual, startTime) }
        if let endTime { query.where("day", .lessThanOrEqual, endTime) }
        return query.orderBy("day")
    }

    public func dailyBalances(account: UInt64, startTime: Int64?, endTime: Int64?) async throws -> [DailyBalance] {
        try await database.read { db in
            try await Self.dayRange(db.select().column("*").from("daily_balances"), account: account, startTime: startTime, endTime: endTime)
                .all().map { row in
                    DailyBalance(
                        day: try row.int("day"), walletBalance: try row.fixed("wallet_balance"),
                        marginBalance: try row.fixed("margin_balance"))
                }
        }
    }

    public func dailyVolumes(account: UInt64, startTime: Int64?, endTime: Int64?) async throws -> [DailyVolume] {
        try await database.read { db in
            try await Self.dayRange(db.select().column("*").from("daily_volume"), account: account, startTime: startTime, endTime: endTime)
                .all().map { row in
                    DailyVolume(
                        day: try row.int("day"), volume: try row.fixed("volume"), makerVolume: try row.fixed("maker_volume"),
                        fees: try row.fixed("fees"))
                }
        }
    }

    public func accountChangeTotals(account: UInt64, startTime: Int64?, endTime: Int64?) async throws -> [BalanceChangeType: Amount] {
        try await database.read { db in
            let query = db.select().column("type").column(Self.bigintSum("amount"), as: "total")
                .from("account_changes").where("account", .equal, Int64(bitPattern: account))
            if let startTime { query.where("time", .greaterThanOrEqual, startTime) }
            if let endTime { query.where("time", .lessThanOrEqual, endTime) }
            var result: [BalanceChangeType: Amount] = [:]
            for row in try await query.groupBy("type").all() {
                result[try row.named("type")] = Amount(units: try Self.sum(row, "total"))
            }
            return result
        }
    }

    public func fillCount(account: UInt64, startTime: Int64?, endTime: Int64?) async throws -> Int {
        try await database.read { db in
            let query = db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("fills")
                .where("account", .equal, Int64(bitPattern: account))
            if let startTime { query.where("time", .greaterThanOrEqual, startTime) }
            if let endTime { query.where("time", .lessThanOrEqual, endTime) }
            return try await query.first(decodingColumn: "n", as: Int.self) ?? 0
        }
    }

    public func pnlRanking(startTime: Int64, limit: Int) async throws -> [PnlRankingEntry] {
        guard limit > 0 else { return [] }
        let types = [BalanceChangeType.realizedPnl, .tradeFee, .fundingFee].map(\.rawValue)
        return try await database.read { db in
            let pnlRows = try await db.select().column("account")
                .column(Self.bigintSum("amount"), as: "pnl")
                .from("account_changes").where("time", .greaterThanOrEqual, startTime).where("type", .in, types)
                .groupBy("account").orderBy("pnl", .descending).orderBy("account").limit(limit).all()
            var entries: [PnlRankingEntry] = []
            for row in pnlRows {
                let account = try row.id("account")
                let volume = try await db.select().column(Self.bigintSum("volume"), as: "v")
                    .from("daily_volume").where("account", .equal, Int64(bitPattern: account))
                    .where("day", .greaterThanOrEqual, KlineInterval.oneDay.openTime(containing: startTime)).first()
                entries.append(PnlRankingEntry(
                    account: account, pnl: Amount(units: try Self.sum(row, "pnl")),
                    volume: Amount(units: try volume.map { try Self.sum($0, "v") } ?? 0)))
            }
            return entries
        }
    }

    /// SUM of a BIGINT column as a BIGINT: PostgreSQL widens SUM(bigint) to NUMERIC, which
    /// the cast brings back (the sums of 10⁻⁸ units here fit 64 bits by far).
    static func bigintSum(_ column: String) -> any SQLExpression {
        SQLRaw("CAST(SUM(\"\(column)\") AS BIGINT)")
    }

    /// A sum column: NULL over no rows is zero.
    static func sum(_ row: any SQLRow, _ column: String) throws -> Int64 {
        try row.decode(column: column, as: Int64?.self) ?? 0
    }
}
