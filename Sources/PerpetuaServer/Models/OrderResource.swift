import PerpetuaCore
import PerpetuaEngine

/// `Order` of API.md §5.4: the request's fields and what became of it.
struct OrderResource: Encodable, Sendable {
    var orderId: String
    @Null var clientOrderId: String?
    var symbol: String
    var side: String
    var type: String
    @Null var price: String?
    var quantity: String
    var timeInForce: String
    var reduceOnly: Bool
    var selfTradePrevention: String
    var status: String
    var executedQty: String
    var avgPrice: String
    var cumQuote: String
    var source: String
    @Null var cancelReason: String?
    @Null var conditionOrderId: String?
    @Null var strategyId: String?
    var createTime: Int64
    var updateTime: Int64

    init(_ order: OrderSnapshot, spec: SymbolSpec?) {
        func price(_ value: Price) -> String { spec?.text(value) ?? value.description }
        func quantity(_ value: Quantity) -> String { spec?.text(value) ?? value.description }
        orderId = String(order.orderId)
        clientOrderId = order.clientOrderId?.description
        symbol = order.symbol
        side = order.side.rawValue
        type = order.type.rawValue
        self.price = order.type == .limit ? order.price.map(price) : nil
        self.quantity = quantity(order.quantity)
        timeInForce = order.timeInForce.rawValue
        reduceOnly = order.reduceOnly
        selfTradePrevention = order.selfTradePrevention.rawValue
        status = order.status.rawValue
        executedQty = quantity(order.executedQuantity)
        avgPrice = order.executedQuantity.units > 0 ? price(order.averagePrice) : "0"
        cumQuote = Amount.display(exact: order.cumulativeQuote.units).description
        source = order.source.rawValue
        cancelReason = order.cancelReason?.name
        conditionOrderId = order.conditionOrderId.map(String.init)
        strategyId = order.strategyId.map(String.init)
        createTime = order.createTime
        updateTime = order.updateTime
    }
}

/// `ConditionOrder` of API.md §5.4.
struct ConditionOrderResource: Encodable, Sendable {
    var conditionOrderId: String
    @Null var clientOrderId: String?
    var symbol: String
    var side: String
    var type: String
    @Null var triggerPrice: String?
    var triggerPriceType: String
    @Null var price: String?
    @Null var quantity: String?
    var closePosition: Bool
    var reduceOnly: Bool
    @Null var callbackRate: String?
    @Null var activationPrice: String?
    var timeInForce: String
    var selfTradePrevention: String
    var status: String
    @Null var triggeredOrderId: String?
    @Null var strategyId: String?
    @Null var rejectCode: Int?
    @Null var cancelReason: String?
    var createTime: Int64
    var updateTime: Int64

    init(_ condition: ConditionSnapshot, spec: SymbolSpec?) {
        let request = condition.request
        func price(_ value: Price) -> String { spec?.text(value) ?? value.description }
        conditionOrderId = String(condition.conditionOrderId)
        clientOrderId = request.clientOrderId?.description
        symbol = request.symbol
        side = request.side.rawValue
        type = request.type.rawValue
        triggerPrice = request.triggerPrice.map(price)
        triggerPriceType = request.triggerPriceType.rawValue
        self.price = request.price.map(price)
        quantity = request.quantity.map { spec?.text($0) ?? $0.description }
        closePosition = request.closePosition
        reduceOnly = request.reduceOnly
        callbackRate = request.callbackRate?.description
        activationPrice = request.activationPrice.map(price)
        timeInForce = request.timeInForce.rawValue
        selfTradePrevention = request.selfTradePrevention.rawValue
        status = condition.status.rawValue
        triggeredOrderId = condition.triggeredOrderId.map(String.init)
        strategyId = condition.strategyId.map(String.init)
        rejectCode = condition.rejectCode?.rawValue
        cancelReason = condition.cancelReason?.name
        createTime = condition.createTime
        updateTime = condition.updateTime
    }
}

/// `Strategy` of API.md §5.4 with its legs.
struct StrategyResource: Encodable, Sendable {
    var strategyId: String
    @Null var clientStrategyId: String?
    var type: String
    var status: String
    var legs: [Leg]
    var createTime: Int64
    var updateTime: Int64

    struct Leg: Encodable, Sendable {
        var role: String
        var kind: String
        var symbol: String
        var side: String
        var type: String
        @Null var orderId: String?
        @Null var conditionOrderId: String?
    }

    init(_ strategy: StrategySnapshot) {
        strategyId = String(strategy.strategyId)
        clientStrategyId = strategy.clientStrategyId?.description
        type = strategy.type.rawValue
        status = strategy.status.rawValue
        legs = strategy.legs.map { state in
            switch state.leg {
            case .order(let order):
                Leg(
                    role: state.role.rawValue, kind: "ORDER", symbol: order.symbol, side: order.side.rawValue, type: order.type.rawValue,
                    orderId: state.orderId.map(String.init), conditionOrderId: state.conditionOrderId.map(String.init))
            case .condition(let condition):
                Leg(
                    role: state.role.rawValue, kind: "CONDITION", symbol: condition.symbol, side: condition.side.rawValue,
                    type: condition.type.rawValue, orderId: state.orderId.map(String.init),
                    conditionOrderId: state.conditionOrderId.map(String.init))
            }
        }
        createTime = strategy.createTime
        updateTime = strategy.updateTime
    }
}

/// One batch item's outcome: `{code, msg, data}` (API.md §3).
struct BatchItemResource<Data: Encodable & Sendable>: Encodable, Sendable {
    var code: Int
    var msg: String
    @Null var data: Data?
}
