import PerpetuaCore

/// Everything that can change the exchange's state. Large, rare payloads are `indirect`
/// so that a command stays small to copy through the sequencer and the journal. The sequencer stamps each command
/// with a sequence number and a time (``CommandEnvelope``); the engine reads no clock.
public enum EngineCommand: Hashable, Sendable {
    // Money
    case deposit(account: UInt64, amount: Amount)
    case withdraw(account: UInt64, amount: Amount)

    // Normal orders
    case placeOrder(OrderRequest)
    case cancelOrder(account: UInt64, symbol: String, order: OrderReference)
    case amendOrder(AmendRequest)
    case batchPlace([OrderRequest])
    case batchAmend([AmendRequest])
    case batchCancel(account: UInt64, symbol: String, orders: [OrderReference])
    case cancelAll(account: UInt64, symbol: String?, scope: CancelScope)

    // Condition and strategy orders
    indirect case placeCondition(ConditionRequest)
    case cancelCondition(account: UInt64, symbol: String, conditionOrderId: UInt64)
    indirect case placeStrategy(StrategyRequest)

    // Account settings
    case setLeverage(account: UInt64, symbol: String, leverage: Int)
    case setMarginMode(account: UInt64, symbol: String, mode: MarginMode)

    // Operator
    indirect case addSymbol(SymbolSpec)
    indirect case updateSymbol(SymbolSpec)
    case setIndexPrice(symbol: String, price: Price)
    case depositInsuranceFund(amount: Amount)

    // Timers, issued by the sequencer's clock
    /// Every second: sample the mid-index basis, recompute mark prices, evaluate MARK and
    /// INDEX triggers and trailing stops, and liquidate accounts at or below maintenance.
    case markPriceTick
    /// Every five seconds: sample the premium index from impact bid and ask.
    case premiumSample
    /// At funding times: settle every symbol whose funding time has come, or `symbol` now.
    case settleFunding(symbol: String?)
    /// At 00:00 UTC: close the day's volume, recompute fee tiers, expire old client ids.
    case dailyRollover
}

/// A command with the sequence number and time the sequencer gave it.
public struct CommandEnvelope: Hashable, Sendable {
    public var sequence: UInt64
    /// Milliseconds since the Unix epoch.
    public var timestamp: Int64
    public var command: EngineCommand

    public init(sequence: UInt64, timestamp: Int64, command: EngineCommand) {
        self.sequence = sequence
        self.timestamp = timestamp
        self.command = command
    }
}

/// Which order a cancel or amend means: the engine id or the client's id.
public enum OrderReference: Hashable, Sendable {
    case id(UInt64)
    case client(ClientOrderId)
}

/// Which open orders a cancel-all removes.
public enum CancelScope: String, Hashable, Sendable {
    case normal = "NORMAL"
    case condition = "CONDITION"
    case all = "ALL"
}

/// Cross or isolated margin for a position.
public enum MarginMode: String, Hashable, Sendable {
    case cross = "CROSS"
    case isolated = "ISOLATED"
}

/// Where an order came from (API.md §5.4 `source`).
public enum OrderSource: String, Hashable, Sendable {
    case user = "USER"
    case condition = "CONDITION"
    case strategy = "STRATEGY"
    case liquidation = "LIQUIDATION"
    case adl = "ADL"
}

/// A normal order request, already parsed from the API's strings.
public struct OrderRequest: Hashable, Sendable {
    public var account: UInt64
    public var symbol: String
    public var side: Side
    public var type: OrderType
    public var quantity: Quantity
    /// Required for LIMIT, ignored for MARKET.
    public var price: Price?
    public var timeInForce: TimeInForce
    public var reduceOnly: Bool
    public var clientOrderId: ClientOrderId?
    public var selfTradePrevention: SelfTradePrevention

    public init(
        account: UInt64, symbol: String, side: Side, type: OrderType, quantity: Quantity, price: Price? = nil,
        timeInForce: TimeInForce = .gtc, reduceOnly: Bool = false, clientOrderId: ClientOrderId? = nil,
        selfTradePrevention: SelfTradePrevention = .cancelTaker
    ) {
        self.account = account
        self.symbol = symbol
        self.side = side
        self.type = type
        self.quantity = quantity
        self.price = price
        self.timeInForce = timeInForce
        self.reduceOnly = reduceOnly
        self.clientOrderId = clientOrderId
        self.selfTradePrevention = selfTradePrevention
    }
}

/// An amend (`move`): a new price and/or a new total quantity.
public struct AmendRequest: Hashable, Sendable {
    public var account: UInt64
    public var symbol: String
    public var order: OrderReference
    public var price: Price?
    public var quantity: Quantity?

    public init(account: UInt64, symbol: String, order: OrderReference, price: Price? = nil, quantity: Quantity? = nil) {
        self.account = account
        self.symbol = symbol
        self.order = order
        self.price = price
        self.quantity = quantity
    }
}
