/// One row of `GET /v1/admin/users`.
public struct AdminUser: Codable, Sendable, Hashable {
    public var userId: String
    public var username: String
    public var nickname: String?
    public var createdAt: Int64
}
