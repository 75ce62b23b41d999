import PerpetuaCore
import PerpetuaEngine

/// `GET /v1/private/user/asset`.
struct AssetResource: Encodable, Sendable {
    var asset = "USDT"
    var walletBalance: String
    var unrealizedPnl: String
    var marginBalance: String
    var availableBalance: String
    var positionInitialMargin: String
    var orderInitialMargin: String
    var maintenanceMargin: String
    var marginRatio: String

    init(_ asset: AssetSnapshot?) {
        func text(_ value: Amount?) -> String { (value ?? .zero).description }
        walletBalance = text(asset?.walletBalance)
        unrealizedPnl = text(asset?.unrealizedPnl)
        marginBalance = text(asset?.marginBalance)
        availableBalance = text(asset?.availableBalance)
        positionInitialMargin = text(asset?.positionInitialMargin)
        orderInitialMargin = text(asset?.orderInitialMargin)
        maintenanceMargin = text(asset?.maintenanceMargin)
        marginRatio = (asset?.marginRatio ?? .zero).description
    }
}

/// One row of the account change log.
struct AccountChangeResource: Encodable, Sendable {
    var id: String
    var type: String
    var asset = "USDT"
    var amount: String
    var balanceAfter: String
    @Null var symbol: String?
    var refId: String
    var time: Int64

    init(_ change: BalanceChange) {
        id = String(change.id)
        type = change.type.rawValue
        amount = change.amount.description
        balanceAfter = change.balanceAfter.description
        symbol = change.symbol
        refId = String(change.refId)
        time = change.time
    }
}

struct VolumeStatsResource: Encodable, Sendable {
    var volume30d: String
    var makerVolume30d: String
    var takerVolume30d: String
    var fees30d: String
    var feeTier: Int
    var makerRate: String
    var takerRate: String
    var daily: [Day]

    struct Day: Encodable, Sendable {
        var date: String
        var volume: String
        var fees: String
    }
}

struct BalanceHistoryResource: Encodable, Sendable {
    var date: String
    var walletBalance: String
    var marginBalance: String
}

struct TradeOverviewResource: Encodable, Sendable {
    var realizedPnl: String
    var fees: String
    var funding: String
    var volume: String
    var tradeCount: Int
    var winRate: String
    var trend: [Point]

    struct Point: Encodable, Sendable {
        var date: String
        var pnl: String
        var cumulativePnl: String
        var volume: String
    }
}

struct AssetSummaryResource: Encodable, Sendable {
    var equity: String
    var walletBalance: String
    var unrealizedPnl: String
    var pnlToday: String
    var pnl7d: String
    var pnl30d: String
    var roi30d: String
}

struct EquityPointResource: Encodable, Sendable {
    var time: Int64
    var equity: String
}

struct LeaderboardEntryResource: Encodable, Sendable {
    var rank: Int
    var name: String
    var pnl: String
    var roi: String
    var volume: String
}
