/// What presenting a refresh token did (API.md §2.1 rotation with reuse detection).
public enum RefreshTokenRotation: Hashable, Sendable {
    /// The token was current: it is now spent, the new token replaces it.
    case rotated(SessionRecord)
    /// The token had already been rotated: presumed stolen, so its session is now revoked.
    case reused(sessionId: String)
    /// The session was already revoked (logout or an earlier reuse).
    case revoked(sessionId: String)
    /// No such token.
    case unknown
}
