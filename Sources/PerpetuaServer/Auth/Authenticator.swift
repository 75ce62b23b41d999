import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import PerpetuaCore
import PerpetuaStore
import Synchronization

/// Proves who sent a request (API.md §2): a JWT access token, an HMAC-signed API-key
/// request, or the operator's bearer token. Keys and session states are cached in memory so
/// that the hot path (a signed order) costs one HMAC and no database read; the routes that
/// change keys or revoke sessions tell the cache.
public final class Authenticator: Sendable {
    let store: any IdentityStore
    let tokens: AccessTokens
    let secrets: SecretBox
    let settings: AuthSettings
    let adminToken: [UInt8]
    let trustedProxies: [IPAddressRange]
    private let keys = Mutex<[String: CachedApiKey]>([:])
    /// Session id → revoked, as last read from the store.
    private let sessions = Mutex<[String: Bool]>([:])

    public init(store: any IdentityStore, tokens: AccessTokens, secrets: SecretBox, settings: AuthSettings, adminToken: String) throws {
        self.store = store
        self.tokens = tokens
        self.secrets = secrets
        self.settings = settings
        self.adminToken = Array(adminToken.utf8)
        self.trustedProxies = try settings.trustedProxies.map {
            guard let range = IPAddressRange($0) else {
                throw PerpetuaServerError.configuration("auth.trustedProxies: \"\($0)\" is not an IP address or CIDR block")
            }
            return range
        }
    }

    // MARK: Client address

    /// The client's address: the socket peer, or the last `X-Forwarded-For` entry when the
    /// peer is a configured trusted proxy. Never a header from an untrusted peer.
    public func clientAddress(_ request: Request, context: APIRequestContext) -> String {
        let peer = context.peer?.ipAddress ?? "unknown"
        guard !trustedProxies.isEmpty, trustedProxies.contains(where: { $0.contains(peer) }),
              let forwarded = request.headers[.forwardedFor] else { return peer }
        let last = forwarded.split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return last.isEmpty ? peer : last
    }

    // MARK: Operator

    /// Checks `Authorization: Bearer <operator token>` in constant time.
    func authenticateOperator(_ request: Request) throws -> Principal {
        guard let token = Self.bearerToken(request) else {
            throw APIError(.authRequired, message: "the operator API needs Authorization: Bearer <operator token>")
        }
        guard Self.constantTimeEqual(Array(token.utf8), adminToken) else {
            throw APIError(.authRequired, message: "the operator token is not valid")
        }
        return Principal(userId: 0, credential: .`operator`, permissions: [.read, .trade])
    }

    // MARK: Users

    /// Authenticates a user request as the route requires: a JWT (`Authorization: Bearer`)
    /// or an API key (`X-API-KEY` + signature headers).
    func authenticateUser(_ request: Request, context: APIRequestContext, body: [UInt8], access: RouteAccess, now: Int64) async throws -> Principal {
        let principal: Principal
        if request.headers[.apiKey] != nil {
            if case .session = access {
                throw APIError(.jwtRequired, message: "this endpoint accepts a JWT session only, not an API key: log in and send Authorization: Bearer <accessToken>")
            }
            principal = try await authenticateApiKey(request, context: context, body: body, now: now)
        } else if let token = Self.bearerToken(request) {
            principal = try await authenticateToken(token, now: now)
            if case .session = access, !principal.isOwnSession {
                throw APIError(.permissionDenied, message: "agent and embedded sessions cannot manage API keys or mint tickets; use your own login session")
            }
        } else {
            throw APIError(.authRequired, message: "this endpoint needs credentials: Authorization: Bearer <accessToken>, or X-API-KEY with X-API-TIMESTAMP and X-API-SIGNATURE")
        }
        if case .user(let permission) = access, !principal.permissions.contains(permission) {
            throw APIError(
                .permissionDenied,
                message: "this endpoint needs the \(permission.rawValue) permission, which your credential does not have",
                data: ["required": permission.rawValue])
        }
        return principal
    }

    /// Verifies an access token and that its session is still live.
    public func authenticateToken(_ token: String, now: Int64) async throws -> Principal {
        let claims = try await tokens.verify(token, now: now)
        guard let userId = UInt64(claims.sub) else { throw APIError(.authRequired, message: "the access token is not valid") }
        let permissions = Set(claims.scope.compactMap(Permission.init(rawValue:)))
        switch claims.knd {
        case .embed:
            return Principal(userId: userId, credential: .embed(tokenId: claims.sid), permissions: permissions)
        case .session, .agent:
            if try await isSessionRevoked(claims.sid) {
                throw APIError(.authRequired, message: "the session was logged out or revoked; log in again")
            }
            let credential: Principal.Credential = claims.knd == .session ? .session(id: claims.sid) : .agent(sessionId: claims.sid)
            return Principal(userId: userId, credential: credential, permissions: permissions)
        }
    }

    func isSessionRevoked(_ id: String) async throws -> Bool {
        if let known = sessions.withLock({ $0[id] }) { return known }
        let revoked = try await store.session(id: id)?.isRevoked ?? true
        sessions.withLock { cache in
            if cache.count > 100_000 { cache.removeAll() }
            cache[id] = revoked
        }
        return revoked
    }

    /// Marks a session revoked in the cache (after the store has it).
    public func sessionRevoked(_ id: String) {
        sessions.withLock { $0[id] = true }
    }

