/// The body of `PUT /v1/private/user/api-key/update`: the key and the fields to change.
public struct ApiKeyUpdateRequest: Encodable, Sendable, Hashable {
    public var apiKey: String
    public var label: String?
    public var permissions: [String]?
    public var ipWhitelist: [String]?
    /// `ENABLED` or `DISABLED`.
    public var status: String?

    public init(
        apiKey: String, label: String? = nil, permissions: [String]? = nil, ipWhitelist: [String]? = nil,
        status: String? = nil
    ) {
        self.apiKey = apiKey
        self.label = label
        self.permissions = permissions
        self.ipWhitelist = ipWhitelist
        self.status = status
    }
}
