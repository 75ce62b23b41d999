/// The credentials a client holds right now; a login replaces them with a session.
enum AuthState: Sendable {
    case none
    case apiKey(RequestSigner)
    case bearer(String)
    case session(SessionState)

    init(_ credentials: Credentials) {
        switch credentials {
        case .none: self = .none
        case .apiKey(let key, let secret, let recvWindow):
            self = .apiKey(RequestSigner(apiKey: key, secret: secret, recvWindow: recvWindow))
        case .bearer(let token): self = .bearer(token)
        }
    }
}
