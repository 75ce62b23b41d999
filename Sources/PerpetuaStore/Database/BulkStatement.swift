import PostgresKit
import SQLiteKit

/// A multi-row statement ready to run: its text, with placeholders in the dialect's syntax,
/// and its values already in the driver's bind type. The conversion happens where the
/// projector builds the next transaction's rows, beside the writer, so the writer's serial
/// path only hands the binds to the driver.
struct BulkStatement: Sendable {
    enum Binds: Sendable {
        case sqlite([SQLiteData])
        case postgres(PostgresBindings)
    }

    let sql: String
    let binds: Binds

    init(sql: String, values: ArraySlice<SQLValue>, flavor: SQLFlavor) {
        self.sql = sql
        switch flavor {
        case .sqlite:
            binds = .sqlite(values.map(\.sqliteData))
        case .postgres:
            var bindings = PostgresBindings(capacity: values.count)
            for value in values { value.append(to: &bindings) }
            binds = .postgres(bindings)
        }
    }
}
