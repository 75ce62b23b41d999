import PerpetuaCore

/// What a command did, in the order it happened. Events carry everything the API, the
/// WebSocket streams and the history store need, so that none of them reads engine state
/// to interpret an event.
public enum EngineEvent: Hashable, Sendable {
    /// An order was created or changed (ORDER_UPDATE); carries its last fill, if any.
    case order(OrderSnapshot)
    /// A fill, with both sides' fees and realised PnL.
    case trade(TradeRecord)
    /// A position changed (POSITION_UPDATE).
    case position(PositionSnapshot)
    /// A position went back to zero: one row of position history.
    case positionClosed(PositionHistoryRecord)
    /// A wallet balance changed: one row of the account change log (BALANCE_UPDATE).
    case balance(BalanceChange)
    /// A condition order was created, triggered or ended.
    case condition(ConditionSnapshot)
    /// A strategy changed status.
    case strategy(StrategySnapshot)
    /// A funding settlement of one symbol: one row of funding-rate history.
    case fundingRate(FundingRateRecord)
    /// A symbol's prices after a mark-price tick.
    case markPrice(MarkPriceRecord)
    /// An account's position was taken over by the liquidation engine.
    case liquidation(LiquidationRecord)
    /// An account is close to liquidation (margin ratio at or above 80 %).
    case marginCall(account: UInt64, marginRatio: Rate)
    /// A symbol's aggregated book changed; `sequence` is the book's depth sequence.
    case depth(symbol: String, sequence: UInt64)
    /// A symbol was added or its parameters changed.
    case symbol(SymbolSpec)
    /// The insurance fund or fee income changed.
    case insuranceFund(balance: Amount, feeIncome: Amount)
    /// At the daily rollover, one per account: the day's closing balances and trading.
    case dailyBalance(DailyBalanceRecord)
}

/// An account's balances at the close of a UTC day, and that day's trading.
public struct DailyBalanceRecord: Hashable, Sendable {
    public var account: UInt64
    /// The midnight (UTC, ms) that ended the day.
    public var time: Int64
    public var walletBalance: Amount
    public var marginBalance: Amount
    public var volume: Amount
    public var makerVolume: Amount
    public var fees: Amount

    public init(
        account: UInt64, time: Int64, walletBalance: Amount, marginBalance: Amount, volume: Amount, makerVolume: Amount,
        fees: Amount
    ) {
        self.account = account
        self.time = time
        self.walletBalance = walletBalance
        self.marginBalance = marginBalance
        self.volume = volume
        self.makerVolume = makerVolume
        self.fees = fees
    }
}

/// An order's status (API.md §5.4).
public enum OrderStatus: String, Hashable, Sendable {
    case new = "NEW"
    case partiallyFilled = "PARTIALLY_FILLED"
    case filled = "FILLED"
    case canceled = "CANCELED"
    case rejected = "REJECTED"
    case expired = "EXPIRED"

    /// Whether the order can no longer change.
    public var isFinal: Bool { self == .filled || self == .canceled || self == .rejected || self == .expired }
}

/// Whether a fill made or took liquidity.
public enum LiquidityRole: String, Hashable, Sendable {
    case maker = "MAKER"
    case taker = "TAKER"
}

/// A fill from one side's point of view.
public struct Fill: Hashable, Sendable {
    public var tradeId: UInt64
    public var price: Price
    public var quantity: Quantity
    public var fee: Amount
    public var role: LiquidityRole
    public var realizedPnl: Amount

    public init(tradeId: UInt64, price: Price, quantity: Quantity, fee: Amount, role: LiquidityRole, realizedPnl: Amount) {
        self.tradeId = tradeId
        self.price = price
        self.quantity = quantity
        self.fee = fee
        self.role = role
        self.realizedPnl = realizedPnl
    }
}

