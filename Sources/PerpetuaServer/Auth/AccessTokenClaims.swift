import JWTKit

/// The claims of an access token (API.md §2.1): `sub` the user id, `sid` the session,
/// `scope` the permissions, `iat`/`exp` in seconds, `jti` a unique id, and `knd` which kind
/// of session issued it (own login, agent, embed), so agent tokens cannot manage keys.
public struct AccessTokenClaims: JWTPayload, Equatable {
    public enum Kind: String, Codable, Sendable {
        case session, agent, embed
    }

    public var sub: String
    public var sid: String
    public var scope: [String]
    public var iat: Int64
    public var exp: Int64
    public var jti: String
    public var knd: Kind

    /// Expiry is checked against the exchange clock by ``AccessTokens``, not here, so that a
    /// manual clock moves it too.
    public func verify(using algorithm: some JWTAlgorithm) async throws {}
}
