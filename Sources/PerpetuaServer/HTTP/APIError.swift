import Hummingbird
import PerpetuaCore

/// A failure the API reports: a catalogue code (API.md §3), its message, and the `data`
/// that helps fix it. Routes throw this or ``PerpetuaError``; ``APIErrorMiddleware`` turns
/// both into the envelope with the code's HTTP status.
public struct APIError: Error, Sendable {
    public var code: ErrorCode
    public var message: String
    /// The envelope's `data`: details to fix the request, or a resource (the existing
    /// order of a 13015).
    public var data: (any Encodable & Sendable)?
    /// Overrides the code's status (405 for a wrong method on a known path).
    public var status: HTTPResponse.Status?

    public init(_ code: ErrorCode, message: String? = nil, data: (any Encodable & Sendable)? = nil, status: HTTPResponse.Status? = nil) {
        self.code = code
        self.message = message ?? PerpetuaError(code).message
        self.data = data
        self.status = status
    }

    /// The API form of an engine or parsing error: its details become `data`.
    public init(_ error: PerpetuaError) {
        self.init(error.code, message: error.message, data: error.details.isEmpty ? nil : error.details)
    }

    /// 12001 naming the field.
    public static func invalid(_ field: String, _ reason: String) -> APIError {
        APIError(PerpetuaError.invalid(field, reason))
    }
}
