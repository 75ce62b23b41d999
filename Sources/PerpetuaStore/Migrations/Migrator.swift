import SQLKit

/// Brings a database up to the newest schema this build knows.
enum Migrator {
    /// PostgreSQL advisory-lock key that serialises migrations of several processes
    /// starting at once against one database.
    static let lockKey = 0x5045_5250  // "PERP"

    /// Applies every migration not yet recorded, each in its own transaction, and returns
    /// the versions it applied. Running it again applies nothing.
    @discardableResult
    static func migrate(_ database: StoreDatabase, migrations: [Migration] = Migrations.all, now: Int64) async throws -> [Int] {
        precondition(zip(migrations, migrations.dropFirst()).allSatisfy { $0.version < $1.version }, "migrations out of order")
        let known = migrations.last?.version ?? 0
        var applied: [Int] = []
        let flavor = database.flavor
        for migration in migrations {
            let didApply = try await database.transaction { db in
                if flavor == .postgres {
                    try await db.raw("SELECT pg_advisory_xact_lock(\(literal: lockKey))").run()
                }
                try await db.create(table: "schema_migrations").ifNotExists()
                    .column("version", type: .bigint, .primaryKey(autoIncrement: false))
                    .column("name", type: .text, .notNull)
                    .column("applied_at", type: .bigint, .notNull)
                    .run()
                let newest = try await db.select().column(SQLFunction("MAX", args: SQLColumn("version")), as: "v")
                    .from("schema_migrations").first(decodingColumn: "v", as: Int?.self) ?? nil
                if let newest, newest > known { throw StoreError.schemaTooNew(database: newest, known: known) }
                let done = try await db.select().column("version").from("schema_migrations")
                    .where("version", .equal, migration.version).first() != nil
                if done { return false }
                try await migration.apply(db, flavor)
                try await db.insert(into: "schema_migrations").columns("version", "name", "applied_at")
                    .values(SQLBind(migration.version), SQLBind(migration.name), SQLBind(now)).run()
                return true
            }
            if didApply { applied.append(migration.version) }
        }
        return applied
    }
}
