/// The body of `POST /v1/admin/users`.
public struct CreateUserRequest: Encodable, Sendable, Hashable {
    public var username: String
    public var password: String
    /// A public nickname (shown on the leaderboard instead of the masked name).
    public var nickname: String?

    public init(username: String, password: String, nickname: String? = nil) {
        self.username = username
        self.password = password
        self.nickname = nickname
    }
}
