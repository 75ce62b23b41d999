import Foundation
import PerpetuaCore

/// A decimal field of a request body: a JSON string, never a number (API.md §1). A number
/// is refused with 12001 and a message showing the string to send instead, because a
/// binary float cannot carry money exactly. The error names the field's whole path
/// (`orders[3].price`), since a batch or a strategy repeats the same field names.
struct DecimalField: Decodable, Sendable {
    let text: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let field = FieldPath.name(decoder.codingPath)
        if let text = try? container.decode(String.self) {
            self.text = text
        } else if let number = try? container.decode(Decimal.self) {
            throw APIError.invalid(field, "must be a JSON string, not a number: send \"\(number)\"")
        } else {
            throw APIError.invalid(field, "must be a decimal string such as \"0.5\"")
        }
    }

    func price(_ field: String) throws -> Price {
        do { return try Price(parsing: text) } catch { throw APIError(error.error(field: field, kind: .price)) }
    }

    func quantity(_ field: String) throws -> Quantity {
        do { return try Quantity(parsing: text) } catch { throw APIError(error.error(field: field, kind: .quantity)) }
    }

    func amount(_ field: String) throws -> Amount {
        do { return try Amount(parsing: text) } catch { throw APIError(error.error(field: field, kind: .other)) }
    }

    func rate(_ field: String) throws -> Rate {
        do { return try Rate(parsing: text) } catch { throw APIError(error.error(field: field, kind: .other)) }
    }
}

/// An upper-case enum value of a request (API.md §1), with a message listing the choices.
func parseEnum<Value: RawRepresentable & CaseIterable>(_ field: String, _ text: String?, default fallback: Value? = nil) throws -> Value
where Value.RawValue == String {
    guard let text else {
        if let fallback { return fallback }
        throw APIError.invalid(field, "is required")
    }
    guard let value = Value(rawValue: text) else {
        let choices = Value.allCases.map(\.rawValue).joined(separator: ", ")
        throw APIError.invalid(field, "must be one of \(choices), got \"\(text)\"")
    }
    return value
}

/// A `clientOrderId` (`^[A-Za-z0-9_:.\-]{1,36}$`).
func parseClientOrderId(_ field: String, _ text: String?) throws -> ClientOrderId? {
    guard let text else { return nil }
    guard let id = ClientOrderId(text) else {
        throw APIError.invalid(field, "must be 1 to 36 characters of A-Z a-z 0-9 _ : . -")
    }
    return id
}

/// An id given as a decimal string (or, leniently, a JSON integer).
struct IdField: Decodable, Sendable {
    let value: UInt64

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let field = FieldPath.name(decoder.codingPath)
        if let text = try? container.decode(String.self) {
            guard let value = UInt64(text) else { throw APIError.invalid(field, "must be a decimal id string, got \"\(text)\"") }
            self.value = value
        } else if let value = try? container.decode(UInt64.self) {
            self.value = value
        } else {
            throw APIError.invalid(field, "must be a decimal id string")
        }
    }
}
