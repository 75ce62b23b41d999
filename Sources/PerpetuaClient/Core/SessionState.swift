/// A JWT session (API.md §2.1): the access token, the `refresh_token` cookie, and the
/// refresh under way, if any, so that concurrent calls that hit an expired token share
/// one refresh (presenting a rotated refresh token twice would revoke the session).
struct SessionState: Sendable {
    var accessToken: String
    var refreshCookie: String?
    var refreshing: Task<Void, any Error>?
}
