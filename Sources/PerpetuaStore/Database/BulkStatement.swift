import PostgresKit

/// A multi-row statement ready to run: its text, with placeholders in the dialect's syntax,
/// and its values, for PostgreSQL already in the driver's bind type. The conversion happens
/// where the projector builds the next transaction's rows, beside the writer, so the
/// writer's serial path only hands the binds to the driver.
struct BulkStatement: Sendable {
    enum Binds: Sendable {
        /// Bound one by one through SQLite's C API (``SQLiteBulkWriter``): a slice of the
        /// table's value buffer, not a copy of it.
        case sqlite(ArraySlice<SQLValue>)
        case postgres(PostgresBindings)
    }

    let sql: String
    let binds: Binds
    /// Whether the same text comes again (a full chunk of rows), so that a prepared
    /// statement is worth keeping.
    let reusable: Bool

    init(sql: String, values: ArraySlice<SQLValue>, flavor: SQLFlavor, reusable: Bool) {
        self.sql = sql
        self.reusable = reusable
        switch flavor {
        case .sqlite:
            binds = .sqlite(values)
        case .postgres:
            var bindings = PostgresBindings(capacity: values.count)
            for value in values { value.append(to: &bindings) }
            binds = .postgres(bindings)
        }
    }
}
