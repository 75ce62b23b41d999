import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit

/// The connections of one store: for SQLite, one writer and a few readers (WAL lets readers
/// run beside the writer, and one writer avoids lock upgrades); for PostgreSQL, one pool
/// for both.
final class StoreDatabase: Sendable {
    let flavor: SQLFlavor
    private let writers: ConnectionPool
    private let readers: ConnectionPool

    /// How many connections read beside the writer.
    static let readerCount = 4
    /// PostgreSQL connections per store (reads and writes share them).
    static let postgresPoolSize = 8

    private init(flavor: SQLFlavor, writers: ConnectionPool, readers: ConnectionPool) {
        self.flavor = flavor
        self.writers = writers
        self.readers = readers
    }

    static func open(_ location: StoreLocation, options: StoreOptions, logger: Logger) async throws -> StoreDatabase {
        switch location {
        case .sqlite(let path):
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            let synchronous = options.sqliteSynchronousFull ? "FULL" : "NORMAL"
            // The writer turns WAL on first: it is a property of the file, and the readers
            // must open a database that is already in WAL mode.
            let writer = try await openSQLite(path: path, logger: logger, pragmas: [
                "PRAGMA journal_mode = WAL",
                "PRAGMA synchronous = \(synchronous)",
                "PRAGMA temp_store = MEMORY",
                "PRAGMA cache_size = -65536",
            ])
            let writers = ConnectionPool(capacity: 1) {
                try await openSQLite(path: path, logger: logger, pragmas: [
                    "PRAGMA synchronous = \(synchronous)", "PRAGMA temp_store = MEMORY", "PRAGMA cache_size = -65536",
                ])
            }
            await writer.close()
            let readers = ConnectionPool(capacity: readerCount) {
                try await openSQLite(path: path, logger: logger, pragmas: ["PRAGMA query_only = 1"])
            }
            return StoreDatabase(flavor: .sqlite, writers: writers, readers: readers)
        case .postgres(let url):
            let configuration = try SQLPostgresConfiguration(url: url)
            let core = configuration.coreConfiguration
            let pool = ConnectionPool(capacity: postgresPoolSize) {
                let connection = try await PostgresConnection.connect(
                    on: MultiThreadedEventLoopGroup.singleton.any(), configuration: core,
                    id: Int.random(in: 1...Int(Int32.max)), logger: logger)
                return PooledConnection(
                    sql: connection.sql(queryLogLevel: nil),
                    isClosed: { connection.isClosed },
                    close: { try? await connection.close() })
            }
            // Fail at open, not at the first query, when the server is unreachable.
            try await pool.withConnection { try await $0.raw("SELECT 1").run() }
            return StoreDatabase(flavor: .postgres, writers: pool, readers: pool)
        }
    }

    private static func openSQLite(path: String, logger: Logger, pragmas: [String]) async throws -> PooledConnection {
        let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        let sql = connection.sql(queryLogLevel: nil)
        for pragma in pragmas {
            try await sql.raw(SQLQueryString(pragma)).run()
        }
        return PooledConnection(sql: sql, isClosed: { connection.isClosed }, close: { try? await connection.close() })
    }

    /// Runs read-only work on a reader connection.
    func read<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await readers.withConnection(body)
    }

    /// Runs `body` in one write transaction: committed when it returns, rolled back when it
    /// throws. On SQLite the transaction takes the write lock at BEGIN, so it never fails
    /// half-way for want of a lock upgrade.
    func transaction<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let begin = flavor == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN"
        return try await writers.withConnection { db in
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

    func close() async {
        await writers.shutdown()
        if flavor == .sqlite { await readers.shutdown() }
    }
}
