/// API key management (API.md §5.3; JWT only: an API-key client gets 10009).
extension PerpetuaClient {
    /// `POST /v1/private/user/api-key/create`: the key and its secret (shown this once).
    public func createApiKey(_ request: ApiKeyCreateRequest) async throws(PerpetuaClientError) -> CreatedApiKey {
        try await call(.post, "/v1/private/user/api-key/create", json: request)
    }

    /// `GET /v1/private/user/api-key/list`.
    public func apiKeys() async throws(PerpetuaClientError) -> [ApiKey] {
        try await call(.get, "/v1/private/user/api-key/list")
    }

    /// `PUT /v1/private/user/api-key/update`; API.md does not fix the answer's shape.
    @discardableResult
    public func updateApiKey(_ request: ApiKeyUpdateRequest) async throws(PerpetuaClientError) -> JSONValue {
        try await call(.put, "/v1/private/user/api-key/update", json: request)
    }

    /// `POST /v1/private/user/api-key/delete`.
    @discardableResult
    public func deleteApiKey(_ apiKey: String) async throws(PerpetuaClientError) -> JSONValue {
        try await call(.post, "/v1/private/user/api-key/delete", json: ["apiKey": JSONValue.string(apiKey)])
    }

    /// `POST /v1/private/user/api-key/delete-all`.
    @discardableResult
    public func deleteAllApiKeys() async throws(PerpetuaClientError) -> JSONValue {
        try await call(.post, "/v1/private/user/api-key/delete-all", json: JSONValue.object([:]))
    }
}
