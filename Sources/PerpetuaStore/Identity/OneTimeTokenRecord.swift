/// An agent sign-on ticket or embed token (API.md §2.3), stored by hash and spent on its
/// first exchange, so that single use holds across restarts and across gateways.
public struct OneTimeTokenRecord: Hashable, Sendable {
    /// What the token is exchanged for.
    public enum Kind: String, Hashable, Sendable {
        case ticket = "TICKET"
        case embed = "EMBED"
    }

    public var tokenHash: String
    public var userId: UInt64
    public var kind: Kind
    public var permissions: [String]
    public var label: String?
    public var createdAt: Int64
    public var expiresAt: Int64

    public init(
        tokenHash: String, userId: UInt64, kind: Kind, permissions: [String], label: String?, createdAt: Int64,
        expiresAt: Int64
    ) {
        self.tokenHash = tokenHash
        self.userId = userId
        self.kind = kind
        self.permissions = permissions
        self.label = label
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
