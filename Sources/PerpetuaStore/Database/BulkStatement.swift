/// A multi-row statement ready to run: its text, with placeholders numbered from 1 in the
/// dialect's syntax, and the values to bind in order.
struct BulkStatement: Sendable {
    let sql: String
    let values: ArraySlice<SQLValue>
}
