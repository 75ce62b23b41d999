/// What an endpoint needs from the client's credentials.
public enum EndpointAuth: Sendable, Hashable {
    /// A public endpoint: no credentials are sent (and nothing is signed).
    case none
    /// A private endpoint: the client's credentials (signature, bearer token or session).
    case credentials
    /// The session's `refresh_token` cookie only (`refresh-token`).
    case refreshCookie
    /// Credentials and the refresh cookie (`logout`).
    case credentialsAndCookie
}
