import PerpetuaCore
import PerpetuaEngine
import PerpetuaStore
import Testing

/// Everything the history API can read for some accounts, gathered through the public
/// queries (paging with small pages, so cursors are exercised too), for comparing two
/// stores or a store with the events that built it.
struct StoreContents: Equatable {
    var orders: [UInt64: [OrderSnapshot]] = [:]
    var fills: [UInt64: [FillRecord]] = [:]
    var changes: [UInt64: [BalanceChange]] = [:]
    var positions: [UInt64: [PositionHistoryRecord]] = [:]
    var conditions: [UInt64: [ConditionSnapshot]] = [:]
    var balances: [UInt64: [DailyBalance]] = [:]
    var volumes: [UInt64: [DailyVolume]] = [:]
    var funding: [FundingRateRecord] = []
    var klines: [String: [Kline]] = [:]
    var sequence: UInt64 = 0

    static let klineIntervals: [KlineInterval] = [.oneMinute, .fiveMinutes, .oneHour, .oneDay, .oneWeek, .oneMonth]

    static func read(
        _ store: SQLStore, accounts: [UInt64], symbol: String = "BTCUSDT", now: Int64, pageSize: Int = 3
    ) async throws -> StoreContents {
        var c = StoreContents()
        for account in accounts {
            c.orders[account] = try await all(pageSize: pageSize) { try await store.orders(account: account, symbol: nil, page: $0) }
            c.fills[account] = try await all(pageSize: pageSize) { try await store.fills(account: account, symbol: nil, page: $0) }
            c.changes[account] = try await all(pageSize: pageSize) { try await store.accountChanges(account: account, type: nil, page: $0) }
            c.positions[account] = try await all(pageSize: pageSize) { try await store.positionHistory(account: account, symbol: nil, page: $0) }
            c.conditions[account] = try await all(pageSize: pageSize) { try await store.conditionHistory(account: account, symbol: nil, page: $0) }
            c.balances[account] = try await store.dailyBalances(account: account, startTime: nil, endTime: nil)
            c.volumes[account] = try await store.dailyVolumes(account: account, startTime: nil, endTime: nil)
        }
        c.funding = try await all(pageSize: pageSize) { try await store.fundingHistory(symbol: symbol, page: $0) }
        for type in KlinePriceType.allCases {
            for interval in klineIntervals {
                c.klines["\(type.rawValue) \(interval.rawValue)"] = try await store.klines(
                    symbol: symbol, priceType: type, interval: interval, startTime: nil, endTime: nil, limit: 1500,
                    now: now)
            }
        }
        c.sequence = try await store.projectedSequence()
        return c
    }

    /// Every item of a history, following `nextCursor` (pages of three by default, so that
    /// small histories still cross pages).
    static func all<T>(pageSize: Int = 3, _ fetch: (PageRequest) async throws -> Page<T>) async throws -> [T] {
        var items: [T] = []
        var cursor: String?
        repeat {
            let page = try await fetch(PageRequest(limit: pageSize, cursor: cursor))
            items += page.items
            cursor = page.nextCursor
        } while cursor != nil
        return items
    }
}
