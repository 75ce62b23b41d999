import Foundation
import Logging
import SQLKit

/// The store on SQLKit: one implementation for SQLite and PostgreSQL. Open it with
/// ``open(_:options:logger:)``, which also brings the schema up to date.
public final class SQLStore: Store {
    let database: StoreDatabase

    private init(database: StoreDatabase) {
        self.database = database
    }

    /// Opens (creating when needed) the database at `location` and applies pending
    /// migrations.
    public static func open(
        _ location: StoreLocation, options: StoreOptions = StoreOptions(),
        logger: Logger = Logger(label: "perpetua.store")
    ) async throws -> SQLStore {
        let database = try await StoreDatabase.open(location, options: options, logger: logger)
        do {
            try await Migrator.migrate(database, now: Self.wallClock())
        } catch {
            await database.close()
            throw error
        }
        return SQLStore(database: database)
    }

    /// Opens the store a `--database-url` and `--data` pair name: PostgreSQL for a
    /// `postgres://` URL, otherwise SQLite in the data directory.
    public static func open(databaseURL: String?, dataDirectory: String, options: StoreOptions = StoreOptions()) async throws -> SQLStore {
        try await open(try StoreLocation(databaseURL: databaseURL, dataDirectory: dataDirectory), options: options)
    }

    /// `"sqlite"` or `"postgres"`, for logs and metrics labels.
    public var dialectName: String { database.flavor.rawValue }

    public func close() async {
        await database.close()
    }

    /// Applies migrations again: a no-op on an up-to-date schema. Returns the versions
    /// applied.
    @discardableResult
    public func migrate() async throws -> [Int] {
        try await Migrator.migrate(database, now: Self.wallClock())
    }

    /// The versions recorded in `schema_migrations`, in order.
    public func appliedMigrations() async throws -> [Int] {
        try await database.read { db in
            try await db.select().column("version").from("schema_migrations").orderBy("version").all()
                .map { try $0.decode(column: "version", as: Int.self) }
        }
    }

    public func projectedSequence() async throws -> UInt64 {
        try await database.read { db in
            let row = try await db.select().column("last_sequence").from("projector_state").where("id", .equal, 1).first()
            return UInt64(bitPattern: try row?.int("last_sequence") ?? 0)
        }
    }

    /// A projector that writes into this store, resuming after its last committed batch.
    public func makeProjector() async throws -> Projector {
        try await Projector(store: self)
    }

    static func wallClock() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}
