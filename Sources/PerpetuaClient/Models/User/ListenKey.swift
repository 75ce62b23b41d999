/// `POST|PUT /v1/private/user/listen-key`: the key for `GET /v1/ws/private?listenKey=…`.
public struct ListenKey: Codable, Sendable, Hashable {
    public var listenKey: String
    /// When the key expires (ms), if the server says.
    public var expiresAt: Int64?
}
