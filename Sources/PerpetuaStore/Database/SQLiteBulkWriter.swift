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

    /// How far a commit goes before it returns: SQLite's `synchronous` in WAL mode. A
    /// `full` commit waits for the WAL to reach the disk, and with it every frame written
    /// before; a `normal` one does not, and survives a crash of the process but perhaps not
    /// a power cut.
    enum Durability: String, Sendable {
        case normal = "NORMAL"
        case full = "FULL"
    }

    private struct Connection: @unchecked Sendable {
        var handle: OpaquePointer?
        /// Prepared statements by their SQL, for the statements marked reusable.
        var statements: [String: OpaquePointer] = [:]
        /// The `synchronous` setting in force.
        var durability: Durability = .normal
        /// Commits made at ``SQLiteBulkWriter/finalCommits`` (for tests).
        var finalCommits = 0
    }

    /// The handle is only used under this lock, on the writer's thread.
    private let connection: Mutex<Connection>
    /// One thread: a long transaction never holds up the shared pool's SQLiteNIO queries.
    private let thread: NIOThreadPool
    /// How the last transaction of a projector call commits (the store's setting); the
    /// transactions before it in the same call commit `normal`.
    let finalDurability: Durability

    /// Opens the database file at `path` (which must exist, in WAL mode) and applies
    /// `pragmas`, which must not set `synchronous`: see ``transaction(_:from:to:time:final:)``.
    static func open(path: String, pragmas: [String], finalDurability: Durability) async throws -> SQLiteBulkWriter {
        let thread = NIOThreadPool(numberOfThreads: 1)
        thread.start()
        do {
            let connection = try await thread.runIfActive {
                try Self.connect(path: path, pragmas: pragmas + ["PRAGMA synchronous = \(Durability.normal.rawValue)"])
            }
            return SQLiteBulkWriter(connection: connection, thread: thread, finalDurability: finalDurability)
        } catch {
            try? await thread.shutdownGracefully()
            throw error
        }
    }

    private init(connection: Connection, thread: NIOThreadPool, finalDurability: Durability) {
        self.connection = Mutex(connection)
        self.thread = thread
        self.finalDurability = finalDurability
    }

    private static func connect(path: String, pragmas: [String]) throws -> Connection {
        var handle: OpaquePointer?
        // No connection mutex: only the writer's thread uses the handle, under `connection`'s
        // lock, and SQLite's own locking of it was 7 to 9 % of the writer's time in profiles.
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX
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
    /// (``StoreDatabase/projectorTransaction(_:from:to:time:final:)``).
    ///
    /// A `final` transaction commits at ``finalDurability``, the others `normal`: a catch-up
    /// of many transactions then waits for the disk once, at its end, and that wait covers
    /// every transaction before it. The projector reports its position as durable only
    /// after a final commit, and the journal keeps every command after that position.
    func transaction(_ statements: [BulkStatement], from expected: UInt64, to sequence: UInt64, time: Int64, final: Bool) async throws {
        let durability = final ? finalDurability : .normal
        try await thread.runIfActive {
            try self.connection.withLock { connection in
                if connection.durability != durability {
                    try Self.execute("PRAGMA synchronous = \(durability.rawValue)", on: &connection)
                    connection.durability = durability
                }
                try Self.transaction(statements, from: expected, to: sequence, time: time, on: &connection)
                if final { connection.finalCommits += 1 }
            }
        }
    }

    /// Transactions committed with `final` set.
    var finalCommits: Int { connection.withLock { $0.finalCommits } }

    /// The connection's `synchronous` setting as SQLite reports it (1 NORMAL, 2 FULL).
    func synchronous() async throws -> Int64? {
        try await thread.runIfActive {
            try self.connection.withLock { try Self.integer("PRAGMA synchronous", on: &$0) }
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
    private static func run(_ sql: String, _ values: some Collection<SQLValue>, reusable: Bool, on connection: inout Connection) throws {
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
            // Every placeholder is bound again on the next use, so no clear_bindings.
            if reusable {
                sqlite_nio_sqlite3_reset(statement)
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
            case .text(let v): code = bindText(v, at: index, of: statement)
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

    /// Binds the string's UTF-8 bytes where they are (SQLite copies them): passing the
    /// `String` as a C string would build a NUL-terminated copy on the heap for each value.
    private static func bindText(_ text: String, at index: Int32, of statement: OpaquePointer) -> Int32 {
        var text = text
        return text.withUTF8 { bytes in
            // An empty buffer may have no address, and SQLite reads a NULL pointer as SQL NULL.
            guard let base = bytes.baseAddress, !bytes.isEmpty else {
                return sqlite_nio_sqlite3_bind_text(statement, index, "", 0, transient)
            }
            return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                sqlite_nio_sqlite3_bind_text(statement, index, $0, Int32(bytes.count), transient)
            }
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
