/// An API key as listed (API.md §5.3); the secret is never part of it.
public struct ApiKey: Codable, Sendable, Hashable {
    public var apiKey: String
    public var label: String
    /// `READ` and/or `TRADE`.
    public var permissions: [String]
    /// IPv4/IPv6 addresses and CIDR blocks; empty for none.
    public var ipWhitelist: [String]
    /// `ENABLED` or `DISABLED`.
    public var status: String
    public var createdAt: Int64
    public var expiresAt: Int64?
    public var lastUsedAt: Int64?
}
