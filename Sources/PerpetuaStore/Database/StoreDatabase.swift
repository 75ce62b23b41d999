import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit

/// The connections of one store: for SQLite, one writer, a few readers (WAL lets readers
/// run beside the writer, and one writer avoids lock upgrades) and a background
/// checkpointer; for PostgreSQL, one pool for both reads and writes.
final class StoreDatabase: Sendable {
    let flavor: SQLFlavor
    /// On SQLite, the projector's own connection (``SQLiteBulkWriter``); nil on PostgreSQL,
    /// where the projector writes through the pool.
    let projectorWriter: SQLiteBulkWriter?
    private let writers: ConnectionPool
    private let readers: ConnectionPool
    private let checkpointer: Task<Void, Never>?

    /// How many connections read beside the writer.
    static let readerCount = 4
    /// PostgreSQL connections per store (reads and writes share them).
    static let postgresPoolSize = 8
    /// How often the SQLite checkpointer copies the WAL into the database file.
    static let checkpointInterval: Duration = .milliseconds(250)
    /// The writer checkpoints by itself when the WAL reaches this many pages (64 MB). Under
    /// a steady stream of commits the background checkpointer never finds the WAL fully
    /// copied, so without this the WAL would only grow (measured: 216 MB beside a 49 MB
    /// database after 200,000 fills), and writing into fresh file blocks is slower than
    /// rewriting a WAL that restarts. By then the checkpointer has copied most pages, so
    /// the writer's own checkpoint is short.
    static let writerCheckpointPages = 16_384

    private init(
        flavor: SQLFlavor, projectorWriter: SQLiteBulkWriter?, writers: ConnectionPool, readers: ConnectionPool,
        checkpointer: Task<Void, Never>?
    ) {
        self.flavor = flavor
        self.projectorWriter = projectorWriter
        self.writers = writers
        self.readers = readers
        self.checkpointer = checkpointer
    }

    static func open(_ location: StoreLocation, options: StoreOptions, logger: Logger) async throws -> StoreDatabase {
        switch location {
        case .sqlite(let path):
            return try await openSQLite(path: path, options: options, logger: logger)
        case .postgres(let url):
            return try await openPostgres(url: url, logger: logger)
        }
    }

