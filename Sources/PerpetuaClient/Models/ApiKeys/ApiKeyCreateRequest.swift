/// The body of `POST /v1/private/user/api-key/create`.
public struct ApiKeyCreateRequest: Encodable, Sendable, Hashable {
    public var label: String
    /// `READ` and/or `TRADE`.
    public var permissions: [String]
    public var ipWhitelist: [String]
    public var expiresInDays: Int?

    public init(label: String, permissions: [String], ipWhitelist: [String] = [], expiresInDays: Int? = nil) {
        self.label = label
        self.permissions = permissions
        self.ipWhitelist = ipWhitelist
        self.expiresInDays = expiresInDays
    }
}
