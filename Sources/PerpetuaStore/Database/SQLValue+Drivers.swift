import NIOCore
import PostgresKit

/// The driver-native form of each value: what PostgresNIO binds directly (SQLite's are bound
/// by ``SQLiteBulkWriter``).
extension SQLValue {
    func append(to bindings: inout PostgresBindings) {
        switch self {
        case .integer(let v): bindings.append(v)
        case .text(let v): bindings.append(v)
        case .blob(let v): bindings.append(ByteBuffer(bytes: v))
        case .null: bindings.appendNull()
        }
    }
}
