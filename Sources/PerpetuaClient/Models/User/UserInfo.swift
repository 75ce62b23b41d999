/// `GET /v1/private/user/info`.
public struct UserInfo: Codable, Sendable, Hashable {
    public var userId: String
    public var username: String
    public var nickname: String?
    public var createdAt: Int64
    public var feeTier: Int
    public var makerRate: String
    public var takerRate: String
}