/// The full state of an order after a change.
public struct OrderSnapshot: Hashable, Sendable {
    public var orderId: UInt64
    public var account: UInt64
    public var symbol: String
    public var clientOrderId: ClientOrderId?
    public var side: Side
    public var type: OrderType
    public var price: Price?
    public var quantity: Quantity
    public var executedQuantity: Quantity
    /// Σ price × quantity of the fills, exact.
    public var cumulativeQuote: ExactProduct
    public var status: OrderStatus
    public var timeInForce: TimeInForce
    public var reduceOnly: Bool
    public var selfTradePrevention: SelfTradePrevention
    public var source: OrderSource
    public var cancelReason: CancelReason?
    public var conditionOrderId: UInt64?
    public var strategyId: UInt64?
    public var createTime: Int64
    public var updateTime: Int64
    /// The fill that caused this update, if one did.
    public var lastFill: Fill?

    /// The volume-weighted fill price, rounded half away from zero to 10⁻⁸; zero before
    /// any fill.
    public var averagePrice: Price {
        guard executedQuantity.units > 0 else { return .zero }
        return Price(units: Int64(RoundingRule.halfAwayFromZero.divide(cumulativeQuote.units, by: Int128(executedQuantity.units))))
    }

    public init(
        orderId: UInt64, account: UInt64, symbol: String, clientOrderId: ClientOrderId?, side: Side, type: OrderType,
        price: Price?, quantity: Quantity, executedQuantity: Quantity, cumulativeQuote: ExactProduct, status: OrderStatus,
        timeInForce: TimeInForce, reduceOnly: Bool, selfTradePrevention: SelfTradePrevention, source: OrderSource,
        cancelReason: CancelReason?, conditionOrderId: UInt64?, strategyId: UInt64?, createTime: Int64, updateTime: Int64,
        lastFill: Fill?
    ) {
        self.orderId = orderId
        self.account = account
        self.symbol = symbol
        self.clientOrderId = clientOrderId
        self.side = side
        self.type = type
        self.price = price
        self.quantity = quantity
        self.executedQuantity = executedQuantity
        self.cumulativeQuote = cumulativeQuote
        self.status = status
        self.timeInForce = timeInForce
        self.reduceOnly = reduceOnly
        self.selfTradePrevention = selfTradePrevention
        self.source = source
        self.cancelReason = cancelReason
        self.conditionOrderId = conditionOrderId
        self.strategyId = strategyId
        self.createTime = createTime
        self.updateTime = updateTime
        self.lastFill = lastFill
    }
}

/// A fill between two orders.
public struct TradeRecord: Hashable, Sendable {
    public var tradeId: UInt64
    public var symbol: String
    /// On tick for a book trade; for an ADL fill the bankruptcy price to 10⁻⁸, off tick in
    /// general (the fill settles at the exact price: the orders' `cumulativeQuote` is exact).
    public var price: Price
    public var quantity: Quantity
    /// The taker's side, the trade's side in public data.
    public var takerSide: Side
    public var makerOrderId: UInt64
    public var takerOrderId: UInt64
    public var makerAccount: UInt64
    public var takerAccount: UInt64
    public var makerFee: Amount
    public var takerFee: Amount
    public var makerRealizedPnl: Amount
    public var takerRealizedPnl: Amount
    public var time: Int64

    public init(
        tradeId: UInt64, symbol: String, price: Price, quantity: Quantity, takerSide: Side, makerOrderId: UInt64,
        takerOrderId: UInt64, makerAccount: UInt64, takerAccount: UInt64, makerFee: Amount, takerFee: Amount,
        makerRealizedPnl: Amount, takerRealizedPnl: Amount, time: Int64
    ) {
        self.tradeId = tradeId
        self.symbol = symbol
        self.price = price
        self.quantity = quantity
        self.takerSide = takerSide
        self.makerOrderId = makerOrderId
        self.takerOrderId = takerOrderId
        self.makerAccount = makerAccount
        self.takerAccount = takerAccount
        self.makerFee = makerFee
        self.takerFee = takerFee
        self.makerRealizedPnl = makerRealizedPnl
        self.takerRealizedPnl = takerRealizedPnl
        self.time = time
    }
}

