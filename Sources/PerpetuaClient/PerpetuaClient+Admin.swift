/// Operator endpoints (API.md §8): make the client with `.bearer(adminToken)`, the
/// server's `PERPETUA_ADMIN_TOKEN`.
extension PerpetuaClient {
    /// `POST /v1/admin/users`: the new user's id.
    public func adminCreateUser(_ request: CreateUserRequest) async throws(PerpetuaClientError) -> String {
        let created: CreatedUser = try await call(.post, "/v1/admin/users", json: request)
        return created.userId
    }

    /// `GET /v1/admin/users`.
    public func adminUsers(page: PageRequest? = nil) async throws(PerpetuaClientError) -> Page<AdminUser> {
        var query = QueryString()
        query.append(page)
        return try await call(.get, "/v1/admin/users", query: query)
    }

    /// `POST /v1/admin/deposit`: the wallet balance afterwards.
    public func adminDeposit(
        userId: String, amount: String, asset: String = "USDT"
    ) async throws(PerpetuaClientError) -> String {
        let result: WalletBalance = try await call(
            .post, "/v1/admin/deposit", json: BalanceChangeRequest(userId: userId, asset: asset, amount: amount))
        return result.balance
    }

    /// `POST /v1/admin/withdraw`: the wallet balance afterwards (13001 if not available).
    public func adminWithdraw(
        userId: String, amount: String, asset: String = "USDT"
    ) async throws(PerpetuaClientError) -> String {
        let result: WalletBalance = try await call(
            .post, "/v1/admin/withdraw", json: BalanceChangeRequest(userId: userId, asset: asset, amount: amount))
        return result.balance
    }

    /// `POST /v1/admin/symbols`: creates a symbol.
    public func adminCreateSymbol(_ symbol: Symbol) async throws(PerpetuaClientError) -> Symbol {
        try await call(.post, "/v1/admin/symbols", json: symbol)
    }

    /// `PUT /v1/admin/symbols`: changes the given fields (status, limits, …).
    public func adminUpdateSymbol(_ update: SymbolUpdate) async throws(PerpetuaClientError) -> Symbol {
        try await call(.put, "/v1/admin/symbols", json: update)
    }

    /// `POST /v1/admin/index-price`: sets a symbol's index price (operator feed).
    @discardableResult
    public func adminSetIndexPrice(symbol: String, price: String) async throws(PerpetuaClientError) -> JSONValue {
        let body: JSONValue = ["symbol": .string(symbol), "price": .string(price)]
        return try await call(.post, "/v1/admin/index-price", json: body)
    }

    /// `GET /v1/admin/insurance-fund`.
    public func adminInsuranceFund() async throws(PerpetuaClientError) -> InsuranceFund {
        try await call(.get, "/v1/admin/insurance-fund")
    }

    /// `POST /v1/admin/funding/settle`: settles funding now, for one symbol or all.
    @discardableResult
    public func adminSettleFunding(symbol: String? = nil) async throws(PerpetuaClientError) -> JSONValue {
        var fields: [String: JSONValue] = [:]
        if let symbol { fields["symbol"] = .string(symbol) }
        return try await call(.post, "/v1/admin/funding/settle", json: JSONValue.object(fields))
    }

    /// `GET /v1/admin/clock`.
    public func adminClock() async throws(PerpetuaClientError) -> ClockState {
        try await call(.get, "/v1/admin/clock")
    }

    /// `POST /v1/admin/clock`: moves a manual clock forward to `time` (ms), running every
    /// timer that falls due on the way (12001 for a time in the past). API.md does not fix
    /// the answer's shape.
    @discardableResult
    public func adminSetClock(time: Int64) async throws(PerpetuaClientError) -> JSONValue {
        try await call(.post, "/v1/admin/clock", json: ["time": JSONValue.number(String(time))])
    }
}
