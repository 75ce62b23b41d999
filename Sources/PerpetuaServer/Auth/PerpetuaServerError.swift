/// Failures of starting the server (as opposed to API errors, which are ``APIError``).
public enum PerpetuaServerError: Error, CustomStringConvertible, Sendable {
    /// A configuration value is unusable; the message names it.
    case configuration(String)

    public var description: String {
        switch self {
        case .configuration(let message): "configuration error: \(message)"
        }
    }
}
