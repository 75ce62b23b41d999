/// The answer to `POST /v1/admin/users`.
public struct CreatedUser: Codable, Sendable, Hashable {
    public var userId: String
}
