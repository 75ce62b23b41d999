/// The login state of API.md §2.1 (login, register, refresh, ticket and embed-token
/// exchange): an access token to send as `Authorization: Bearer …`.
public struct LoginResponse: Codable, Sendable, Hashable {
    public var accessToken: String
    /// `Bearer`.
    public var tokenType: String?
    /// Seconds until the access token expires.
    public var expiresIn: Int64?
}
