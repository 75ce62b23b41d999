import PerpetuaCore
import PerpetuaStore

/// Agent sign-on (API.md §2.3): the user's own session mints a short-lived, single-use
/// ticket or embed token with at most its own permissions; the agent exchanges it for a
/// session (ticket) or a lone access token (embed token). Tokens are stored by hash and
/// spent atomically by the store, so a second exchange, even a concurrent one or one on
/// another gateway, answers 10004.
extension APIRouter {
    func addAgentSignOnRoutes(_ gateway: Gateway) {
        let store = gateway.exchange.store
        let settings = gateway.configuration.auth
        let tokens = gateway.tokens
        let policy = ApiKeyPolicy(settings: settings)

        post("/v1/private/user/agent-sso/ticket", access: .session) { request in
            let body = try request.decode(AgentTicketBody.self)
            let label = try policy.checkLabel(body.label)
            let permissions = try PermissionList.parse(body.permissions, within: request.principal?.permissions ?? [])
            let ttl = try Self.ttl(body.ttlSeconds, max: settings.maxTicketSeconds)
            let ticket = OpaqueToken.make(prefix: "tkt_")
            let expiresAt = request.now + ttl * 1000
            try await store.createOneTimeToken(OneTimeTokenRecord(
                tokenHash: OpaqueToken.hash(ticket), userId: request.userId, kind: .ticket,
                permissions: permissions.map(\.rawValue), label: label, createdAt: request.now, expiresAt: expiresAt))
            return AgentTicketResource(ticket: ticket, expiresAt: expiresAt)
        }

        post("/v1/private/user/agent-sso/embed-token", access: .session) { request in
            let body = try request.decode(EmbedTokenBody.self)
            let permissions = try PermissionList.parse(body.permissions, within: request.principal?.permissions ?? [])
            let ttl = try Self.ttl(body.ttlSeconds, max: settings.maxEmbedTokenSeconds)
            let token = OpaqueToken.make(prefix: "emb_")
            let expiresAt = request.now + ttl * 1000
            try await store.createOneTimeToken(OneTimeTokenRecord(
                tokenHash: OpaqueToken.hash(token), userId: request.userId, kind: .embed,
                permissions: permissions.map(\.rawValue), label: nil, createdAt: request.now, expiresAt: expiresAt))
            return EmbedTokenResource(embedToken: token, expiresAt: expiresAt)
        }

        post("/v1/public/agent-sso/exchange-ticket", access: .open) { request in
            let body = try request.decode(ExchangeTicketBody.self)
            guard let record = try await store.consumeOneTimeToken(hash: OpaqueToken.hash(body.ticket), kind: .ticket, now: request.now) else {
                throw APIError(.apiKeyNotFound, message: "the ticket is unknown, expired or already used; ask for a new one")
            }
            return try await gateway.openSession(
                userId: record.userId, scope: record.permissions.compactMap(Permission.init(rawValue:)),
                agentLabel: record.label ?? "agent", now: request.now, headers: request.context.responseHeaders)
        }

        post("/v1/public/agent-sso/exchange-embed-token", access: .open) { request in
            let body = try request.decode(ExchangeEmbedTokenBody.self)
            guard let record = try await store.consumeOneTimeToken(hash: OpaqueToken.hash(body.embedToken), kind: .embed, now: request.now) else {
                throw APIError(.apiKeyNotFound, message: "the embed token is unknown, expired or already used; ask for a new one")
            }
            // No session and no refresh cookie: the widget asks its host page for a new embed
            // token when this access token expires.
            let (token, expiresIn) = try await tokens.issue(
                userId: record.userId, sessionId: OpaqueToken.make(prefix: "emb_", bytes: 16),
                scope: record.permissions.compactMap(Permission.init(rawValue:)), kind: .embed, now: request.now)
            return AccessTokenResource(accessToken: token, expiresIn: expiresIn)
        }
    }

    /// A lifetime of 1 to `max` seconds; `max` when absent.
    static func ttl(_ seconds: Int64?, max: Int64) throws -> Int64 {
        guard let seconds else { return max }
        guard (1...max).contains(seconds) else {
            throw APIError(
                .invalidParameter, message: "invalid parameter ttlSeconds: must be 1 to \(max), got \(seconds)",
                data: ["field": "ttlSeconds", "max": String(max)])
        }
        return seconds
    }
}
