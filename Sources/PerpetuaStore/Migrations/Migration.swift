import SQLKit

/// One step of the schema: applied once, in its own transaction, in version order, and
/// recorded in `schema_migrations` in that same transaction.
struct Migration: Sendable {
    /// Position in the ordered list; never reused or renumbered once released.
    let version: Int
    let name: String
    let apply: @Sendable (any SQLDatabase, SQLFlavor) async throws -> Void
}
