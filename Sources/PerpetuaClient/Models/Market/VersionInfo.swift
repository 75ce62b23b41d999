/// `GET /v1/version`.
public struct VersionInfo: Codable, Sendable, Hashable {
    public var version: String
    public var apiVersion: String
    public var commit: String?
}