/// A position after a change (API.md §5.6 `Position`).
public struct PositionSnapshot: Hashable, Sendable {
    public var account: UInt64
    public var symbol: String
    /// Signed: positive long, negative short, zero flat.
    public var size: Quantity
    public var entryPrice: Price
    public var markPrice: Price
    public var unrealizedPnl: Amount
    public var realizedPnl: Amount
    public var leverage: Int
    public var marginMode: MarginMode
    public var isolatedMargin: Amount
    public var initialMargin: Amount
    public var maintenanceMargin: Amount
    public var liquidationPrice: Price?
    /// Maintenance margin over margin balance.
    public var marginRatio: Rate
    public var updateTime: Int64
}

/// A closed position, for position history.
public struct PositionHistoryRecord: Hashable, Sendable {
    public enum CloseType: String, Hashable, Sendable {
        case close = "CLOSE"
        case liquidation = "LIQUIDATION"
        case adl = "ADL"
    }

    public var account: UInt64
    public var symbol: String
    public var side: Side
    public var openTime: Int64
    public var closeTime: Int64
    public var maxSize: Quantity
    public var entryPrice: Price
    public var closePrice: Price
    public var realizedPnl: Amount
    public var fees: Amount
    public var funding: Amount
    public var closeType: CloseType

    public init(
        account: UInt64, symbol: String, side: Side, openTime: Int64, closeTime: Int64, maxSize: Quantity,
        entryPrice: Price, closePrice: Price, realizedPnl: Amount, fees: Amount, funding: Amount, closeType: CloseType
    ) {
        self.account = account
        self.symbol = symbol
        self.side = side
        self.openTime = openTime
        self.closeTime = closeTime
        self.maxSize = maxSize
        self.entryPrice = entryPrice
        self.closePrice = closePrice
        self.realizedPnl = realizedPnl
        self.fees = fees
        self.funding = funding
        self.closeType = closeType
    }
}

/// The account change log's types (API.md §5.2).
public enum BalanceChangeType: String, Hashable, Sendable, CaseIterable {
    case deposit = "DEPOSIT"
    case withdraw = "WITHDRAW"
    case realizedPnl = "REALIZED_PNL"
    case tradeFee = "TRADE_FEE"
    case fundingFee = "FUNDING_FEE"
    case liquidationFee = "LIQUIDATION_FEE"
    case insuranceClear = "INSURANCE_CLEAR"
    case adl = "ADL"
    case adjustment = "ADJUSTMENT"
}

/// One row of the account change log.
public struct BalanceChange: Hashable, Sendable {
    /// Unique and increasing across the exchange.
    public var id: UInt64
    public var account: UInt64
    public var type: BalanceChangeType
    public var amount: Amount
    public var balanceAfter: Amount
    public var symbol: String?
    /// The trade, order or settlement the change belongs to.
    public var refId: UInt64
    public var time: Int64

    public init(
        id: UInt64, account: UInt64, type: BalanceChangeType, amount: Amount, balanceAfter: Amount, symbol: String?,
        refId: UInt64, time: Int64
    ) {
        self.id = id
        self.account = account
        self.type = type
        self.amount = amount
        self.balanceAfter = balanceAfter
        self.symbol = symbol
        self.refId = refId
        self.time = time
    }
}

/// A condition order's status.
public enum ConditionStatus: String, Hashable, Sendable {
    case untriggered = "UNTRIGGERED"
    case triggered = "TRIGGERED"
    case canceled = "CANCELED"
    case expired = "EXPIRED"
    case rejected = "REJECTED"

    public var isFinal: Bool { self != .untriggered }
}

/// A condition order after a change.
public struct ConditionSnapshot: Hashable, Sendable {
    public var conditionOrderId: UInt64
    public var request: ConditionRequest
    public var status: ConditionStatus
    /// For a trailing stop: the extreme price tracked since activation.
    public var trailingExtreme: Price?
    /// Whether a trailing stop's activation price has been reached.
    public var activated: Bool
    /// The order placed on trigger.
    public var triggeredOrderId: UInt64?
    public var strategyId: UInt64?
    /// Why it was rejected on trigger, if it was.
    public var rejectCode: ErrorCode?
    public var cancelReason: CancelReason?
    public var createTime: Int64
    public var updateTime: Int64

