/// The answer to `POST /v1/private/user/api-key/create`: the key and its secret, which is
/// shown this once.
public struct CreatedApiKey: Decodable, Sendable, Hashable {
    public var key: ApiKey
    public var apiSecret: String

    private enum CodingKeys: String, CodingKey {
        case apiSecret
    }

    public init(from decoder: any Decoder) throws {
        key = try ApiKey(from: decoder)
        apiSecret = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .apiSecret)
    }

    /// Credentials that sign with this key.
    public func credentials(recvWindow: Int? = nil) -> Credentials {
        .apiKey(key: key.apiKey, secret: apiSecret, recvWindow: recvWindow)
    }
}
