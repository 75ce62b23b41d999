import HTTPTypes
import Synchronization

/// Headers gathered while a request is handled, shared by reference between the
/// middleware that writes the response and the code that learns what to send (the rate
/// limiter's figures, a handler's cookie), because the context is a value that each layer
/// copies.
public final class ResponseHeaders: Sendable {
    private let fields = Mutex(HTTPFields())

    public init() {}

    /// Sets `name` to `value`, replacing earlier values.
    public func set(_ name: HTTPField.Name, _ value: String) {
        fields.withLock { $0[name] = value }
    }

    /// Adds a value (for headers that repeat, such as `Set-Cookie`).
    public func append(_ name: HTTPField.Name, _ value: String) {
        fields.withLock { $0.append(HTTPField(name: name, value: value)) }
    }

    /// Everything gathered so far.
    public var all: HTTPFields { fields.withLock { $0 } }
}
