/// A user (API.md §8 `/v1/admin/users`). The id is also the engine's account number.
public struct UserRecord: Hashable, Sendable {
    public var id: UInt64
    public var username: String
    /// bcrypt hash; the store never sees a password.
    public var passwordHash: String
    /// A public name for the leaderboard, set by the operator.
    public var nickname: String?
    public var createdAt: Int64

    public init(id: UInt64, username: String, passwordHash: String, nickname: String?, createdAt: Int64) {
        self.id = id
        self.username = username
        self.passwordHash = passwordHash
        self.nickname = nickname
        self.createdAt = createdAt
    }
}
