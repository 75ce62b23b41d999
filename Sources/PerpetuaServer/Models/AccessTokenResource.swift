/// Login state (API.md §2.1): what login, refresh and the agent sign-on exchanges answer.
/// The refresh token travels only in its `HttpOnly` cookie, never in the body, so that
/// page scripts never see it.
struct AccessTokenResource: Encodable, Sendable {
    var accessToken: String
    var tokenType = "Bearer"
    /// Seconds until the access token expires.
    var expiresIn: Int64
}
