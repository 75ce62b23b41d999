import PerpetuaCore
import PerpetuaEngine
import PerpetuaJournal
import PerpetuaStore

/// The order endpoints of API.md §5.4 (JWT or API key with TRADE). Changes go to the
/// engine as one command each; open orders are read from the engine, final ones from the
/// store.
extension APIRouter {
    static let maxBatch = 20

    func addOrderRoutes(_ gateway: Gateway) {
        let exchange = gateway.exchange
        let trade = RouteAccess.user(.trade)

        post("/v1/private/order/place", access: trade) { request in
            let order = try Self.decodeOrder(PlaceOrderBody.self, request, exchange).parse(account: request.userId, exchange: exchange)
            try request.consumeOrders(1)
            let committed = try await exchange.submit(.placeOrder(order))
            return try await exchange.orderOutcome(committed.result, account: request.userId, symbol: order.symbol)
        }

        post("/v1/private/order/place-condition", access: trade) { request in
            let condition = try Self.decodeOrder(PlaceConditionBody.self, request, exchange).parse(account: request.userId, exchange: exchange)
            try request.consumeOrders(1)
            let result = try await exchange.submit(.placeCondition(condition)).result
            if let error = result.error { throw try await exchange.apiError(error, account: request.userId, symbol: condition.symbol) }
            return try exchange.conditionResource(result, id: result.conditionOrderId)
        }

        post("/v1/private/order/place-strategy", access: trade) { request in
            let strategy = try request.decode(PlaceStrategyBody.self).parse(account: request.userId, exchange: exchange)
            try request.consumeOrders((strategy.working == nil ? 0 : 1) + (strategy.pending == nil ? 0 : 1) + strategy.legs.count)
            let result = try await exchange.submit(.placeStrategy(strategy)).result
            if let error = result.error {
                // A duplicate clientStrategyId is looked up by the strategy's id alone.
                throw try await exchange.apiError(error, account: request.userId, symbol: "")
            }
            let snapshot = result.events.reversed().lazy.compactMap { event -> StrategySnapshot? in
                if case .strategy(let s) = event, s.strategyId == result.strategyId { return s }
                return nil
            }.first
            guard let snapshot else { throw APIError(.internalError, message: "the strategy was placed but not reported") }
            return StrategyResource(snapshot)
        }

        post("/v1/private/order/batch-place", access: trade) { request in
            let body = try request.decode(BatchPlaceBody.self)
            guard body.orders.count <= Self.maxBatch else { throw Self.batchTooLarge(body.orders.count) }
            guard !body.orders.isEmpty else { throw APIError.invalid("orders", "must hold 1 to 20 orders") }
            let parsed = try body.orders.enumerated().map { index, item in
                try Self.parseItem(item, prefix: "orders[\(index)]") { try $0.parse(account: request.userId, exchange: exchange) }
            }
            let valid = parsed.compactMap { try? $0.get() }
            try request.consumeOrders(valid.count)
            let result = valid.isEmpty ? EngineResult() : try await exchange.submit(.batchPlace(valid)).result
            if let error = result.error { throw APIError(error) }
            return try await Self.batchResults(parsed, result.items) { order, item in
                try await exchange.batchItem(item, events: result.events, account: request.userId, symbol: order.symbol)
            }
        }

        post("/v1/private/order/cancel", access: trade) { request in
            let body = try request.decode(OrderReferenceBody.self)
            let spec = try exchange.symbol(body.symbol)
            let reference = try body.reference()
            let result = try await exchange.submit(.cancelOrder(account: request.userId, symbol: spec.symbol, order: reference)).result
            return try await exchange.orderOutcome(result, account: request.userId, symbol: spec.symbol)
        }

        post("/v1/private/order/move", access: trade) { request in
            let body = try request.decode(MoveOrderBody.self)
            guard let symbol = body.symbol else { throw APIError.invalid("symbol", "is required") }
            let spec = try exchange.symbol(symbol)
            let amend = try body.parse(account: request.userId, symbol: spec.symbol)
            try request.consumeOrders(1)
            let result = try await exchange.submit(.amendOrder(amend)).result
            return try await exchange.orderOutcome(result, account: request.userId, symbol: spec.symbol)
        }

        post("/v1/private/order/batch-move", access: trade) { request in
            let body = try request.decode(BatchMoveBody.self)
            let spec = try exchange.symbol(body.symbol)
            guard body.orders.count <= Self.maxBatch else { throw Self.batchTooLarge(body.orders.count) }
            guard !body.orders.isEmpty else { throw APIError.invalid("orders", "must hold 1 to 20 amendments") }
            let parsed = try body.orders.enumerated().map { index, item in
                try Self.parseItem(item, prefix: "orders[\(index)]") { try $0.parse(account: request.userId, symbol: spec.symbol) }
            }
            let valid = parsed.compactMap { try? $0.get() }
            try request.consumeOrders(valid.count)
            let result = valid.isEmpty ? EngineResult() : try await exchange.submit(.batchAmend(valid)).result
            if let error = result.error { throw APIError(error) }
            return try await Self.batchResults(parsed, result.items) { _, item in
                try await exchange.batchItem(item, events: result.events, account: request.userId, symbol: spec.symbol)
            }
        }

        post("/v1/private/order/batch-cancel", access: trade) { request in
            let body = try request.decode(BatchCancelBody.self)
            let spec = try exchange.symbol(body.symbol)
            var references = try (body.orderIds ?? []).map { item in try Self.parseItem(item, prefix: nil) { OrderReference.id($0.value) } }
            for (index, item) in (body.clientOrderIds ?? []).enumerated() {
                references.append(try Self.parseItem(item, prefix: nil) { .client(try parseClientOrderId("clientOrderIds[\(index)]", $0)!) })
            }
            guard references.count <= Self.maxBatch else { throw Self.batchTooLarge(references.count) }
            guard !references.isEmpty else { throw APIError.invalid("orderIds", "send 1 to 20 orderIds and/or clientOrderIds") }
            let valid = references.compactMap { try? $0.get() }
            let result = valid.isEmpty
                ? EngineResult() : try await exchange.submit(.batchCancel(account: request.userId, symbol: spec.symbol, orders: valid)).result
            if let error = result.error { throw APIError(error) }
            return try await Self.batchResults(references, result.items) { _, item in
                try await exchange.batchItem(item, events: result.events, account: request.userId, symbol: spec.symbol)
            }
        }

        post("/v1/private/order/batch-cancel-all", access: trade) { request in
            let body = try request.decode(CancelAllBody.self)
            let symbol = try body.symbol.map { try exchange.symbol($0).symbol }
            let scope: CancelScope = try parseEnum("type", body.type, default: .all)
            let result = try await exchange.submit(.cancelAll(account: request.userId, symbol: symbol, scope: scope)).result
            if let error = result.error { throw APIError(error) }
            var orders = Set<UInt64>()
            var conditions = Set<UInt64>()
            for event in result.events {
                if case .order(let order) = event, order.status == .canceled { orders.insert(order.orderId) }
                if case .condition(let condition) = event, condition.status == .canceled { conditions.insert(condition.conditionOrderId) }
            }
            return CancelAllResource(canceledOrders: orders.count, canceledConditionOrders: conditions.count)
        }

        post("/v1/private/order/cancel-condition", access: trade) { request in
            let body = try request.decode(CancelConditionBody.self)
            let spec = try exchange.symbol(body.symbol)
            let result = try await exchange.submit(
                .cancelCondition(account: request.userId, symbol: spec.symbol, conditionOrderId: body.conditionOrderId.value)).result
            if let error = result.error {
                // The engine holds live condition orders only: one it does not know may have
                // ended already, which is 13014 with its final state, not 13013.
                if error.code == .orderNotFound,
                   let final = try await exchange.findCondition(account: request.userId, conditionOrderId: body.conditionOrderId.value),
                   final.request.symbol == spec.symbol {
                    throw APIError(
                        .orderAlreadyFinal, message: "condition order \(final.conditionOrderId) is already \(final.status.rawValue)",
                        data: ConditionOrderResource(final, spec: spec))
                }
                throw APIError(error)
            }
            return try exchange.conditionResource(result, id: body.conditionOrderId.value)
        }

        get("/v1/private/order", access: trade) { request in
            let spec = try exchange.symbol(request.requiredQuery("symbol"))
            let reference: OrderReference
            switch (request.query("orderId"), request.query("clientOrderId")) {
            case (let id?, nil):
                guard let value = UInt64(id) else { throw APIError.invalid("orderId", "must be a decimal id, got \"\(id)\"") }
                reference = .id(value)
            case (nil, let client?): reference = .client(try parseClientOrderId("clientOrderId", client)!)
            case (.some, .some): throw APIError.invalid("orderId", "send either orderId or clientOrderId, not both")
            case (nil, nil): throw APIError.invalid("orderId", "orderId or clientOrderId is required")
            }
            guard let order = try await exchange.findOrder(account: request.userId, symbol: spec.symbol, reference: reference) else {
                throw APIError(.orderNotFound, message: "no order \(reference.text) on \(spec.symbol) for this account")
            }
            return OrderResource(order, spec: spec)
        }

        get("/v1/private/order/current", access: trade) { request in
            let symbol = try request.query("symbol").map { try exchange.symbol($0).symbol }
            let account = request.userId
            let orders = try await exchange.read { $0.openOrders(account: account, symbol: symbol) }
            return orders.map { OrderResource($0, spec: exchange.market.spec($0.symbol)) }
        }

        get("/v1/private/order/current-condition", access: trade) { request in
            let symbol = try request.query("symbol").map { try exchange.symbol($0).symbol }
            let account = request.userId
            let conditions = try await exchange.read { $0.conditionOrders(account: account, symbol: symbol) }
            return conditions.map { ConditionOrderResource($0, spec: exchange.market.spec($0.request.symbol)) }
        }

        get("/v1/private/order/history", access: trade, weight: 5) { request in
            let symbol = try request.query("symbol").map { try exchange.symbol($0).symbol }
            let page = try request.pageRequest()
            await exchange.waitForProjection()
            let orders = try await exchange.store.orders(account: request.userId, symbol: symbol, page: page)
            return PageResource(orders) { OrderResource($0, spec: exchange.market.spec($0.symbol)) }
        }

        get("/v1/private/order/history-condition", access: trade, weight: 5) { request in
            let symbol = try request.query("symbol").map { try exchange.symbol($0).symbol }
            let page = try request.pageRequest()
            await exchange.waitForProjection()
            let conditions = try await exchange.store.conditionHistory(account: request.userId, symbol: symbol, page: page)
            return PageResource(conditions) { ConditionOrderResource($0, spec: exchange.market.spec($0.request.symbol)) }
        }

        get("/v1/private/order/trades", access: trade, weight: 5) { request in
            let symbol = try request.query("symbol").map { try exchange.symbol($0).symbol }
            let page = try request.pageRequest()
            await exchange.waitForProjection()
            let fills = try await exchange.store.fills(account: request.userId, symbol: symbol, page: page)
            return PageResource(fills) { FillResource($0, spec: exchange.market.spec($0.symbol)) }
        }

        get("/v1/private/order/strategy", access: trade) { request in
            let text = try request.requiredQuery("strategyId")
            guard let id = UInt64(text) else { throw APIError.invalid("strategyId", "must be a decimal id, got \"\(text)\"") }
            let account = request.userId
            if let live = try await exchange.read({ $0.strategy(account: account, strategyId: id) }) {
                return StrategyResource(live)
            }
            await exchange.waitForProjection()
            guard let stored = try await exchange.store.strategy(account: account, strategyId: id) else {
                throw APIError(.orderNotFound, message: "no strategy \(id) for this account")
            }
            return StrategyResource(stored)
        }
    }

