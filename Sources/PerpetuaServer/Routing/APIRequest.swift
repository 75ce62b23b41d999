import Foundation
import Hummingbird
import NIOCore
import PerpetuaCore

/// What a route handler sees: the request, its whole body (already read, because the
/// signature covers its raw bytes), the authenticated caller, and the clock's time.
public struct APIRequest: Sendable {
    public let head: Request
    public let context: APIRequestContext
    public let body: ByteBuffer
    /// The caller; nil on open routes.
    public let principal: Principal?
    /// The exchange clock's time (ms) when the request arrived.
    public let now: Int64
    let limiter: RateLimiter

    /// The authenticated user's id. Only for routes whose access needs a user.
    public var userId: UInt64 { principal?.userId ?? 0 }

    /// The first value of a query parameter, percent-decoded.
    public func query(_ name: String) -> String? {
        head.uri.queryParameters[Substring(name)].map(String.init)
    }

    /// A required query parameter (12001 naming it when absent or empty).
    public func requiredQuery(_ name: String) throws -> String {
        guard let value = query(name), !value.isEmpty else { throw APIError.invalid(name, "is required") }
        return value
    }

    /// An optional integer query parameter within `range`; present but empty is not an integer.
    public func integerQuery(_ name: String, in range: ClosedRange<Int64>? = nil) throws -> Int64? {
        guard let text = query(name) else { return nil }
        guard let value = Int64(text) else { throw APIError.invalid(name, "must be an integer, got \"\(text)\"") }
        if let range, !range.contains(value) {
            throw APIError.invalid(name, "must be between \(range.lowerBound) and \(range.upperBound), got \(value)")
        }
        return value
    }

    /// Decodes the JSON body (an empty body reads as `{}`, so missing fields are named).
    /// A wrong type, a null, or a number the field cannot hold answers 12001 naming the field
    /// by its whole path (``FieldNamingDecoder``); only malformed JSON names `body`.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let bytes = body.readableBytes == 0 ? Data("{}".utf8) : Data(body.readableBytesView)
        do {
            return try JSONDecoder().decode(FieldNamed<T>.self, from: bytes).value
        } catch let error as APIError {
            throw error
        } catch let error as PerpetuaError {
            throw APIError(error)
        } catch let error as DecodingError {
            throw APIError(Self.describe(error))
        } catch {
            throw APIError.invalid("body", "is not valid JSON: \(error)")
        }
    }

    /// Takes `count` orders from the user's order bucket (each order of a batch counts).
    public func consumeOrders(_ count: Int) throws {
        guard count > 0 else { return }
        try limiter.consumeOrders(userId: userId, count: count, headers: context.responseHeaders)
    }

    /// The 12001 of a decoding error, naming the field by its whole path. With
    /// ``FieldNamingDecoder`` in place, a `dataCorrupted` without a path is malformed JSON.
    static func describe(_ error: DecodingError) -> PerpetuaError {
        func path(_ codingPath: [any CodingKey], _ extra: (any CodingKey)? = nil) -> String {
            FieldPath.name(codingPath + (extra.map { [$0] } ?? []))
        }
        switch error {
        case .keyNotFound(let key, let context):
            return .invalid(path(context.codingPath, key), "is required")
        case .typeMismatch(let type, let context):
            return .invalid(path(context.codingPath), "must be \(Self.typeName(type))")
        case .valueNotFound(let type, let context):
            return .invalid(path(context.codingPath), "must be \(Self.typeName(type)), not null")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return .invalid("body", "is not a valid JSON object") }
            return .invalid(path(context.codingPath), "has an invalid value")
        @unknown default:
            return .invalid("body", "could not be read")
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        if type == String.self || type == String?.self { return "a string" }
        if type == Bool.self || type == Bool?.self { return "true or false" }
        if type is any FixedWidthInteger.Type { return "an integer" }
        if type is any BinaryFloatingPoint.Type { return "a number" }
        let name = String(describing: type)
        if name.hasPrefix("Array") { return "an array" }
        if name.hasPrefix("Dictionary") { return "a JSON object" }
        return "a valid \(name)"
    }
}
