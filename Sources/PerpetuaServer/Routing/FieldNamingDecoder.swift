import Foundation

/// Wraps the decoder that `JSONDecoder` hands a body type, so that a JSON number a field
/// cannot hold (`2.5` or `1e30` for an integer) answers 12001 naming the field.
///
/// swift-foundation's `JSONDecoder` throws its internal `JSONError` from the field's
/// `decode` in that case and turns it into "the given data was not valid JSON" with an
/// empty coding path only at the top, which would tell a client that a well-formed body is
/// malformed, and not which field is wrong. The wrapper catches the error where the path is
/// still known. Every nested value is decoded through ``FieldNamed`` so that the wrapping
/// reaches the leaves; the types `JSONDecoder` decodes itself (`Decimal`, `Date`, `Data`,
/// `URL`) are passed through, or they would be read in their keyed `Codable` form.
struct FieldNamingDecoder: Decoder {
    let base: any Decoder

    init(_ base: any Decoder) { self.base = base }

    var codingPath: [any CodingKey] { base.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { base.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Keyed(base: try base.container(keyedBy: type)))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        Unkeyed(base: try base.unkeyedContainer())
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        Single(base: try base.singleValueContainer())
    }

    /// Whether `JSONDecoder` reads `T` itself rather than through `T.init(from:)`.
    static func isDecodedByJSONDecoder<T>(_ type: T.Type) -> Bool {
        type == Decimal.self || type == Date.self || type == Data.self || type == URL.self
    }

    /// Decodes a number, turning a failure that is not a `DecodingError` into 12001 at
    /// `path` when the number is well formed but does not fit `T`; `raw` reads it again as a
    /// `Decimal` for the message.
    static func number<T>(_ type: T.Type, at path: [any CodingKey], _ decode: () throws -> T, raw: () -> Decimal?) throws -> T {
        do {
            return try decode()
        } catch let error as DecodingError {
            throw error
        } catch {
            throw fieldError(error, type, at: path, raw: raw())
        }
    }

    /// What to throw for `error` from decoding a number as `T`. `JSONDecoder` checks a
    /// number's syntax only when a field reads it, so the same error type also carries a
    /// malformed number (`01`, `1.`); that one is malformed JSON and stays `error`, which
    /// `JSONDecoder` reports as such. A number that reads as a `Decimal` is well formed; one
    /// too large even for that (`1e400`) is told apart by the error's case name, and when a
    /// Foundation release renames it, such a number falls back to "not valid JSON".
    static func fieldError<T>(_ error: any Error, _ type: T.Type, at path: [any CodingKey], raw: Decimal?) -> any Error {
        guard raw != nil || String(describing: error).hasPrefix("numberIsNotRepresentableInSwift") else { return error }
        return unrepresentable(type, at: path, raw: raw)
    }