    /// Decodes a new order's body. One that does not decode (a field missing or of the wrong
    /// type) answers for its symbol first when that is unknown (12002) or suspended
    /// (13017): API.md §5.5 checks the symbol and its status before the parameters. Only a
    /// failed decode reads the body twice.
    static func decodeOrder<Body: Decodable>(_ type: Body.Type, _ request: APIRequest, _ exchange: Exchange) throws -> Body {
        do {
            return try request.decode(Body.self)
        } catch {
            if let symbol = (try? request.decode(SymbolProbe.self))?.symbol {
                _ = try exchange.tradingSymbol(symbol)
            }
            throw error
        }
    }

    private struct SymbolProbe: Decodable {
        var symbol: String?
    }

    static func batchTooLarge(_ count: Int) -> APIError {
        APIError(.batchTooLarge, message: "a batch holds at most 20 items, got \(count)", data: ["count": String(count), "max": "20"])
    }

    /// One batch item checked: what goes to the engine, or the item's own error. A decoding
    /// error already names the item's path; a check after decoding names the bare field, so
    /// it gets the item's `prefix` (`orders[3].price`), and the two read alike.
    static func parseItem<Item, Parsed>(
        _ item: BatchItemBody<Item>, prefix: String?, _ parse: (Item) throws -> Parsed
    ) throws -> Result<Parsed, APIError> {
        switch item.item {
        case .failure(let error):
            return .failure(error)
        case .success(let body):
            do {
                return .success(try parse(body))
            } catch let error as APIError {
                return .failure(prefix.map { PlaceStrategyBody.prefixed(error, $0) } ?? error)
            } catch let error as PerpetuaError {
                return .failure(APIError(error))
            }
        }
    }

