import PerpetuaCore
import PerpetuaStore

/// API-key management (API.md §2.2, §5.3), for the user's own login session only: a key
/// cannot mint keys (10009) and neither can an agent (10007), so a leaked key or a
/// misbehaving agent cannot entrench itself. Every change tells the authenticator, whose
/// cache would otherwise keep accepting the key as it was.
extension APIRouter {
    func addApiKeyRoutes(_ gateway: Gateway) {
        let store = gateway.exchange.store
        let authenticator = gateway.authenticator
        let secretBox = gateway.secretBox
        let settings = gateway.configuration.auth
        let policy = ApiKeyPolicy(settings: settings)

        post("/v1/private/user/api-key/create", access: .session) { request in
            let body = try request.decode(CreateApiKeyBody.self)
            let label = try policy.checkLabel(body.label)
            let permissions = try PermissionList.parse(body.permissions)
            let whitelist = try policy.checkWhitelist(body.ipWhitelist ?? [])
            let expiresAt = try policy.expiry(createdAt: request.now, whitelist: whitelist, expiresInDays: body.expiresInDays)
            let secret = OpaqueToken.make(prefix: "sk_")
            let record = ApiKeyRecord(
                apiKey: OpaqueToken.make(prefix: "pk_", bytes: 20), userId: request.userId, label: label,
                permissions: permissions.map(\.rawValue), ipWhitelist: whitelist, status: .enabled,
                encryptedSecret: try secretBox.seal(secret), createdAt: request.now, expiresAt: expiresAt)
            try await store.createApiKey(record, limit: settings.maxApiKeysPerUser)
            return CreatedApiKeyResource(key: ApiKeyResource(record), apiSecret: secret)
        }

        get("/v1/private/user/api-key/list", access: .session) { request in
            try await store.apiKeys(userId: request.userId).map(ApiKeyResource.init)
        }

        put("/v1/private/user/api-key/update", access: .session) { request in
            let body = try request.decode(UpdateApiKeyBody.self)
            guard let current = try await store.apiKey(body.apiKey), current.userId == request.userId else {
                throw Self.noSuchKey(body.apiKey)
            }
            var update = ApiKeyUpdate()
            if let label = body.label { update.label = try policy.checkLabel(label) }
            if let permissions = body.permissions { update.permissions = try PermissionList.parse(permissions).map(\.rawValue) }
            if let status = body.status {
                guard let parsed = ApiKeyStatus(rawValue: status) else {
                    throw APIError.invalid("status", "must be ENABLED or DISABLED, got \"\(status)\"")
                }
                update.status = parsed
            }
            if let entries = body.ipWhitelist {
                let whitelist = try policy.checkWhitelist(entries)
                update.ipWhitelist = whitelist
                update.expiresAt = policy.expiryAfterWhitelistChange(current, to: whitelist)
            }
            guard update != ApiKeyUpdate() else {
                throw APIError.invalid("body", "send at least one of label, permissions, ipWhitelist, status")
            }
            guard let updated = try await store.updateApiKey(body.apiKey, userId: request.userId, update) else {
                throw Self.noSuchKey(body.apiKey)
            }
            authenticator.forgetKey(body.apiKey)
            return ApiKeyResource(updated)
        }

        post("/v1/private/user/api-key/delete", access: .session) { request in
            let body = try request.decode(DeleteApiKeyBody.self)
            guard try await store.deleteApiKey(body.apiKey, userId: request.userId) else { throw Self.noSuchKey(body.apiKey) }
            authenticator.forgetKey(body.apiKey)
            return DeletedCountResource(deleted: 1)
        }

        post("/v1/private/user/api-key/delete-all", access: .session) { request in
            let deleted = try await store.deleteApiKeys(userId: request.userId)
            authenticator.forgetKeys(userId: request.userId)
            return DeletedCountResource(deleted: deleted)
        }
    }

    /// 12004: the caller's credentials are fine (a 10004 would say they are not); the key
    /// named in the body is not one of theirs.
    static func noSuchKey(_ apiKey: String) -> APIError {
        APIError(.notFound, message: "no API key \(apiKey) on this account", data: ["field": "apiKey"])
    }
}
