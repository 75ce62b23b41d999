/// A single-use embed token for a trading widget (API.md §2.3).
public struct EmbedToken: Codable, Sendable, Hashable {
    public var embedToken: String
    public var expiresAt: Int64
}
