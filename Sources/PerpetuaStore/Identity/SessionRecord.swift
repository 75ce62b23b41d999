/// A login session (API.md §2.1): what the `sid` claim of its access tokens names. An
/// agent session (§2.3) carries the label and the narrower scope of its ticket.
public struct SessionRecord: Hashable, Sendable {
    /// Chosen by the caller (a random id), so that it can go into a token before the row
    /// is written.
    public var id: String
    public var userId: UInt64
    /// Permissions granted, e.g. `["READ", "TRADE"]`.
    public var scope: [String]
    /// Set for agent sessions.
    public var agentLabel: String?
    public var createdAt: Int64
    /// When the session was logged out or revoked for refresh-token reuse.
    public var revokedAt: Int64?

    public init(id: String, userId: UInt64, scope: [String], agentLabel: String? = nil, createdAt: Int64, revokedAt: Int64? = nil) {
        self.id = id
        self.userId = userId
        self.scope = scope
        self.agentLabel = agentLabel
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    public var isRevoked: Bool { revokedAt != nil }
}
