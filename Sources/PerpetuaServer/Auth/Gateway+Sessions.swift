import HTTPTypes
import PerpetuaCore
import PerpetuaStore

/// Opening and refreshing sessions (API.md §2.1), shared by login and the agent-ticket
/// exchange, which answer alike.
extension Gateway {
    /// Stores a new session with its first refresh token (by hash), sets the refresh cookie
    /// and answers with an access token. An `agentLabel` makes it an agent session: its
    /// tokens carry kind `agent`, which the authenticator keeps away from key management.
    func openSession(
        userId: UInt64, scope: [Permission], agentLabel: String?, now: Int64, headers: ResponseHeaders
    ) async throws -> AccessTokenResource {
        let sessionId = OpaqueToken.make(prefix: "ses_", bytes: 16)
        let refreshToken = OpaqueToken.make(prefix: "rt_")
        try await exchange.store.createSession(
            SessionRecord(id: sessionId, userId: userId, scope: scope.map(\.rawValue), agentLabel: agentLabel, createdAt: now),
            refreshTokenHash: OpaqueToken.hash(refreshToken))
        headers.append(
            .setCookie,
            RefreshCookie.set(refreshToken, maxAgeSeconds: configuration.auth.refreshTokenSeconds, secure: configuration.auth.secureCookies))
        return try await accessToken(for: SessionRecord(
            id: sessionId, userId: userId, scope: scope.map(\.rawValue), agentLabel: agentLabel, createdAt: now), now: now)
    }

    /// Spends the presented refresh token and answers with a new access token and a new
    /// cookie. A token that was already spent means two parties hold it, one of them a
    /// thief: the whole session is revoked (its access tokens stop working at once) and the
    /// answer is 10003, as for an unknown or revoked token.
    func refreshSession(presented: String, now: Int64, headers: ResponseHeaders) async throws -> AccessTokenResource {
        let secure = configuration.auth.secureCookies
        let replacement = OpaqueToken.make(prefix: "rt_")
        let outcome = try await exchange.store.rotateRefreshToken(
            presentedHash: OpaqueToken.hash(presented), newHash: OpaqueToken.hash(replacement), at: now)
        switch outcome {
        case .rotated(let session):
            let endsAt = session.createdAt + configuration.auth.refreshTokenSeconds * 1000
            guard endsAt > now else {
                _ = try await exchange.store.revokeSession(id: session.id, at: now)
                authenticator.sessionRevoked(session.id)
                headers.append(.setCookie, RefreshCookie.clear(secure: secure))
                throw APIError(.authRequired, message: "the session ended \(configuration.auth.refreshTokenSeconds / 86_400) days after login; log in again")
            }
            headers.append(.setCookie, RefreshCookie.set(replacement, maxAgeSeconds: (endsAt - now) / 1000, secure: secure))
            return try await accessToken(for: session, now: now)
        case .reused(let sessionId):
            authenticator.sessionRevoked(sessionId)
            headers.append(.setCookie, RefreshCookie.clear(secure: secure))
            throw APIError(
                .authRequired,
                message: "this refresh token was already used, so it may have been stolen: the session is revoked; log in again")
        case .revoked(let sessionId):
            authenticator.sessionRevoked(sessionId)
            headers.append(.setCookie, RefreshCookie.clear(secure: secure))
            throw APIError(.authRequired, message: "the session was logged out or revoked; log in again")
        case .unknown:
            headers.append(.setCookie, RefreshCookie.clear(secure: secure))
            throw APIError(.authRequired, message: "the refresh token is not valid; log in again")
        }
    }

    /// A new access token of the session, with the session's scope and kind.
    func accessToken(for session: SessionRecord, now: Int64) async throws -> AccessTokenResource {
        let (token, expiresIn) = try await tokens.issue(
            userId: session.userId, sessionId: session.id, scope: session.scope.compactMap(Permission.init(rawValue:)),
            kind: session.agentLabel == nil ? .session : .agent, now: now)
        return AccessTokenResource(accessToken: token, expiresIn: expiresIn)
    }
}
