import PerpetuaStore

/// `ApiKey` of API.md §5.3. It has no field for the secret, so no list or update can ever
/// send one; only ``CreatedApiKeyResource`` carries it, once.
struct ApiKeyResource: Encodable, Sendable {
    var apiKey: String
    var label: String
    var permissions: [String]
    var ipWhitelist: [String]
    var status: String
    var createdAt: Int64
    @Null var expiresAt: Int64?
    @Null var lastUsedAt: Int64?

    init(_ record: ApiKeyRecord) {
        apiKey = record.apiKey
        label = record.label
        permissions = record.permissions
        ipWhitelist = record.ipWhitelist
        status = record.status.rawValue
        createdAt = record.createdAt
        expiresAt = record.expiresAt
        lastUsedAt = record.lastUsedAt
    }
}
