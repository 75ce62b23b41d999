import Foundation
import NIOPosix
import Synchronization
// SQLiteNIO's copy of SQLite, the one every other connection of the store uses: a second
// copy in the process would keep its own POSIX lock table and could corrupt the database.
import VaporCSQLite

/// The projector's own SQLite connection, driven through SQLite's C API on a thread of its
/// own, with its prepared statements kept from one transaction to the next.
///
/// Why not SQLiteNIO, which every other query of the store goes through: it prepares each
/// statement anew and offers no way to keep one. A projector statement carries a few
/// thousand placeholders, and parsing and compiling it again for every chunk of rows was a
/// fifth of the writer's time, the writer being the projector's limit on SQLite. Here a
/// full-size statement of each table is prepared once, and a transaction is one job for
/// the writer's thread instead of one trip to the shared thread pool per statement.
///
/// It is a second writer on the file beside the store's SQLiteNIO writer (sessions, keys,
/// favourites). ``StoreDatabase`` runs its transactions while holding that writer's
/// connection, so the two never wait for each other inside SQLite: a thread blocked in
/// SQLite's busy handler while the lock's holder needs a thread-pool thread to finish is a
/// deadlock once every thread of the pool waits so (tests that run many stores at once
/// hit it). The busy timeout is only for other processes on the same file.
final class SQLiteBulkWriter: Sendable {
    /// How long a transaction waits for a writer outside this process before it fails.
    static let busyTimeoutMilliseconds: Int32 = 30_000

    private struct Connection: @unchecked Sendable {
        var handle: OpaquePointer?
        /// Prepared statements by their SQL, for the statements marked reusable.
        var statements: [String: OpaquePointer] = [:]
    }

    /// The handle is only used under this lock, on the writer's thread.
    private let connection: Mutex<Connection>
    /// One thread: a long transaction never holds up the shared pool's SQLiteNIO queries.
    private let thread: NIOThreadPool

    /// Opens the database file at `path` (which must exist, in WAL mode) and applies `pragmas`.
    static func open(path: String, pragmas: [String]) async throws -> SQLiteBulkWriter {
        let thread = NIOThreadPool(numberOfThreads: 1)
        thread.start()
        do {
            let connection = try await thread.runIfActive { try Self.connect(path: path, pragmas: pragmas) }
            return SQLiteBulkWriter(connection: connection, thread: thread)
        } catch {
            try? await thread.shutdownGracefully()
            throw error
        }
    }

    private init(connection: Connection, thread: NIOThreadPool) {
        self.connection = Mutex(connection)
        self.thread = thread
    }

