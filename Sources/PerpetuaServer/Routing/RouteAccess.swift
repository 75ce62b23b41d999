/// Who may call a route (API.md §5's auth column).
public enum RouteAccess: Hashable, Sendable {
    /// No credentials (`-`); limited per IP.
    case open
    /// Login and registration: no credentials, limited by the login bucket per IP.
    case login
    /// A JWT or an API key with `permission` (`J/K`); limited per user.
    case user(Permission)
    /// The user's own JWT session only (`J`): API-key management and ticket minting.
    case session
    /// The operator's bearer token (API.md §8).
    case admin

    /// Whether the route needs user credentials.
    public var needsUser: Bool {
        switch self {
        case .user, .session: true
        case .open, .login, .admin: false
        }
    }
}
