/// Who made a request, after authentication.
public struct Principal: Hashable, Sendable {
    /// How the caller proved who it is.
    public enum Credential: Hashable, Sendable {
        /// A JWT of the user's own login session.
        case session(id: String)
        /// A JWT of an agent session (API.md §2.3), limited to its ticket's permissions.
        case agent(sessionId: String)
        /// An access token from an embed token: no session, no refresh.
        case embed(tokenId: String)
        /// An HMAC-signed request with this API key.
        case apiKey(String)
        /// The operator's bearer token.
        case `operator`
    }

    public var userId: UInt64
    public var credential: Credential
    public var permissions: Set<Permission>

    public init(userId: UInt64, credential: Credential, permissions: Set<Permission>) {
        self.userId = userId
        self.credential = credential
        self.permissions = permissions
    }

    /// Whether the credential is a JWT of the user's own session (not an agent's, not a key).
    public var isOwnSession: Bool {
        if case .session = credential { return true }
        return false
    }

    /// The session id of a JWT credential.
    public var sessionId: String? {
        switch credential {
        case .session(let id), .agent(let id): id
        default: nil
        }
    }
}