    public init(
        conditionOrderId: UInt64, request: ConditionRequest, status: ConditionStatus, trailingExtreme: Price?,
        activated: Bool, triggeredOrderId: UInt64?, strategyId: UInt64?, rejectCode: ErrorCode?,
        cancelReason: CancelReason?, createTime: Int64, updateTime: Int64
    ) {
        self.conditionOrderId = conditionOrderId
        self.request = request
        self.status = status
        self.trailingExtreme = trailingExtreme
        self.activated = activated
        self.triggeredOrderId = triggeredOrderId
        self.strategyId = strategyId
        self.rejectCode = rejectCode
        self.cancelReason = cancelReason
        self.createTime = createTime
        self.updateTime = updateTime
    }
}

/// A strategy's status.
public enum StrategyStatus: String, Hashable, Sendable {
    case new = "NEW"
    case working = "WORKING"
    case completed = "COMPLETED"
    case canceled = "CANCELED"
}

/// One leg of a live strategy and what it became.
public struct StrategyLegState: Hashable, Sendable {
    public enum Role: String, Hashable, Sendable {
        case working = "WORKING"
        case pending = "PENDING"
        case leg = "LEG"
    }

    public var role: Role
    public var leg: StrategyLeg
    /// The normal order this leg placed, once live.
    public var orderId: UInt64?
    /// The condition order this leg placed, once live.
    public var conditionOrderId: UInt64?
}

/// A strategy after a change.
public struct StrategySnapshot: Hashable, Sendable {
    public var strategyId: UInt64
    public var account: UInt64
    public var type: StrategyType
    public var clientStrategyId: ClientOrderId?
    public var status: StrategyStatus
    public var legs: [StrategyLegState]
    public var createTime: Int64
    public var updateTime: Int64
}

/// One funding settlement.
public struct FundingRateRecord: Hashable, Sendable {
    public var symbol: String
    public var fundingRate: Rate
    public var markPrice: Price
    public var fundingTime: Int64

    public init(symbol: String, fundingRate: Rate, markPrice: Price, fundingTime: Int64) {
        self.symbol = symbol
        self.fundingRate = fundingRate
        self.markPrice = markPrice
        self.fundingTime = fundingTime
    }
}

/// A symbol's prices after a mark tick.
public struct MarkPriceRecord: Hashable, Sendable {
    public var symbol: String
    public var markPrice: Price
    public var indexPrice: Price
    /// The rate the next settlement would pay with the premium sampled so far.
    public var estimatedFundingRate: Rate
    public var nextFundingTime: Int64
    public var time: Int64

    public init(
        symbol: String, markPrice: Price, indexPrice: Price, estimatedFundingRate: Rate, nextFundingTime: Int64, time: Int64
    ) {
        self.symbol = symbol
        self.markPrice = markPrice
        self.indexPrice = indexPrice
        self.estimatedFundingRate = estimatedFundingRate
        self.nextFundingTime = nextFundingTime
        self.time = time
    }
}

/// A liquidation of one position.
public struct LiquidationRecord: Hashable, Sendable {
    public var account: UInt64
    public var symbol: String
    public var side: Side
    public var quantity: Quantity
    /// The price at which the position's margin is exactly zero, to 10⁻⁸ (down for a
    /// short, up for a long), in general off tick: what ADL closes at. The book close's IOC
    /// limit is this price rounded to the tick on the same side.
    public var bankruptcyPrice: Price
    public var markPrice: Price
    /// Closed in the book, against the insurance fund's account of the position.
    public var closedInBook: Quantity
    /// Closed against opposite positions by auto-deleveraging.
    public var closedByAdl: Quantity
    public var liquidationFee: Amount
    /// What the insurance fund paid (negative) or received (positive).
    public var insuranceFundChange: Amount
    public var time: Int64
}