    /// 12001 for a number that `T` cannot hold, saying what `T` takes.
    static func unrepresentable<T>(_ type: T.Type, at path: [any CodingKey], raw: Decimal?) -> APIError {
        let got = raw.map { ", got \($0)" } ?? ""
        let field = FieldPath.name(path)
        guard let integer = type as? any FixedWidthInteger.Type else {
            return APIError.invalid(field, "must be a number within the range of \(type)\(got)")
        }
        if let raw, raw.description.contains(".") {
            return APIError.invalid(field, "must be a whole number\(got)")
        }
        return APIError.invalid(field, "must be an integer from \(integer.min) to \(integer.max)\(got)")
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let base: KeyedDecodingContainer<Key>

        var codingPath: [any CodingKey] { base.codingPath }
        var allKeys: [Key] { base.allKeys }
        func contains(_ key: Key) -> Bool { base.contains(key) }
        func decodeNil(forKey key: Key) throws -> Bool { try base.decodeNil(forKey: key) }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try base.decode(type, forKey: key) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try base.decode(type, forKey: key) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try number(type, key) { try base.decode(type, forKey: key) } }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try number(type, key) { try base.decode(type, forKey: key) } }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try number(type, key) { try base.decode(type, forKey: key) } }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try number(type, key) { try base.decode(type, forKey: key) } }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try number(type, key) { try base.decode(type, forKey: key) } }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try number(type, key) { try base.decode(type, forKey: key) } }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try number(type, key) { try base.decode(type, forKey: key) } }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try number(type, key) { try base.decode(type, forKey: key) } }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try number(type, key) { try base.decode(type, forKey: key) } }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try number(type, key) { try base.decode(type, forKey: key) } }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try number(type, key) { try base.decode(type, forKey: key) } }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try number(type, key) { try base.decode(type, forKey: key) } }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            if FieldNamingDecoder.isDecodedByJSONDecoder(type) {
                return try FieldNamingDecoder.number(type, at: codingPath + [key], { try base.decode(type, forKey: key) }, raw: { nil })
            }
            return try base.decode(FieldNamed<T>.self, forKey: key).value
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            KeyedDecodingContainer(Keyed<NestedKey>(base: try base.nestedContainer(keyedBy: type, forKey: key)))
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            Unkeyed(base: try base.nestedUnkeyedContainer(forKey: key))
        }

        func superDecoder() throws -> any Decoder { FieldNamingDecoder(try base.superDecoder()) }
        func superDecoder(forKey key: Key) throws -> any Decoder { FieldNamingDecoder(try base.superDecoder(forKey: key)) }

        private func number<T>(_ type: T.Type, _ key: Key, _ decode: () throws -> T) throws -> T {
            try FieldNamingDecoder.number(type, at: codingPath + [key], decode, raw: { try? base.decode(Decimal.self, forKey: key) })
        }
    }

    struct Unkeyed: UnkeyedDecodingContainer {
        var base: any UnkeyedDecodingContainer

        var codingPath: [any CodingKey] { base.codingPath }
        var count: Int? { base.count }
        var isAtEnd: Bool { base.isAtEnd }
        var currentIndex: Int { base.currentIndex }
        mutating func decodeNil() throws -> Bool { try base.decodeNil() }
        mutating func decode(_ type: Bool.Type) throws -> Bool { try base.decode(type) }
        mutating func decode(_ type: String.Type) throws -> String { try base.decode(type) }
        mutating func decode(_ type: Double.Type) throws -> Double { try number(type) { try $0.decode(type) } }
        mutating func decode(_ type: Float.Type) throws -> Float { try number(type) { try $0.decode(type) } }
        mutating func decode(_ type: Int.Type) throws -> Int { try number(type) { try $0.decode(type) } }
        mutating func decode(_ type: Int8.Type) throws -> Int8 { try number(type) { try $0.decode(type) } }
        mutating func decode(_ type: Int16.Type) throws -> Int16 { try number(type) { try $0.decode(type) } }
        mutating func decode(_ type: Int32.Type) throws -> Int32 { try number(type) { try $0.decode(type) } }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { try number(type) { try $0.decode(type) } }
        mutating func decode(_ type: UInt.Type) throws -> UInt { try number(type) { try $0.decode(type) } }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try number(type) { try $0.decode(type) } }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try number(type) { try $0.decode(type) } }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try number(type) { try $0.decode(type) } }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try number(type) { try $0.decode(type) } }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            if FieldNamingDecoder.isDecodedByJSONDecoder(type) {
                let path = codingPath + [IndexKey(currentIndex)]
                return try FieldNamingDecoder.number(type, at: path, { try base.decode(type) }, raw: { nil })
            }
            return try base.decode(FieldNamed<T>.self).value
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            KeyedDecodingContainer(Keyed<NestedKey>(base: try base.nestedContainer(keyedBy: type)))
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            Unkeyed(base: try base.nestedUnkeyedContainer())
        }

        mutating func superDecoder() throws -> any Decoder { FieldNamingDecoder(try base.superDecoder()) }

        /// A failed decode does not move the container on, so the number can be read again
        /// as a `Decimal` for the message.
        private mutating func number<T>(_ type: T.Type, _ decode: (inout any UnkeyedDecodingContainer) throws -> T) throws -> T {
            let path = codingPath + [IndexKey(currentIndex)]
            do {
                return try decode(&base)
            } catch let error as DecodingError {
                throw error
            } catch {
                throw FieldNamingDecoder.fieldError(error, type, at: path, raw: try? base.decode(Decimal.self))
            }
        }
    }

    struct Single: SingleValueDecodingContainer {
        let base: any SingleValueDecodingContainer

        var codingPath: [any CodingKey] { base.codingPath }
        func decodeNil() -> Bool { base.decodeNil() }
        func decode(_ type: Bool.Type) throws -> Bool { try base.decode(type) }
        func decode(_ type: String.Type) throws -> String { try base.decode(type) }
        func decode(_ type: Double.Type) throws -> Double { try number(type) { try base.decode(type) } }
        func decode(_ type: Float.Type) throws -> Float { try number(type) { try base.decode(type) } }
        func decode(_ type: Int.Type) throws -> Int { try number(type) { try base.decode(type) } }
        func decode(_ type: Int8.Type) throws -> Int8 { try number(type) { try base.decode(type) } }
        func decode(_ type: Int16.Type) throws -> Int16 { try number(type) { try base.decode(type) } }
        func decode(_ type: Int32.Type) throws -> Int32 { try number(type) { try base.decode(type) } }
        func decode(_ type: Int64.Type) throws -> Int64 { try number(type) { try base.decode(type) } }
        func decode(_ type: UInt.Type) throws -> UInt { try number(type) { try base.decode(type) } }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try number(type) { try base.decode(type) } }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try number(type) { try base.decode(type) } }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try number(type) { try base.decode(type) } }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try number(type) { try base.decode(type) } }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            if FieldNamingDecoder.isDecodedByJSONDecoder(type) {
                return try FieldNamingDecoder.number(type, at: codingPath, { try base.decode(type) }, raw: { nil })
            }
            return try base.decode(FieldNamed<T>.self).value
        }

        private func number<T>(_ type: T.Type, _ decode: () throws -> T) throws -> T {
            try FieldNamingDecoder.number(type, at: codingPath, decode, raw: { try? base.decode(Decimal.self) })
        }
    }

    /// An array position in a coding path (`[3]` in a field name).
    struct IndexKey: CodingKey {
        let intValue: Int?
        var stringValue: String { "Index \(intValue ?? 0)" }
        init(_ index: Int) { intValue = index }
        init?(stringValue: String) { nil }
        init?(intValue: Int) { self.intValue = intValue }
    }
}

/// A value decoded through ``FieldNamingDecoder``: what ``APIRequest/decode(_:)`` asks
/// `JSONDecoder` for, and what the wrapper's containers ask for each nested value.
struct FieldNamed<Value: Decodable>: Decodable {
    let value: Value

    init(from decoder: any Decoder) throws {
        value = try Value(from: FieldNamingDecoder(decoder))
    }
}