    /// The batch's results in request order: each failed item's error in its place, and the
    /// engine's answer for the others, which it gives in the order they were sent.
    static func batchResults<Parsed>(
        _ parsed: [Result<Parsed, APIError>], _ answers: [EngineItemResult],
        _ answer: (Parsed, EngineItemResult) async throws -> BatchItemResource<AnyEncodableSendable>
    ) async throws -> [BatchItemResource<AnyEncodableSendable>] {
        var answers = answers.makeIterator()
        var out: [BatchItemResource<AnyEncodableSendable>] = []
        for entry in parsed {
            switch entry {
            case .failure(let error):
                out.append(.failure(error))
            case .success(let request):
                guard let item = answers.next() else {
                    out.append(.failure(APIError(.internalError, message: "the item was accepted but not reported")))
                    continue
                }
                out.append(try await answer(request, item))
            }
        }
        return out
    }
}

extension OrderReference {
    var text: String {
        switch self {
        case .id(let id): "orderId \(id)"
        case .client(let client): "clientOrderId \(client)"
        }
    }
}

extension Exchange {
    /// The order a place, cancel or amend produced, or its error (13015 with the existing
    /// order as `data`).
    func orderOutcome(_ result: EngineResult, account: UInt64, symbol: String) async throws -> OrderResource {
        if let error = result.error { throw try await apiError(error, account: account, symbol: symbol) }
        guard let order = Self.lastOrderEvent(result.events, orderId: result.orderId) else {
            throw APIError(.internalError, message: "the order was accepted but not reported")
        }
        return OrderResource(order, spec: market.spec(order.symbol))
    }

