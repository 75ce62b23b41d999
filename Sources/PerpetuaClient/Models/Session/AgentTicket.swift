/// A single-use agent ticket (API.md §2.3), to exchange within its lifetime.
public struct AgentTicket: Codable, Sendable, Hashable {
    public var ticket: String
    public var expiresAt: Int64
}
