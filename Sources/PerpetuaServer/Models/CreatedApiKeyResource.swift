import PerpetuaStore

/// The answer to creating a key: the `ApiKey` fields plus `apiSecret`, the only time the
/// server ever sends the secret (it keeps it sealed and cannot be asked for it again).
struct CreatedApiKeyResource: Encodable, Sendable {
    var key: ApiKeyResource
    var apiSecret: String

    enum CodingKeys: String, CodingKey { case apiSecret }

    func encode(to encoder: any Encoder) throws {
        try key.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(apiSecret, forKey: .apiSecret)
    }
}
