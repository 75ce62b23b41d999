/// The fields `PUT /v1/private/user/api-key/update` may change; nil leaves one as it is.
public struct ApiKeyUpdate: Hashable, Sendable {
    public var label: String?
    public var permissions: [String]?
    public var ipWhitelist: [String]?
    public var status: ApiKeyStatus?
    /// Set when a whitelist change changes the expiry (a key without a whitelist expires).
    public var expiresAt: Int64??

    public init(
        label: String? = nil, permissions: [String]? = nil, ipWhitelist: [String]? = nil, status: ApiKeyStatus? = nil,
        expiresAt: Int64?? = nil
    ) {
        self.label = label
        self.permissions = permissions
        self.ipWhitelist = ipWhitelist
        self.status = status
        self.expiresAt = expiresAt
    }
}
