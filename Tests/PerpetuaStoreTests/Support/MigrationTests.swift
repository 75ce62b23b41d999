import Foundation
@testable import PerpetuaStore
import Testing

@Suite("Migrations")
struct MigrationTests {
    @Test("every migration is applied once, in order; running again or reopening applies nothing", arguments: Backend.available)
    func idempotent(_ backend: Backend) async throws {
        try await backend.withStore { store, location in
            let all = Migrations.all.map(\.version)
            #expect(try await store.appliedMigrations() == all)
            #expect(try await store.migrate() == [])
            #expect(try await store.appliedMigrations() == all)
            // A row survives reopening, and reopening migrates nothing.
            let user = try await store.createUser(username: "alice", passwordHash: "h", nickname: nil, createdAt: 1)
            let again = try await SQLStore.open(location)
            #expect(try await again.migrate() == [])
            #expect(try await again.user(id: user.id)?.username == "alice")
            #expect(try await again.appliedMigrations() == all)
            await again.close()
        }
    }

    @Test("a database migrated by a newer build is refused", arguments: Backend.available)
    func newerSchemaRefused(_ backend: Backend) async throws {
        try await backend.withStore { store, _ in
            let newer = Migrations.all + [Migration(version: 99, name: "from the future", apply: { _, _ in })]
            let applied = try await Migrator.migrate(store.database, migrations: newer, now: 0)
            #expect(applied == [99])
            let known = Migrations.all.last!.version
            await #expect(throws: StoreError.schemaTooNew(database: 99, known: known)) {
                try await Migrator.migrate(store.database, now: 0)
            }
        }
    }

    @Test("database URLs select the dialect; anything else is refused")
    func locations() throws {
        #expect(try StoreLocation(databaseURL: nil, dataDirectory: "./data") == .sqlite(path: "./data/perpetua.sqlite"))
        #expect(try StoreLocation(databaseURL: "", dataDirectory: "/d/") == .sqlite(path: "/d/perpetua.sqlite"))
        #expect(try StoreLocation(databaseURL: "postgres://u:p@h/db", dataDirectory: "x") == .postgres(url: "postgres://u:p@h/db"))
        #expect(try StoreLocation(databaseURL: "postgresql://h/db", dataDirectory: "x") == .postgres(url: "postgresql://h/db"))
        #expect(try StoreLocation(databaseURL: "sqlite:/tmp/a.db", dataDirectory: "x") == .sqlite(path: "/tmp/a.db"))
        #expect(throws: StoreError.self) { try StoreLocation(databaseURL: "mysql://u:secret@h/db", dataDirectory: "x") }
        let error = StoreError.unsupportedDatabaseURL("mysql://u:secret@h/db")
        #expect(!error.description.contains("secret"))
    }

    @Test("an unreachable PostgreSQL is named, with why, and without the password")
    func unreachablePostgres() async throws {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        do {
            let store = try await SQLStore.open(databaseURL: "postgres://u:secret@127.0.0.1:1/db", dataDirectory: NSTemporaryDirectory())
            await store.close()
            Issue.record("opened a store on a port where nothing listens")
        } catch let error as StoreError {
            guard case .cannotConnect(let server, let reason) = error else {
                Issue.record("expected cannotConnect, got \(error)")
                return
            }
            #expect(server == "127.0.0.1:1/db")
            #expect(reason.contains("refused"), "\(reason)")
            #expect(error.description.hasPrefix("cannot connect to PostgreSQL at 127.0.0.1:1/db: "))
            #expect(!error.description.contains("secret"))
        }
    }
}
