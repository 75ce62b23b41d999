import Foundation

/// Private user endpoints (API.md §5.2; READ permission).
extension PerpetuaClient {
    /// `GET /v1/private/user/info`.
    public func userInfo() async throws(PerpetuaClientError) -> UserInfo {
        try await call(.get, "/v1/private/user/info")
    }

    /// `GET /v1/private/user/asset`.
    public func asset() async throws(PerpetuaClientError) -> Asset {
        try await call(.get, "/v1/private/user/asset")
    }

    /// `POST /v1/private/user/listen-key`: the live key (extended) or a new one.
    public func createListenKey() async throws(PerpetuaClientError) -> ListenKey {
        try await call(.post, "/v1/private/user/listen-key", body: Data("{}".utf8))
    }

    /// `PUT /v1/private/user/listen-key`: extends the key by 60 minutes.
    @discardableResult
    public func keepAliveListenKey() async throws(PerpetuaClientError) -> JSONValue {
        try await call(.put, "/v1/private/user/listen-key", body: Data("{}".utf8))
    }

    /// `DELETE /v1/private/user/listen-key`: closes the key and its connections.
    public func closeListenKey() async throws(PerpetuaClientError) {
        let _: EmptyResponse = try await call(.delete, "/v1/private/user/listen-key")
    }

    /// `GET /v1/private/user/account-change-log`; `type` filters (`DEPOSIT`, `TRADE_FEE`, …).
    public func accountChanges(
        type: String? = nil, symbol: String? = nil, page: PageRequest? = nil
    ) async throws(PerpetuaClientError) -> Page<AccountChange> {
        var query = QueryString()
        query.append("type", type)
        query.append("symbol", symbol)
        query.append(page)
        return try await call(.get, "/v1/private/user/account-change-log", query: query)
    }

    /// `GET /v1/private/user/volume-stats`.
    public func volumeStats() async throws(PerpetuaClientError) -> VolumeStats {
        try await call(.get, "/v1/private/user/volume-stats")
    }

    /// `GET /v1/private/user/balance-history`: daily balances between `startTime` and `endTime`.
    public func balanceHistory(
        startTime: Int64? = nil, endTime: Int64? = nil
    ) async throws(PerpetuaClientError) -> [BalanceHistoryEntry] {
        var query = QueryString()
        query.append("startTime", startTime)
        query.append("endTime", endTime)
        return try await call(.get, "/v1/private/user/balance-history", query: query)
    }

    /// `GET /v1/private/user/trade-overview`; `period`: `7d`, `30d` or `90d`.
    public func tradeOverview(period: String? = nil) async throws(PerpetuaClientError) -> TradeOverview {
        var query = QueryString()
        query.append("period", period)
        return try await call(.get, "/v1/private/user/trade-overview", query: query)
    }

    /// `GET /v1/private/user/asset/overview/summary`.
    public func assetSummary() async throws(PerpetuaClientError) -> AssetSummary {
        try await call(.get, "/v1/private/user/asset/overview/summary")
    }

    /// `GET /v1/private/user/asset/overview/trend`; `period`: `7d`, `30d` or `90d`.
    public func equityTrend(period: String? = nil) async throws(PerpetuaClientError) -> [EquityTrendPoint] {
        var query = QueryString()
        query.append("period", period)
        return try await call(.get, "/v1/private/user/asset/overview/trend", query: query)
    }

    /// `GET /v1/private/user/favorite-symbols`.
    public func favoriteSymbols() async throws(PerpetuaClientError) -> [String] {
        let favorites: FavoriteSymbols = try await call(.get, "/v1/private/user/favorite-symbols")
        return favorites.symbols
    }

    /// `POST /v1/private/user/favorite-symbols`: replaces the list (at most 50, each must exist).
    @discardableResult
    public func setFavoriteSymbols(_ symbols: [String]) async throws(PerpetuaClientError) -> JSONValue {
        try await call(.post, "/v1/private/user/favorite-symbols", json: FavoriteSymbols(symbols: symbols))
    }
}