    /// Verifies an API-key request (API.md §2.2). Checks run in an order that tells a caller
    /// without the secret nothing about the key beyond its existence: timestamp and
    /// signature first, then status, expiry, address and permission.
    func authenticateApiKey(_ request: Request, context: APIRequestContext, body: [UInt8], now: Int64) async throws -> Principal {
        let headers = request.headers
        guard let apiKey = headers[.apiKey], !apiKey.isEmpty else {
            throw APIError(.authRequired, message: "X-API-KEY is empty")
        }
        guard let timestampText = headers[.apiTimestamp], let timestamp = Int64(timestampText) else {
            throw APIError(.authRequired, message: "X-API-TIMESTAMP must be the request time in ms since the Unix epoch")
        }
        let windowText = headers[.apiRecvWindow] ?? String(settings.defaultRecvWindow)
        guard let window = Int64(windowText), window > 0, window <= settings.maxRecvWindow else {
            throw APIError(
                .invalidParameter, message: "X-API-RECV-WINDOW must be an integer from 1 to \(settings.maxRecvWindow) (ms)",
                data: ["field": "X-API-RECV-WINDOW"])
        }
        // No signature at all is a request without credentials (10003); one that is not even
        // hex cannot match (10001).
        guard let signatureText = headers[.apiSignature], !signatureText.isEmpty else {
            throw APIError(.authRequired, message: "X-API-SIGNATURE is missing: send the 64-digit hex HMAC-SHA256 of the request (API.md §2.2)")
        }
        guard let signature = Self.parseHex(signatureText), signature.count == 32 else {
            throw APIError(.invalidSignature, message: "X-API-SIGNATURE must be the 64-digit hex HMAC-SHA256 of the request")
        }
        guard var key = try await cachedKey(apiKey) else {
            throw APIError(.apiKeyNotFound, message: "API key \(apiKey) does not exist or was deleted")
        }
        // The receive window is on wall time for the client, which cannot see a manual clock.
        let serverTime = SequencerClockReading.wall()
        guard serverTime - window <= timestamp, timestamp < serverTime + 1000 else {
            throw APIError(
                .timestampOutOfWindow,
                message: "X-API-TIMESTAMP \(timestamp) is outside the receive window of \(window) ms around server time \(serverTime); sync your clock",
                data: ["serverTime": serverTime])
        }
        var mac = key.mac
        mac.update(data: Array(timestampText.utf8))
        mac.update(data: Array(apiKey.utf8))
        mac.update(data: Array(windowText.utf8))
        mac.update(data: Array(request.method.rawValue.utf8))
        mac.update(data: Array(request.uri.path.utf8))
        if let query = request.uri.query, !query.isEmpty {
            mac.update(data: [UInt8(ascii: "?")])
            mac.update(data: Array(query.utf8))
        }
        mac.update(data: body)
        let expected = Array(mac.finalize())
        guard Self.constantTimeEqual(expected, signature) else {
            throw APIError(
                .invalidSignature,
                message: "signature mismatch: sign timestamp + apiKey + recvWindow + METHOD + path + ?query + body with HMAC-SHA256 and the key's secret")
        }
        let record = key.record
        guard record.status == .enabled else {
            throw APIError(.apiKeyDisabled, message: "API key \(apiKey) is disabled; enable it with PUT /v1/private/user/api-key/update")
        }
        if let expiresAt = record.expiresAt, expiresAt <= now {
            let reason = ApiKeyPolicy(settings: settings).expiryReason(record, expiredAt: expiresAt)
            throw APIError(.apiKeyExpired, message: "API key \(apiKey) expired at \(expiresAt): \(reason)", data: ["expiredAt": expiresAt])
        }
        let address = clientAddress(request, context: context)
        if !key.whitelist.isEmpty, !key.whitelist.contains(where: { $0.contains(address) }) {
            throw APIError(
                .ipNotAllowed, message: "requests from \(address) are not on API key \(apiKey)'s IP whitelist",
                data: ["ip": address])
        }
        if now - key.touchedAt >= 60_000 {
            key.touchedAt = now
            keys.withLock { $0[apiKey]?.touchedAt = now }
            let store = store
            Task { try? await store.touchApiKey(apiKey, at: now) }
        }
        return Principal(userId: record.userId, credential: .apiKey(apiKey), permissions: key.permissions)
    }

    private func cachedKey(_ apiKey: String) async throws -> CachedApiKey? {
        if let cached = keys.withLock({ $0[apiKey] }) { return cached }
        guard let record = try await store.apiKey(apiKey) else { return nil }
        guard let secret = secrets.open(record.encryptedSecret) else {
            throw APIError(.internalError, message: "API key \(apiKey) cannot be decrypted with this server's master key")
        }
        let cached = CachedApiKey(record: record, secret: secret)
        keys.withLock { $0[apiKey] = cached }
        return cached
    }

    /// Drops a key from the cache after it changed or was deleted.
    public func forgetKey(_ apiKey: String) {
        keys.withLock { $0[apiKey] = nil }
    }

    /// Drops every cached key of the user.
    public func forgetKeys(userId: UInt64) {
        keys.withLock { keys in keys = keys.filter { $0.value.record.userId != userId } }
    }

    // MARK: Helpers

    static func bearerToken(_ request: Request) -> String? {
        guard let value = request.headers[.authorization] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    /// Hex in either case; nil for any other character or an odd length.
    static func parseHex(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: c - 48
            case 97...102: c - 87
            case 65...70: c - 55
            default: nil
            }
        }
        var bytes = [UInt8]()
        bytes.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
