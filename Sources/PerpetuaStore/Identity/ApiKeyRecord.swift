/// An API key (API.md §2.2, §5.3). The secret is stored only encrypted (AES-GCM under the
/// server's master key, sealed by the caller); the store never sees it in the clear.
public struct ApiKeyRecord: Hashable, Sendable {
    public var apiKey: String
    public var userId: UInt64
    public var label: String
    /// `READ` and/or `TRADE`.
    public var permissions: [String]
    /// IPv4/IPv6 addresses and CIDR blocks; empty means any address.
    public var ipWhitelist: [String]
    public var status: ApiKeyStatus
    public var encryptedSecret: [UInt8]
    public var createdAt: Int64
    public var expiresAt: Int64?
    public var lastUsedAt: Int64?

    public init(
        apiKey: String, userId: UInt64, label: String, permissions: [String], ipWhitelist: [String],
        status: ApiKeyStatus = .enabled, encryptedSecret: [UInt8], createdAt: Int64, expiresAt: Int64?,
        lastUsedAt: Int64? = nil
    ) {
        self.apiKey = apiKey
        self.userId = userId
        self.label = label
        self.permissions = permissions
        self.ipWhitelist = ipWhitelist
        self.status = status
        self.encryptedSecret = encryptedSecret
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.lastUsedAt = lastUsedAt
    }
}
