/// `POST /v1/private/user/api-key/create`.
struct CreateApiKeyBody: Decodable, Sendable {
    var label: String
    var permissions: [String]
    /// Absent means none: the key works from any address and expires.
    var ipWhitelist: [String]?
    var expiresInDays: Int?
}

/// `PUT /v1/private/user/api-key/update`: absent fields stay as they are.
struct UpdateApiKeyBody: Decodable, Sendable {
    var apiKey: String
    var label: String?
    var permissions: [String]?
    var ipWhitelist: [String]?
    var status: String?
}

/// `POST /v1/private/user/api-key/delete`.
struct DeleteApiKeyBody: Decodable, Sendable {
    var apiKey: String
}
