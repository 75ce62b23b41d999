import SQLKit

/// One open database connection as the pool hands it out: the SQLKit view of it, how to
/// tell whether it is still usable, and how to close it.
struct PooledConnection: Sendable {
    let sql: any SQLDatabase
    let isClosed: @Sendable () -> Bool
    let close: @Sendable () async -> Void
}
