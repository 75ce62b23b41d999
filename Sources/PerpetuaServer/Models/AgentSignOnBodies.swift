/// `POST /v1/private/user/agent-sso/ticket`.
struct AgentTicketBody: Decodable, Sendable {
    var label: String
    var permissions: [String]
    /// Absent means the longest allowed (300 s by default).
    var ttlSeconds: Int64?
}

/// `POST /v1/private/user/agent-sso/embed-token`.
struct EmbedTokenBody: Decodable, Sendable {
    var permissions: [String]
    /// Absent means the longest allowed (60 s by default).
    var ttlSeconds: Int64?
}

/// `POST /v1/public/agent-sso/exchange-ticket`.
struct ExchangeTicketBody: Decodable, Sendable {
    var ticket: String
}

/// `POST /v1/public/agent-sso/exchange-embed-token`.
struct ExchangeEmbedTokenBody: Decodable, Sendable {
    var embedToken: String
}
