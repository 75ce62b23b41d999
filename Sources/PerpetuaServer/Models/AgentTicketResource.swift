/// A single-use agent ticket and when it stops being accepted (ms).
struct AgentTicketResource: Encodable, Sendable {
    var ticket: String
    var expiresAt: Int64
}
