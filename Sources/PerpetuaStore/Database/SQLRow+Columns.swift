import Foundation
import PerpetuaCore
import SQLKit

/// Typed column readers, so that every query decodes fixed-point units, ids and enums
/// the same way.
extension SQLRow {
    func int(_ column: String) throws -> Int64 { try decode(column: column, as: Int64.self) }
    func optionalInt(_ column: String) throws -> Int64? { try decode(column: column, as: Int64?.self) }
    func id(_ column: String) throws -> UInt64 { UInt64(bitPattern: try int(column)) }
    func optionalId(_ column: String) throws -> UInt64? { try optionalInt(column).map { UInt64(bitPattern: $0) } }
    func text(_ column: String) throws -> String { try decode(column: column, as: String.self) }
    func optionalText(_ column: String) throws -> String? { try decode(column: column, as: String?.self) }
    func bool(_ column: String) throws -> Bool { try int(column) != 0 }

    func fixed<T: FixedPointDecimal>(_ column: String, as: T.Type = T.self) throws -> T { T(units: try int(column)) }
    func optionalFixed<T: FixedPointDecimal>(_ column: String, as: T.Type = T.self) throws -> T? {
        try optionalInt(column).map { T(units: $0) }
    }

    func exact(_ column: String) throws -> ExactProduct {
        let text = try text(column)
        guard let value = ExactProduct(storedText: text) else { throw StoreCorruptionError(column: column, value: text) }
        return value
    }

    /// An enum stored by its API name.
    func named<T: RawRepresentable>(_ column: String, as: T.Type = T.self) throws -> T where T.RawValue == String {
        let text = try text(column)
        guard let value = T(rawValue: text) else { throw StoreCorruptionError(column: column, value: text) }
        return value
    }

    func optionalNamed<T: RawRepresentable>(_ column: String, as: T.Type = T.self) throws -> T? where T.RawValue == String {
        guard let text = try optionalText(column) else { return nil }
        guard let value = T(rawValue: text) else { throw StoreCorruptionError(column: column, value: text) }
        return value
    }

    /// A BLOB (SQLite) or BYTEA (PostgreSQL); `Data` is the type both drivers map natively.
    func bytes(_ column: String) throws -> [UInt8] {
        [UInt8](try decode(column: column, as: Data.self))
    }
}
