/// The tables the projector writes, with their column order (the order values are
/// appended in ``ProjectionBatch``) and their replay rule.
enum ProjectionTables {
    static let fills = RowTable(
        name: "fills",
        columns: ["id", "trade_id", "order_id", "account", "symbol", "side", "price", "qty", "fee", "realized_pnl", "time"],
        conflict: .ignore)

    static let accountChanges = RowTable(
        name: "account_changes",
        columns: ["id", "account", "type", "amount", "balance_after", "symbol", "ref_id", "time"],
        conflict: .ignore)

    static let positionHistory = RowTable(
        name: "position_history",
        columns: ["id", "account", "symbol", "side", "open_time", "close_time", "max_size", "entry_price", "close_price",
                  "realized_pnl", "fees", "funding", "close_type"],
        conflict: .ignore)

    static let fundingHistory = RowTable(
        name: "funding_history",
        columns: ["id", "symbol", "funding_rate", "mark_price", "funding_time"],
        conflict: .ignore)

    /// Only final states are written, and an order ends once, so a row is never replaced:
    /// `ignore`, not an upsert, whose update branch SQLite would guard with a statement
    /// journal (a copy of every page the statement touches first; 5 % of the writer's time
    /// in the profile of `bench journal`).
    static let orders = RowTable(
        name: "orders",
        columns: ["order_id", "account", "symbol", "client_order_id", "side", "type", "price", "quantity", "executed_qty",
                  "cum_quote", "status", "time_in_force", "reduce_only", "self_trade_prevention", "source",
                  "cancel_reason", "condition_order_id", "strategy_id", "create_time", "update_time"],
        conflict: .ignore)

    static let conditionOrders = RowTable(
        name: "condition_orders",
        columns: ["condition_order_id", "account", "symbol", "side", "type", "trigger_price", "trigger_price_type", "price",
                  "quantity", "close_position", "reduce_only", "client_order_id", "callback_rate", "activation_price",
                  "time_in_force", "self_trade_prevention", "status", "trailing_extreme", "activated",
                  "triggered_order_id", "strategy_id", "reject_code", "cancel_reason", "create_time", "update_time"],
        conflict: .update(key: ["condition_order_id"]))

    static let strategies = RowTable(
        name: "strategies",
        columns: ["strategy_id", "account", "type", "client_strategy_id", "status", "create_time", "update_time", "snapshot"],
        conflict: .update(key: ["strategy_id"]))

    static let klines = RowTable(
        name: "klines",
        columns: ["symbol", "price_type", "interval", "open_time", "close_time", "open", "high", "low", "close", "volume",
                  "quote_volume", "trade_count"],
        conflict: .update(key: ["symbol", "price_type", "interval", "open_time"]))

    static let dailyBalances = RowTable(
        name: "daily_balances",
        columns: ["account", "day", "wallet_balance", "margin_balance"],
        conflict: .update(key: ["account", "day"]))

    static let dailyVolume = RowTable(
        name: "daily_volume",
        columns: ["account", "day", "volume", "maker_volume", "fees"],
        conflict: .update(key: ["account", "day"]))
}