    private static func openSQLite(path: String, options: StoreOptions, logger: Logger) async throws -> StoreDatabase {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let synchronous = options.sqliteSynchronousFull ? "FULL" : "NORMAL"
        // WAL is a property of the file: switch it on before any reader opens it.
        let first = try await sqliteConnection(path: path, logger: logger, pragmas: ["PRAGMA journal_mode = WAL"])
        await first.close()
        // Checkpoints run beside the writers (below), not inside their commits, so that
        // copying pages into the database file uses the other core. Two writers: this
        // pool's and the projector's, which writes while it holds this pool's connection
        // (``projectorTransaction``). The busy timeout (instead of SQLiteNIO's handler, which
        // retries without pausing) is for other processes on the file.
        let writerPragmas = [
            "PRAGMA temp_store = MEMORY", "PRAGMA cache_size = -65536", "PRAGMA wal_autocheckpoint = \(writerCheckpointPages)",
        ]
        let writers = ConnectionPool(capacity: 1) {
            try await sqliteConnection(
                path: path, logger: logger,
                pragmas: writerPragmas + [
                    "PRAGMA synchronous = \(synchronous)", "PRAGMA busy_timeout = \(SQLiteBulkWriter.busyTimeoutMilliseconds)",
                ])
        }
        // The projector's connection sets `synchronous` per transaction (see
        // ``SQLiteBulkWriter/transaction(_:from:to:time:final:)``).
        let projectorWriter = try await SQLiteBulkWriter.open(
            path: path, pragmas: writerPragmas, finalDurability: options.sqliteSynchronousFull ? .full : .normal)
        let readers = ConnectionPool(capacity: readerCount) {
            try await sqliteConnection(path: path, logger: logger, pragmas: ["PRAGMA query_only = 1"])
        }
        let checkpoints: PooledConnection
        do {
            checkpoints = try await sqliteConnection(path: path, logger: logger, pragmas: [])
        } catch {
            await projectorWriter.close()
            throw error
        }
        let checkpointer = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: checkpointInterval)
                // PASSIVE never waits for readers or the writer; a busy moment just copies
                // fewer pages this round.
                try? await checkpoints.sql.raw("PRAGMA wal_checkpoint(PASSIVE)").run()
            }
            await checkpoints.close()
        }
        return StoreDatabase(
            flavor: .sqlite, projectorWriter: projectorWriter, writers: writers, readers: readers, checkpointer: checkpointer)
    }

    private static func sqliteConnection(path: String, logger: Logger, pragmas: [String]) async throws -> PooledConnection {
        let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        let sql = connection.sql(queryLogLevel: nil)
        for pragma in pragmas {
            try await sql.raw(SQLQueryString(pragma)).run()
        }
        return PooledConnection(
            sql: sql,
            bulk: nil,
            isClosed: { connection.isClosed },
            // The future-based close: the async one is skipped in a cancelled task, and a
            // connection dropped unclosed traps in SQLiteNIO.
            close: { try? await connection.close().get() })
    }

    private static func openPostgres(url: String, logger: Logger) async throws -> StoreDatabase {
        let configuration = try SQLPostgresConfiguration(url: url)
        let core = configuration.coreConfiguration
        let pool = ConnectionPool(capacity: postgresPoolSize) {
            let connection = try await PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.any(), configuration: core,
                id: Int.random(in: 1...Int(Int32.max)), logger: logger)
            return PooledConnection(
                sql: connection.sql(queryLogLevel: nil),
                bulk: { statement in
                    guard case .postgres(let binds) = statement.binds else { preconditionFailure("SQLite binds on PostgreSQL") }
                    let rows = try await connection.query(PostgresQuery(unsafeSQL: statement.sql, binds: binds), logger: logger)
                    for try await _ in rows {}
                },
                isClosed: { connection.isClosed },
                close: { try? await connection.close().get() })
        }
        // Fail at open, not at the first query, when the server is unreachable, with what
        // went wrong: PSQLError's own description hides it ("Generic description to prevent
        // accidental leakage of sensitive data").
        do {
            try await pool.withConnection { try await $0.sql.raw("SELECT 1").run() }
        } catch let error as PSQLError {
            let server = "\(core.host ?? "?"):\(core.port.map(String.init) ?? "?")/\(core.database ?? core.username)"
            let reason = error.serverInfo?[.message] ?? error.underlying.map { "\($0)" } ?? "\(error.code)"
            throw StoreError.cannotConnect(server: server, reason: reason)
        }
        return StoreDatabase(flavor: .postgres, projectorWriter: nil, writers: pool, readers: pool, checkpointer: nil)
    }

    /// Runs one projector transaction on SQLite's projector connection while holding the
    /// writer connection, so that the store's two writers take turns here, waiting
    /// asynchronously, and never inside SQLite. Only on SQLite.
    func projectorTransaction(
        _ statements: [BulkStatement], from expected: UInt64, to sequence: UInt64, time: Int64, final: Bool
    ) async throws {
        guard let projectorWriter else { preconditionFailure("the projector connection is SQLite's") }
        try await writers.withConnection { _ in
            try await projectorWriter.transaction(statements, from: expected, to: sequence, time: time, final: final)
        }
    }

    /// Runs read-only work on a reader connection.
    func read<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await readers.withConnection { try await body($0.sql) }
    }

    /// Runs read-only `body` on a reader connection inside one transaction, so that all of
    /// its queries see the same committed state: on SQLite a deferred transaction (the
    /// first read fixes the WAL snapshot), on PostgreSQL a REPEATABLE READ one.
    func readSnapshot<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let begin = flavor == .sqlite ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
        return try await readers.withConnection { connection in
            let db = connection.sql
            try await db.raw(SQLQueryString(begin)).run()
            do {
                let result = try await body(db)
                try await db.raw("COMMIT").run()
                return result
            } catch {
                try? await db.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    /// Runs `body` in one write transaction: committed when it returns, rolled back when it
    /// throws. On SQLite the transaction takes the write lock at BEGIN, so it never fails
    /// half-way for want of a lock upgrade.
    func transaction<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await writeTransaction { try await body($0.sql) }
    }

    /// ``transaction(_:)`` with the connection's bulk path as well.
    func writeTransaction<R: Sendable>(_ body: @Sendable (PooledConnection) async throws -> R) async throws -> R {
        let begin = flavor == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN"
        return try await writers.withConnection { connection in
            let db = connection.sql
            try await db.raw(SQLQueryString(begin)).run()
            do {
                let result = try await body(connection)
                try await db.raw("COMMIT").run()
                return result
            } catch {
                try? await db.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    func close() async {
        if let checkpointer {
            checkpointer.cancel()
            await checkpointer.value
        }
        await writers.shutdown()
        if flavor == .sqlite { await readers.shutdown() }
        if let projectorWriter { await projectorWriter.close() }
    }
}
