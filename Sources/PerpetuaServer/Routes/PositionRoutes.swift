import PerpetuaCore
import PerpetuaEngine
import PerpetuaJournal
import PerpetuaStore

/// The position endpoints of API.md §5.6 (TRADE): leverage and margin mode go to the
/// engine; positions are live engine state; closed positions come from the store.
extension APIRouter {
    func addPositionRoutes(_ gateway: Gateway) {
        let exchange = gateway.exchange
        let trade = RouteAccess.user(.trade)

        post("/v1/private/position/margin-mode", access: trade) { request in
            let body = try request.decode(MarginModeBody.self)
            let spec = try exchange.symbol(body.symbol)
            let mode: MarginMode = try parseEnum("marginMode", body.marginMode)
            let result = try await exchange.submit(.setMarginMode(account: request.userId, symbol: spec.symbol, mode: mode)).result
            if let error = result.error { throw APIError(error) }
            return try await exchange.positionSettings(account: request.userId, symbol: spec.symbol)
        }

        post("/v1/private/position/leverage", access: trade) { request in
            let body = try request.decode(LeverageBody.self)
            let spec = try exchange.symbol(body.symbol)
            guard (1...10_000).contains(body.leverage) else {
                throw APIError(
                    .leverageOutOfRange, message: "leverage must be between 1 and \(spec.maxLeverage), got \(body.leverage)",
                    data: ["leverage": String(body.leverage), "maxLeverage": String(spec.maxLeverage)])
            }
            let result = try await exchange.submit(.setLeverage(account: request.userId, symbol: spec.symbol, leverage: body.leverage)).result
            if let error = result.error { throw APIError(error) }
            return try await exchange.positionSettings(account: request.userId, symbol: spec.symbol)
        }

        get("/v1/private/position/settings", access: trade) { request in
            let spec = try exchange.symbol(request.requiredQuery("symbol"))
            return try await exchange.positionSettings(account: request.userId, symbol: spec.symbol)
        }

        get("/v1/private/position/positions", access: trade) { request in
            let symbol = try request.query("symbol").map { try exchange.symbol($0).symbol }
            let account = request.userId
            let positions = try await exchange.read { $0.positions(account: account, symbol: symbol) }
            return positions.map { PositionResource($0, spec: exchange.market.spec($0.symbol)) }
        }

        get("/v1/private/position/history", access: trade, weight: 5) { request in
            let symbol = try request.query("symbol").map { try exchange.symbol($0).symbol }
            let page = try request.pageRequest()
            await exchange.waitForProjection()
            let history = try await exchange.store.positionHistory(account: request.userId, symbol: symbol, page: page)
            return PageResource(history) { PositionHistoryResource($0, spec: exchange.market.spec($0.symbol)) }
        }
    }
}

extension Exchange {
    func positionSettings(account: UInt64, symbol: String) async throws -> PositionSettingsResource {
        guard let settings = try await read({ $0.positionSettings(account: account, symbol: symbol) }) else {
            throw SymbolName.notFound(symbol, known: market.allSpecs.map(\.symbol))
        }
        return PositionSettingsResource(
            symbol: symbol, leverage: settings.leverage, marginMode: settings.marginMode.rawValue,
            maxNotional: settings.maxNotional.description)
    }
}

struct MarginModeBody: Decodable, Sendable {
    var symbol: String
    var marginMode: String
}

struct LeverageBody: Decodable, Sendable {
    var symbol: String
    var leverage: Int
}
