import SQLKit

/// One open database connection as the pool hands it out: the SQLKit view of it for every
/// query, on PostgreSQL a bulk path for the projector's multi-row statements (SQLite's
/// projector has a connection of its own, ``SQLiteBulkWriter``), how to tell whether it is
/// still usable, and how to close it.
struct PooledConnection: Sendable {
    let sql: any SQLDatabase
    /// Runs a statement whose placeholders are already numbered, with binds in the native
    /// type of the driver SQLKit itself calls.
    let bulk: (@Sendable (_ statement: BulkStatement) async throws -> Void)?
    let isClosed: @Sendable () -> Bool
    let close: @Sendable () async -> Void
}
