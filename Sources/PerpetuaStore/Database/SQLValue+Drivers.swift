import NIOCore
import PostgresKit
import SQLiteKit

/// The driver-native form of each value: what SQLiteNIO and PostgresNIO bind directly.
extension SQLValue {
    var sqliteData: SQLiteData {
        switch self {
        case .integer(let v): .integer(Int(v))
        case .text(let v): .text(v)
        case .blob(let v): .blob(ByteBuffer(bytes: v))
        case .null: .null
        }
    }

    func append(to bindings: inout PostgresBindings) {
        switch self {
        case .integer(let v): bindings.append(v)
        case .text(let v): bindings.append(v)
        case .blob(let v): bindings.append(ByteBuffer(bytes: v))
        case .null: bindings.appendNull()
        }
    }
}