    private static func connect(path: String, pragmas: [String]) throws -> Connection {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX
        let opened = sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil)
        guard opened == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite_nio_sqlite3_close_v2(handle)
            throw SQLiteBulkWriterError(code: opened, message: "opening \(path): \(message)")
        }
        sqlite_nio_sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
        var connection = Connection(handle: handle)
        do {
            for pragma in pragmas { try execute(pragma, on: &connection) }
        } catch {
            sqlite_nio_sqlite3_close_v2(handle)
            throw error
        }
        return connection
    }

    /// Runs one projector transaction on the writer's thread: `statements`, then the
    /// compare-and-set of the stored sequence number from `expected` to `sequence`. Throws
    /// ``ProjectorError/concurrentProjector(expected:found:)`` when another projector moved
    /// the number, and rolls back on any error. The caller holds the store's other writer
    /// (``StoreDatabase/projectorTransaction(_:from:to:time:)``).
    func transaction(_ statements: [BulkStatement], from expected: UInt64, to sequence: UInt64, time: Int64) async throws {
        try await thread.runIfActive {
            try self.connection.withLock { connection in
                try Self.transaction(statements, from: expected, to: sequence, time: time, on: &connection)
            }
        }
    }

    /// Finalizes the statements, closes the connection and stops the thread; later
    /// transactions fail.
    func close() async {
        _ = try? await thread.runIfActive {
            self.connection.withLock { connection in
                for statement in connection.statements.values { sqlite_nio_sqlite3_finalize(statement) }
                connection.statements = [:]
                sqlite_nio_sqlite3_close_v2(connection.handle)
                connection.handle = nil
            }
        }
        try? await thread.shutdownGracefully()
    }

    // MARK: On the thread pool, under the lock

    private static func transaction(
        _ statements: [BulkStatement], from expected: UInt64, to sequence: UInt64, time: Int64, on connection: inout Connection
    ) throws {
        try execute("BEGIN IMMEDIATE", on: &connection)
        do {
            for statement in statements {
                guard case .sqlite(let values) = statement.binds else { preconditionFailure("PostgreSQL binds on SQLite") }
                try run(statement.sql, values, reusable: statement.reusable, on: &connection)
            }
            let handle = connection.handle
            try run(
                #"UPDATE "projector_state" SET "last_sequence" = ?, "updated_at" = ? WHERE "id" = 1 AND "last_sequence" = ?"#,
                [.integer(Int64(bitPattern: sequence)), .integer(time), .integer(Int64(bitPattern: expected))],
                reusable: true, on: &connection)
            if sqlite_nio_sqlite3_changes(handle) != 1 {
                let found = try integer(#"SELECT "last_sequence" FROM "projector_state" WHERE "id" = 1"#, on: &connection) ?? 0
                throw ProjectorError.concurrentProjector(expected: expected, found: UInt64(bitPattern: found))
            }
            try execute("COMMIT", on: &connection)
        } catch {
            // A failed COMMIT may leave the transaction open (SQLITE_BUSY); roll it back.
            if let handle = connection.handle, sqlite_nio_sqlite3_get_autocommit(handle) == 0 {
                try? execute("ROLLBACK", on: &connection)
            }
            throw error
        }
    }

    /// Prepares (or takes from the cache), binds and steps a statement to its end.
    private static func run(_ sql: String, _ values: [SQLValue], reusable: Bool, on connection: inout Connection) throws {
        guard let handle = connection.handle else { throw SQLiteBulkWriterError(code: SQLITE_MISUSE, message: "the connection is closed") }
        let statement: OpaquePointer
        if reusable, let cached = connection.statements[sql] {
            statement = cached
        } else {
            var prepared: OpaquePointer?
            let flags = reusable ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
            let code = sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, flags, &prepared, nil)
            guard code == SQLITE_OK, let prepared else { throw error(code, handle, "preparing") }
            statement = prepared
            if reusable { connection.statements[sql] = prepared }
        }
        defer {
            if reusable {
                sqlite_nio_sqlite3_reset(statement)
                sqlite_nio_sqlite3_clear_bindings(statement)
            } else {
                sqlite_nio_sqlite3_finalize(statement)
            }
        }
        guard Int(sqlite_nio_sqlite3_bind_parameter_count(statement)) == values.count else {
            throw SQLiteBulkWriterError(
                code: SQLITE_RANGE,
                message: "the statement has \(sqlite_nio_sqlite3_bind_parameter_count(statement)) placeholders for \(values.count) values")
        }
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .integer(let v): code = sqlite_nio_sqlite3_bind_int64(statement, index, v)
            case .text(let v): code = sqlite_nio_sqlite3_bind_text(statement, index, v, -1, transient)
            case .blob(let v):
                code = v.withUnsafeBytes { sqlite_nio_sqlite3_bind_blob(statement, index, $0.baseAddress, Int32($0.count), transient) }
            case .null: code = sqlite_nio_sqlite3_bind_null(statement, index)
            }
            guard code == SQLITE_OK else { throw error(code, handle, "binding value \(index)") }
        }
        while true {
            let code = sqlite_nio_sqlite3_step(statement)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw error(code, handle, "running") }
        }
    }

    /// The first column of the first row of a query without parameters.
    private static func integer(_ sql: String, on connection: inout Connection) throws -> Int64? {
        guard let handle = connection.handle else { throw SQLiteBulkWriterError(code: SQLITE_MISUSE, message: "the connection is closed") }
        var statement: OpaquePointer?
        let code = sqlite_nio_sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else { throw error(code, handle, "preparing") }
        defer { sqlite_nio_sqlite3_finalize(statement) }
        switch sqlite_nio_sqlite3_step(statement) {
        case SQLITE_ROW: return sqlite_nio_sqlite3_column_int64(statement, 0)
        case SQLITE_DONE: return nil
        case let failed: throw error(failed, handle, "running")
        }
    }

    private static func execute(_ sql: String, on connection: inout Connection) throws {
        guard let handle = connection.handle else { throw SQLiteBulkWriterError(code: SQLITE_MISUSE, message: "the connection is closed") }
        let code = sqlite_nio_sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw error(code, handle, sql) }
    }

    private static func error(_ code: Int32, _ handle: OpaquePointer, _ doing: String) -> SQLiteBulkWriterError {
        SQLiteBulkWriterError(code: code, message: "\(doing): \(String(cString: sqlite_nio_sqlite3_errmsg(handle)))")
    }

    /// SQLite copies the bytes before the bind returns (`SQLITE_TRANSIENT`).
    private static var transient: sqlite3_destructor_type { unsafeBitCast(-1, to: sqlite3_destructor_type.self) }
}

/// A failure of the projector's SQLite connection, with SQLite's result code and message.
struct SQLiteBulkWriterError: Error, CustomStringConvertible {
    var code: Int32
    var message: String

    var description: String { "SQLite error \(code): \(message)" }
}
