/// Order endpoints (API.md §5.4; TRADE permission).
extension PerpetuaClient {
    /// `GET /v1/private/order`: one order, open or closed.
    public func order(symbol: String, _ order: OrderReference) async throws(PerpetuaClientError) -> Order {
        var query = QueryString()
        query.append("symbol", symbol)
        query.append("orderId", order.orderId)
        query.append("clientOrderId", order.clientOrderId)
        return try await call(.get, "/v1/private/order", query: query)
    }

    /// `POST /v1/private/order/place`. A repeated `clientOrderId` throws 13015; its
    /// ``PerpetuaClientError/existingOrder`` is the order placed before.
    public func placeOrder(_ request: OrderRequest) async throws(PerpetuaClientError) -> Order {
        try await call(.post, "/v1/private/order/place", json: request)
    }

    /// `POST /v1/private/order/place-condition`.
    public func placeConditionOrder(
        _ request: ConditionOrderRequest
    ) async throws(PerpetuaClientError) -> ConditionOrder {
        try await call(.post, "/v1/private/order/place-condition", json: request)
    }

    /// `POST /v1/private/order/place-strategy`.
    public func placeStrategy(_ request: StrategyRequest) async throws(PerpetuaClientError) -> Strategy {
        try await call(.post, "/v1/private/order/place-strategy", json: request)
    }

    /// `POST /v1/private/order/batch-place`: at most 20 orders, one result per order in order.
    public func batchPlaceOrders(
        _ orders: [OrderRequest]
    ) async throws(PerpetuaClientError) -> [BatchItemResult<Order>] {
        try await call(.post, "/v1/private/order/batch-place", json: ["orders": orders])
    }

    /// `POST /v1/private/order/cancel`: the cancelled order.
    public func cancelOrder(symbol: String, _ order: OrderReference) async throws(PerpetuaClientError) -> Order {
        let body: JSONValue = .object(Self.orderFields(symbol: symbol, order))
        return try await call(.post, "/v1/private/order/cancel", json: body)
    }

    /// `POST /v1/private/order/move`: amends price and/or quantity; the amended order.
    public func moveOrder(symbol: String, _ amendment: OrderAmendment) async throws(PerpetuaClientError) -> Order {
        var fields: [String: JSONValue] = ["symbol": .string(symbol)]
        if let id = amendment.orderId { fields["orderId"] = .string(id) }
        if let id = amendment.clientOrderId { fields["clientOrderId"] = .string(id) }
        if let price = amendment.price { fields["price"] = .string(price) }
        if let quantity = amendment.quantity { fields["quantity"] = .string(quantity) }
        return try await call(.post, "/v1/private/order/move", json: JSONValue.object(fields))
    }

    /// `POST /v1/private/order/batch-move`: at most 20 amends on one symbol.
    public func batchMoveOrders(
        symbol: String, _ amendments: [OrderAmendment]
    ) async throws(PerpetuaClientError) -> [BatchItemResult<Order>] {
        try await call(.post, "/v1/private/order/batch-move", json: BatchMoveBody(symbol: symbol, orders: amendments))
    }

    /// `POST /v1/private/order/batch-cancel`: at most 20 orders on one symbol.
    public func batchCancelOrders(
        symbol: String, orderIds: [String]? = nil, clientOrderIds: [String]? = nil
    ) async throws(PerpetuaClientError) -> [BatchItemResult<Order>] {
        var fields: [String: JSONValue] = ["symbol": .string(symbol)]
        if let orderIds { fields["orderIds"] = .array(orderIds.map(JSONValue.string)) }
        if let clientOrderIds { fields["clientOrderIds"] = .array(clientOrderIds.map(JSONValue.string)) }
        return try await call(.post, "/v1/private/order/batch-cancel", json: JSONValue.object(fields))
    }

    /// `POST /v1/private/order/batch-cancel-all`: every open order of `scope`, on `symbol`
    /// or on all symbols. API.md does not fix the answer's shape.
    @discardableResult
    public func cancelAllOrders(
        symbol: String? = nil, scope: CancelAllScope = .all
    ) async throws(PerpetuaClientError) -> JSONValue {
        var fields: [String: JSONValue] = ["type": .string(scope.rawValue)]
        if let symbol { fields["symbol"] = .string(symbol) }
        return try await call(.post, "/v1/private/order/batch-cancel-all", json: JSONValue.object(fields))
    }

    /// `POST /v1/private/order/cancel-condition`: the cancelled condition order.
    public func cancelConditionOrder(
        symbol: String, conditionOrderId: String
    ) async throws(PerpetuaClientError) -> ConditionOrder {
        let body: JSONValue = ["symbol": .string(symbol), "conditionOrderId": .string(conditionOrderId)]
        return try await call(.post, "/v1/private/order/cancel-condition", json: body)
    }

    /// `GET /v1/private/order/current`: open orders, of one symbol or all.
    public func openOrders(symbol: String? = nil) async throws(PerpetuaClientError) -> [Order] {
        var query = QueryString()
        query.append("symbol", symbol)
        return try await call(.get, "/v1/private/order/current", query: query)
    }

    /// `GET /v1/private/order/current-condition`: untriggered condition orders.
    public func openConditionOrders(symbol: String? = nil) async throws(PerpetuaClientError) -> [ConditionOrder] {
        var query = QueryString()
        query.append("symbol", symbol)
        return try await call(.get, "/v1/private/order/current-condition", query: query)
    }

    /// `GET /v1/private/order/history`: final orders, newest first.
    public func orderHistory(
        symbol: String? = nil, page: PageRequest? = nil
    ) async throws(PerpetuaClientError) -> Page<Order> {
        var query = QueryString()
        query.append("symbol", symbol)
        query.append(page)
        return try await call(.get, "/v1/private/order/history", query: query)
    }

    /// `GET /v1/private/order/history-condition`: final condition orders, newest first.
    public func conditionOrderHistory(
        symbol: String? = nil, page: PageRequest? = nil
    ) async throws(PerpetuaClientError) -> Page<ConditionOrder> {
        var query = QueryString()
        query.append("symbol", symbol)
        query.append(page)
        return try await call(.get, "/v1/private/order/history-condition", query: query)
    }

    /// `GET /v1/private/order/trades`: the user's own fills, newest first.
    public func fills(
        symbol: String? = nil, orderId: String? = nil, page: PageRequest? = nil
    ) async throws(PerpetuaClientError) -> Page<Fill> {
        var query = QueryString()
        query.append("symbol", symbol)
        query.append("orderId", orderId)
        query.append(page)
        return try await call(.get, "/v1/private/order/trades", query: query)
    }

    /// `GET /v1/private/order/strategy`: a strategy and its legs.
    public func strategy(strategyId: String) async throws(PerpetuaClientError) -> Strategy {
        var query = QueryString()
        query.append("strategyId", strategyId)
        return try await call(.get, "/v1/private/order/strategy", query: query)
    }

    static func orderFields(symbol: String, _ order: OrderReference) -> [String: JSONValue] {
        var fields: [String: JSONValue] = ["symbol": .string(symbol)]
        switch order {
        case .orderId(let id): fields["orderId"] = .string(id)
        case .clientOrderId(let id): fields["clientOrderId"] = .string(id)
        }
        return fields
    }
}

/// The body of `batch-move`.
private struct BatchMoveBody: Encodable {
    var symbol: String
    var orders: [OrderAmendment]
}