    static func lastOrderEvent(_ events: [EngineEvent], orderId: UInt64?) -> OrderSnapshot? {
        guard let orderId else { return nil }
        for event in events.reversed() {
            if case .order(let order) = event, order.orderId == orderId { return order }
        }
        return nil
    }

    /// The API error for an engine error; a duplicate client id carries the existing order.
    /// The API form of an engine error, with the order it is about in `data` where API.md
    /// asks for it: the existing order on 13015 (so a client retrying after a timeout learns
    /// the outcome), and the final order, with its real status, on 13014. The engine keeps
    /// only ids of closed orders; their states come from the history.
    func apiError(_ error: PerpetuaError, account: UInt64, symbol: String) async throws -> APIError {
        switch error.code {
        case .duplicateClientOrderId:
            // clientOrderId is unique per user across symbols: the order that holds it may
            // be on another symbol than the one the request named, and a retrying client
            // learns the outcome only if it is in `data` all the same.
            if let id = error.details["orderId"].flatMap(UInt64.init),
               let order = try await findOrder(account: account, symbol: nil, reference: .id(id)) {
                return APIError(error.code, message: error.message, data: OrderResource(order, spec: market.spec(order.symbol)))
            }
            if let id = error.details["conditionOrderId"].flatMap(UInt64.init),
               let condition = try await findCondition(account: account, conditionOrderId: id) {
                return APIError(error.code, message: error.message, data: ConditionOrderResource(condition, spec: market.spec(condition.request.symbol)))
            }
            if let id = error.details["strategyId"].flatMap(UInt64.init),
               let strategy = try await read({ $0.strategy(account: account, strategyId: id) }) {
                return APIError(
                    error.code, message: "clientStrategyId \(error.details["clientOrderId"] ?? "") is already used; the existing strategy is in data",
                    data: StrategyResource(strategy))
            }
        case .orderAlreadyFinal:
            if let id = error.details["orderId"].flatMap(UInt64.init),
               let order = try await findOrder(account: account, symbol: symbol, reference: .id(id)) {
                return APIError(error.code, message: "order \(id) is already \(order.status.rawValue)",
                                data: OrderResource(order, spec: market.spec(order.symbol)))
            }
        default:
            break
        }
        return APIError(error)
    }

