/// Public endpoints (API.md §5.1): no credentials are sent.
extension PerpetuaClient {
    /// `GET /v1/version`.
    public func version() async throws(PerpetuaClientError) -> VersionInfo {
        try await call(.get, "/v1/version", auth: .none)
    }

    /// `GET /v1/time`: the server's clock in ms.
    public func serverTime() async throws(PerpetuaClientError) -> Int64 {
        let time: ServerTime = try await call(.get, "/v1/time", auth: .none)
        return time.serverTime
    }

    /// Sets ``clockOffsetMillis`` from `GET /v1/time` (the server time minus the midpoint of
    /// the round trip), so signed timestamps fall inside the receive window. Returns the offset.
    @discardableResult
    public func syncClock() async throws(PerpetuaClientError) -> Int64 {
        let before = WallClock.nowMillis()
        let server = try await serverTime()
        let after = WallClock.nowMillis()
        let offset = server - (before + (after - before) / 2)
        clockOffsetMillis = offset
        return offset
    }

    /// `GET /v1/public/market/symbols`: every symbol, or only `symbol`.
    public func symbols(_ symbol: String? = nil) async throws(PerpetuaClientError) -> [Symbol] {
        var query = QueryString()
        query.append("symbol", symbol)
        return try await call(.get, "/v1/public/market/symbols", query: query, auth: .none)
    }

    /// `GET /v1/public/market/funding-rate`: the funding parameters of every symbol (or one).
    public func fundingRates(symbol: String? = nil) async throws(PerpetuaClientError) -> [FundingRateConfig] {
        var query = QueryString()
        query.append("symbol", symbol)
        return try await call(.get, "/v1/public/market/funding-rate", query: query, auth: .none)
    }

    /// `GET /v1/public/market/funding-rate/current`.
    public func currentFundingRates(
        symbol: String? = nil, page: PageRequest? = nil
    ) async throws(PerpetuaClientError) -> Page<CurrentFundingRate> {
        var query = QueryString()
        query.append("symbol", symbol)
        query.append(page)
        return try await call(.get, "/v1/public/market/funding-rate/current", query: query, auth: .none)
    }

    /// `GET /v1/public/market/funding-rate/history` for `symbol`.
    public func fundingRateHistory(
        symbol: String, page: PageRequest? = nil
    ) async throws(PerpetuaClientError) -> Page<FundingRateRecord> {
        var query = QueryString()
        query.append("symbol", symbol)
        query.append(page)
        return try await call(.get, "/v1/public/market/funding-rate/history", query: query, auth: .none)
    }

    /// `GET /v1/public/market/klines`. `interval`: `1m` … `1M`; `priceType`: `TRADE`
    /// (default), `MARK` or `INDEX`; `limit` ≤ 1500.
    public func klines(
        symbol: String, interval: String, priceType: String? = nil, startTime: Int64? = nil,
        endTime: Int64? = nil, limit: Int? = nil
    ) async throws(PerpetuaClientError) -> [Kline] {
        var query = QueryString()
        query.append("symbol", symbol)
        query.append("interval", interval)
        query.append("priceType", priceType)
        query.append("startTime", startTime)
        query.append("endTime", endTime)
        query.append("limit", limit)
        return try await call(.get, "/v1/public/market/klines", query: query, auth: .none)
    }

    /// `GET /v1/public/leaderboard/pnl`; `period`: `7d`, `30d` or `90d`.
    public func leaderboard(
        period: String? = nil, limit: Int? = nil
    ) async throws(PerpetuaClientError) -> [LeaderboardEntry] {
        var query = QueryString()
        query.append("period", period)
        query.append("limit", limit)
        return try await call(.get, "/v1/public/leaderboard/pnl", query: query, auth: .none)
    }

    /// `GET /v1/public/market/depth`; `limit` 5…1000.
    public func depth(symbol: String, limit: Int? = nil) async throws(PerpetuaClientError) -> Depth {
        var query = QueryString()
        query.append("symbol", symbol)
        query.append("limit", limit)
        return try await call(.get, "/v1/public/market/depth", query: query, auth: .none)
    }

    /// `GET /v1/public/market/trades`: recent public trades, newest first.
    public func recentTrades(symbol: String, limit: Int? = nil) async throws(PerpetuaClientError) -> [PublicTrade] {
        var query = QueryString()
        query.append("symbol", symbol)
        query.append("limit", limit)
        return try await call(.get, "/v1/public/market/trades", query: query, auth: .none)
    }

    /// `GET /v1/public/market/ticker?symbol=`: one symbol's 24 h ticker.
    public func ticker(symbol: String) async throws(PerpetuaClientError) -> Ticker {
        var query = QueryString()
        query.append("symbol", symbol)
        return try await call(.get, "/v1/public/market/ticker", query: query, auth: .none)
    }

    /// `GET /v1/public/market/ticker`: every symbol's 24 h ticker.
    public func tickers() async throws(PerpetuaClientError) -> [Ticker] {
        try await call(.get, "/v1/public/market/ticker", auth: .none)
    }
}
