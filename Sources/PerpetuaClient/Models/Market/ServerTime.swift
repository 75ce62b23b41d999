/// `GET /v1/time`: the server's clock in ms.
public struct ServerTime: Codable, Sendable, Hashable {
    public var serverTime: Int64
}