    /// A live condition order from the engine, else a final one from the store.
    func findCondition(account: UInt64, conditionOrderId id: UInt64) async throws -> ConditionSnapshot? {
        if let live = try await read({ engine in engine.conditionOrders(account: account).first { $0.conditionOrderId == id } }) {
            return live
        }
        await waitForProjection()
        return try await store.conditionOrder(account: account, conditionOrderId: id)
    }

    /// An open order from the engine, else a final one from the store; on `symbol` only,
    /// unless it is nil (an order id then names the order on any symbol).
    func findOrder(account: UInt64, symbol: String?, reference: OrderReference) async throws -> OrderSnapshot? {
        if let open = try await read({ $0.openOrder(account: account, reference: reference) }), symbol == nil || open.symbol == symbol {
            return open
        }
        await waitForProjection()
        switch reference {
        case .id(let id):
            guard let order = try await store.order(account: account, orderId: id), symbol == nil || order.symbol == symbol else { return nil }
            return order
        case .client(let client):
            guard let symbol else { return nil }
            return try await store.order(account: account, symbol: symbol, clientOrderId: client.description)
        }
    }

    func conditionResource(_ result: EngineResult, id: UInt64?) throws -> ConditionOrderResource {
        for event in result.events.reversed() {
            if case .condition(let condition) = event, condition.conditionOrderId == id {
                return ConditionOrderResource(condition, spec: market.spec(condition.request.symbol))
            }
        }
        throw APIError(.internalError, message: "the condition order was accepted but not reported")
    }

    /// One batch item: the order, or the error.
    func batchItem(_ item: EngineItemResult, events: [EngineEvent], account: UInt64, symbol: String) async throws -> BatchItemResource<AnyEncodableSendable> {
        if let error = item.error {
            return .failure(try await apiError(error, account: account, symbol: symbol))
        }
        guard let order = Self.lastOrderEvent(events, orderId: item.orderId) else {
            return .failure(APIError(.internalError, message: "the order was accepted but not reported"))
        }
        return BatchItemResource(code: 0, msg: "OK", data: AnyEncodableSendable(OrderResource(order, spec: market.spec(order.symbol))))
    }
}

extension BatchItemResource where Data == AnyEncodableSendable {
    static func failure(_ error: APIError) -> Self {
        BatchItemResource(code: error.code.rawValue, msg: error.message, data: error.data.map(AnyEncodableSendable.init))
    }
}

/// An encodable value of any type that can cross tasks (batch items hold orders or error details).
struct AnyEncodableSendable: Encodable, Sendable {
    let value: any Encodable & Sendable

    init(_ value: any Encodable & Sendable) { self.value = value }

    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}

struct BatchPlaceBody: Decodable, Sendable { var orders: [BatchItemBody<PlaceOrderBody>] }
struct BatchMoveBody: Decodable, Sendable {
    var symbol: String
    var orders: [BatchItemBody<MoveOrderBody>]
}
struct BatchCancelBody: Decodable, Sendable {
    var symbol: String
    var orderIds: [BatchItemBody<IdField>]?
    var clientOrderIds: [BatchItemBody<String>]?
}
struct CancelAllBody: Decodable, Sendable {
    var symbol: String?
    var type: String?
}
struct CancelConditionBody: Decodable, Sendable {
    var symbol: String
    var conditionOrderId: IdField
}
struct CancelAllResource: Encodable, Sendable {
    var canceledOrders: Int
    var canceledConditionOrders: Int
}

/// One own fill (API.md §5.4 `trades`).
struct FillResource: Encodable, Sendable {
    var tradeId: String
    var orderId: String
    var symbol: String
    var side: String
    var price: String
    var qty: String
    var quoteQty: String
    var fee: String
    var feeAsset: String
    var role: String
    var realizedPnl: String
    var time: Int64

    init(_ fill: FillRecord, spec: SymbolSpec?) {
        tradeId = String(fill.tradeId)
        orderId = String(fill.orderId)
        symbol = fill.symbol
        side = fill.side.rawValue
        price = spec?.text(fill.price) ?? fill.price.description
        qty = spec?.text(fill.quantity) ?? fill.quantity.description
        quoteQty = Amount.display(exact: fill.quoteQuantity.units).description
        fee = fill.fee.description
        feeAsset = fill.feeAsset
        role = fill.role.rawValue
        realizedPnl = fill.realizedPnl.description
        time = fill.time
    }
}
