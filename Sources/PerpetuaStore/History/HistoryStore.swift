import PerpetuaCore
import PerpetuaEngine

/// The read side the projector writes: everything the history endpoints of API.md §5
/// page through. Pages are newest first with keyset cursors (``PageRequest``); a bad
/// cursor throws ``StoreError/invalidCursor``.
public protocol HistoryStore: Sendable {
    /// Final orders (filled, cancelled, rejected, expired), newest update first.
    func orders(account: UInt64, symbol: String?, page: PageRequest) async throws -> Page<OrderSnapshot>
    /// A final order by id; nil when it is open or unknown (the engine holds open ones).
    func order(account: UInt64, orderId: UInt64) async throws -> OrderSnapshot?
    /// The newest final order with this client id.
    func order(account: UInt64, symbol: String, clientOrderId: String) async throws -> OrderSnapshot?
    /// The account's fills, newest first.
    func fills(account: UInt64, symbol: String?, page: PageRequest) async throws -> Page<FillRecord>
    /// The account change log, newest first, optionally of one type.
    func accountChanges(account: UInt64, type: BalanceChangeType?, page: PageRequest) async throws -> Page<BalanceChange>
    /// Closed positions, newest close first.
    func positionHistory(account: UInt64, symbol: String?, page: PageRequest) async throws -> Page<PositionHistoryRecord>
    /// Funding settlements of a symbol, newest first.
    func fundingHistory(symbol: String, page: PageRequest) async throws -> Page<FundingRateRecord>
    /// Final condition orders, newest update first.
    func conditionHistory(account: UInt64, symbol: String?, page: PageRequest) async throws -> Page<ConditionSnapshot>
    /// A final condition order by id; nil when it is live or unknown (the engine holds live ones).
    func conditionOrder(account: UInt64, conditionOrderId: UInt64) async throws -> ConditionSnapshot?
    /// A strategy's latest state.
    func strategy(account: UInt64, strategyId: UInt64) async throws -> StrategySnapshot?

    /// Bars oldest first: those opening in `startTime...endTime` (the most recent `limit`
    /// up to `endTime` when `startTime` is nil), never past the bar containing `now`.
    /// Intervals without events are filled with flat zero-volume bars at the previous
    /// close; there are no bars before a series' first event. `limit` is 1...1500.
    func klines(
        symbol: String, priceType: KlinePriceType, interval: KlineInterval, startTime: Int64?, endTime: Int64?,
        limit: Int, now: Int64
    ) async throws -> [Kline]

    /// Daily closing balances with `day` in the range, oldest first.
    func dailyBalances(account: UInt64, startTime: Int64?, endTime: Int64?) async throws -> [DailyBalance]
    /// Daily volumes with `day` in the range, oldest first.
    func dailyVolumes(account: UInt64, startTime: Int64?, endTime: Int64?) async throws -> [DailyVolume]
    /// The sum of the account change log per type over the time range.
    func accountChangeTotals(account: UInt64, startTime: Int64?, endTime: Int64?) async throws -> [BalanceChangeType: Amount]
    /// The number of fills of the account in the time range.
    func fillCount(account: UInt64, startTime: Int64?, endTime: Int64?) async throws -> Int
    /// Accounts by realised PnL (realised PnL, trading and funding fees) since `startTime`,
    /// best first, with their volume over the same days.
    func pnlRanking(startTime: Int64, limit: Int) async throws -> [PnlRankingEntry]
}
