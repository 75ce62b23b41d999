import Foundation
import JWTKit
import PerpetuaCore

/// Issues and verifies HS256 access tokens with jwt-kit.
public struct AccessTokens: Sendable {
    let keys: JWTKeyCollection
    /// Lifetime of a token in seconds.
    public let lifetimeSeconds: Int64

    public init(key: [UInt8], lifetimeSeconds: Int64) async {
        keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: key), digestAlgorithm: .sha256)
        self.lifetimeSeconds = lifetimeSeconds
    }

    /// A signed token for the session; `now` in ms.
    public func issue(
        userId: UInt64, sessionId: String, scope: [Permission], kind: AccessTokenClaims.Kind, now: Int64, lifetimeSeconds: Int64? = nil
    ) async throws -> (token: String, expiresIn: Int64) {
        let lifetime = lifetimeSeconds ?? self.lifetimeSeconds
        let claims = AccessTokenClaims(
            sub: String(userId), sid: sessionId, scope: scope.map(\.rawValue).sorted(), iat: now / 1000,
            exp: now / 1000 + lifetime, jti: UUID().uuidString.lowercased(), knd: kind)
        return (try await keys.sign(claims), lifetime)
    }

    /// The claims of a valid, unexpired token; 10003 otherwise.
    public func verify(_ token: String, now: Int64) async throws -> AccessTokenClaims {
        let claims: AccessTokenClaims
        do {
            claims = try await keys.verify(token, as: AccessTokenClaims.self)
        } catch {
            throw APIError(.authRequired, message: "the access token is not valid: log in again or refresh it")
        }
        guard claims.exp * 1000 > now else {
            throw APIError(.authRequired, message: "the access token expired; refresh it with POST /v1/public/user/refresh-token")
        }
        return claims
    }
}
