/// How a ``PerpetuaClient`` authenticates its private calls.
public enum Credentials: Sendable {
    /// No credentials: only public calls succeed (private ones answer 10003).
    case none
    /// HMAC-signed requests with an API key (API.md §2.2); `recvWindow` in ms is sent as
    /// `X-API-RECV-WINDOW` when given (the server's default is 5000).
    case apiKey(key: String, secret: String, recvWindow: Int? = nil)
    /// A fixed bearer token: a JWT obtained elsewhere, or the operator's admin token (§8).
    /// It is never refreshed.
    case bearer(String)
}
