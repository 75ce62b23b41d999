import PerpetuaCore

/// The condition order types of API.md §5.4.
public enum ConditionType: String, Hashable, Sendable, CaseIterable {
    case stopMarket = "STOP_MARKET"
    case stopLimit = "STOP_LIMIT"
    case takeProfitMarket = "TAKE_PROFIT_MARKET"
    case takeProfitLimit = "TAKE_PROFIT_LIMIT"
    case trailingStopMarket = "TRAILING_STOP_MARKET"

    /// Whether the triggered order is a LIMIT order at the request's `price`.
    public var placesLimitOrder: Bool { self == .stopLimit || self == .takeProfitLimit }
    /// Whether the trigger fires when the price moves against a position on this side:
    /// a stop BUY fires on a rise to the trigger, a stop SELL on a fall.
    public var isStop: Bool { self == .stopMarket || self == .stopLimit }
}

/// Which price a condition order watches.
public enum TriggerPriceType: String, Hashable, Sendable, CaseIterable {
    case last = "LAST"
    case mark = "MARK"
    case index = "INDEX"
}

/// A condition order request, parsed.
public struct ConditionRequest: Hashable, Sendable {
    public var account: UInt64
    public var symbol: String
    public var side: Side
    public var type: ConditionType
    /// Required except for a trailing stop, which may use `activationPrice` or none.
    public var triggerPrice: Price?
    public var triggerPriceType: TriggerPriceType
    /// The limit price of STOP_LIMIT and TAKE_PROFIT_LIMIT.
    public var price: Price?
    /// Required unless `closePosition`.
    public var quantity: Quantity?
    /// Close whatever position exists when triggered (implies reduce-only).
    public var closePosition: Bool
    public var reduceOnly: Bool
    public var clientOrderId: ClientOrderId?
    /// Trailing stops: the retracement from the extreme that triggers, 0.001 to 0.1.
    public var callbackRate: Rate?
    /// Trailing stops: tracking starts once the price reaches this (immediately if nil).
    public var activationPrice: Price?
    public var timeInForce: TimeInForce
    public var selfTradePrevention: SelfTradePrevention

    public init(
        account: UInt64, symbol: String, side: Side, type: ConditionType, triggerPrice: Price? = nil,
        triggerPriceType: TriggerPriceType = .last, price: Price? = nil, quantity: Quantity? = nil,
        closePosition: Bool = false, reduceOnly: Bool = false, clientOrderId: ClientOrderId? = nil,
        callbackRate: Rate? = nil, activationPrice: Price? = nil, timeInForce: TimeInForce = .gtc,
        selfTradePrevention: SelfTradePrevention = .cancelTaker
    ) {
        self.account = account
        self.symbol = symbol
        self.side = side
        self.type = type
        self.triggerPrice = triggerPrice
        self.triggerPriceType = triggerPriceType
        self.price = price
        self.quantity = quantity
        self.closePosition = closePosition
        self.reduceOnly = reduceOnly
        self.clientOrderId = clientOrderId
        self.callbackRate = callbackRate
        self.activationPrice = activationPrice
        self.timeInForce = timeInForce
        self.selfTradePrevention = selfTradePrevention
    }
}

/// OTO, OCO and OTOCO (API.md §5.4).
public enum StrategyType: String, Hashable, Sendable {
    /// `working`, then `pending` once `working` has filled completely.
    case oto = "OTO"
    /// Two `legs`; when one triggers or starts filling, the other is cancelled.
    case oco = "OCO"
    /// `working`, then the two `legs` as an OCO pair once `working` has filled.
    case otoco = "OTOCO"
}

/// One leg of a strategy: a normal order or a condition order.
public enum StrategyLeg: Hashable, Sendable {
    case order(OrderRequest)
    case condition(ConditionRequest)

    var symbol: String {
        switch self {
        case .order(let r): r.symbol
        case .condition(let r): r.symbol
        }
    }
}

/// A strategy request, parsed.
public struct StrategyRequest: Hashable, Sendable {
    public var account: UInt64
    public var type: StrategyType
    public var clientStrategyId: ClientOrderId?
    public var working: StrategyLeg?
    public var pending: StrategyLeg?
    public var legs: [StrategyLeg]

    public init(
        account: UInt64, type: StrategyType, clientStrategyId: ClientOrderId? = nil,
        working: StrategyLeg? = nil, pending: StrategyLeg? = nil, legs: [StrategyLeg] = []
    ) {
        self.account = account
        self.type = type
        self.clientStrategyId = clientStrategyId
        self.working = working
        self.pending = pending
        self.legs = legs
    }
}
