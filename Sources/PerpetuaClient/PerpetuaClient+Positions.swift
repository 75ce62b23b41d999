/// Position endpoints (API.md §5.6; TRADE permission).
extension PerpetuaClient {
    /// `POST /v1/private/position/margin-mode`; `marginMode`: `CROSS` or `ISOLATED`
    /// (14002 with exposure on the symbol). API.md does not fix the answer's shape.
    @discardableResult
    public func setMarginMode(symbol: String, marginMode: String) async throws(PerpetuaClientError) -> JSONValue {
        let body: JSONValue = ["symbol": .string(symbol), "marginMode": .string(marginMode)]
        return try await call(.post, "/v1/private/position/margin-mode", json: body)
    }

    /// `POST /v1/private/position/leverage` (13008 out of range, 14003 would liquidate).
    /// API.md does not fix the answer's shape.
    @discardableResult
    public func setLeverage(symbol: String, leverage: Int) async throws(PerpetuaClientError) -> JSONValue {
        let body: JSONValue = ["symbol": .string(symbol), "leverage": .number(String(leverage))]
        return try await call(.post, "/v1/private/position/leverage", json: body)
    }

    /// `GET /v1/private/position/settings` for `symbol`.
    public func positionSettings(symbol: String) async throws(PerpetuaClientError) -> PositionSettings {
        var query = QueryString()
        query.append("symbol", symbol)
        return try await call(.get, "/v1/private/position/settings", query: query)
    }

    /// `GET /v1/private/position/positions`: open positions, of one symbol or all.
    public func positions(symbol: String? = nil) async throws(PerpetuaClientError) -> [Position] {
        var query = QueryString()
        query.append("symbol", symbol)
        return try await call(.get, "/v1/private/position/positions", query: query)
    }

    /// `GET /v1/private/position/history`: closed positions, newest first.
    public func positionHistory(
        symbol: String? = nil, page: PageRequest? = nil
    ) async throws(PerpetuaClientError) -> Page<PositionHistory> {
        var query = QueryString()
        query.append("symbol", symbol)
        query.append(page)
        return try await call(.get, "/v1/private/position/history", query: query)
    }
}
