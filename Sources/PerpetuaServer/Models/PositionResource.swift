import PerpetuaCore
import PerpetuaEngine

/// `Position` of API.md §5.6 (one-way mode: `side` from the sign, `size` absolute).
struct PositionResource: Encodable, Sendable {
    var symbol: String
    var side: String
    var size: String
    var entryPrice: String
    var markPrice: String
    var unrealizedPnl: String
    var realizedPnl: String
    var leverage: Int
    var marginMode: String
    var isolatedMargin: String
    var initialMargin: String
    var maintenanceMargin: String
    @Null var liquidationPrice: String?
    var marginRatio: String
    var updateTime: Int64

    init(_ position: PositionSnapshot, spec: SymbolSpec?) {
        func price(_ value: Price) -> String { spec?.text(value) ?? value.description }
        let magnitude = Quantity(units: abs(position.size.units))
        symbol = position.symbol
        side = position.size.units < 0 ? "SHORT" : "LONG"
        size = spec?.text(magnitude) ?? magnitude.description
        entryPrice = price(position.entryPrice)
        markPrice = price(position.markPrice)
        unrealizedPnl = position.unrealizedPnl.description
        realizedPnl = position.realizedPnl.description
        leverage = position.leverage
        marginMode = position.marginMode.rawValue
        isolatedMargin = position.isolatedMargin.description
        initialMargin = position.initialMargin.description
        maintenanceMargin = position.maintenanceMargin.description
        liquidationPrice = position.liquidationPrice.map(price)
        marginRatio = position.marginRatio.description
        updateTime = position.updateTime
    }
}

/// A closed position (API.md §5.6 `history`).
struct PositionHistoryResource: Encodable, Sendable {
    var symbol: String
    var side: String
    var openTime: Int64
    var closeTime: Int64
    var maxSize: String
    var entryPrice: String
    var closePrice: String
    var realizedPnl: String
    var fees: String
    var funding: String
    var closeType: String

    init(_ record: PositionHistoryRecord, spec: SymbolSpec?) {
        func price(_ value: Price) -> String { spec?.text(value) ?? value.description }
        symbol = record.symbol
        side = record.side == .buy ? "LONG" : "SHORT"
        openTime = record.openTime
        closeTime = record.closeTime
        maxSize = spec?.text(record.maxSize) ?? record.maxSize.description
        entryPrice = price(record.entryPrice)
        closePrice = price(record.closePrice)
        realizedPnl = record.realizedPnl.description
        fees = record.fees.description
        funding = record.funding.description
        closeType = record.closeType.rawValue
    }
}

/// `{symbol, leverage, marginMode, maxNotional}`.
struct PositionSettingsResource: Encodable, Sendable {
    var symbol: String
    var leverage: Int
    var marginMode: String
    var maxNotional: String
}
