import Foundation
import PerpetuaCore
import PerpetuaEngine
import SQLKit
@testable import PerpetuaStore
import Testing

/// The projector's own SQLite connection: kept statements, atomic transactions, and a
/// second writer on the file beside the store's.
@Suite("SQLite bulk writer")
struct SQLiteBulkWriterTests {
    static func count(_ table: String, in store: SQLStore) async throws -> Int {
        try await store.database.read { db in
            try await db.raw(SQLQueryString("SELECT COUNT(*) AS n FROM \"\(table)\"")).first(decodingColumn: "n", as: Int.self) ?? -1
        }
    }

    /// A one-row funding-history insert (five values: id, symbol, rate, mark, time).
    static func funding(id: Int64, reusable: Bool) -> BulkStatement {
        let values: [SQLValue] = [.integer(id), .text("BTCUSDT"), .integer(100), .integer(5_000_000_000_000), .integer(1_000 + id)]
        return BulkStatement(
            sql: ProjectionTables.fundingHistory.insertSQL(rows: 1, flavor: .sqlite), values: values[...], flavor: .sqlite,
            reusable: reusable)
    }

    @Test("a kept statement runs again with new values, in later transactions, and moves the sequence each time")
    func keptStatements() async throws {
        try await Backend.sqlite.withStore { store, _ in
            _ = try #require(store.database.projectorWriter)
            let writer = store.database
            try await writer.projectorTransaction([Self.funding(id: 1, reusable: true), Self.funding(id: 2, reusable: true)], from: 0, to: 5, time: 10, final: true)
            try await writer.projectorTransaction([Self.funding(id: 3, reusable: true), Self.funding(id: 4, reusable: false)], from: 5, to: 9, time: 20, final: true)
            #expect(try await Self.count("funding_history", in: store) == 4)
            #expect(try await store.projectedSequence() == 9)
            let times = try await store.database.read { db in
                try await db.raw(#"SELECT "funding_time" FROM "funding_history" ORDER BY "id""#).all(decodingColumn: "funding_time", as: Int64.self)
            }
            #expect(times == [1_001, 1_002, 1_003, 1_004], "every run bound its own values")
        }
    }

    @Test("a failing statement rolls the whole transaction back with SQLite's message; the next one commits")
    func failureRollsBack() async throws {
        try await Backend.sqlite.withStore { store, _ in
            _ = try #require(store.database.projectorWriter)
            let writer = store.database
            let broken = BulkStatement(sql: #"INSERT INTO "no_such_table" ("a") VALUES (?)"#, values: [SQLValue.integer(1)][...], flavor: .sqlite, reusable: true)
            do {
                try await writer.projectorTransaction([Self.funding(id: 1, reusable: true), broken], from: 0, to: 3, time: 10, final: true)
                Issue.record("the transaction with a broken statement committed")
            } catch let error as SQLiteBulkWriterError {
                #expect(error.description.contains("no such table: no_such_table"), "\(error)")
            }
            #expect(try await Self.count("funding_history", in: store) == 0)
            #expect(try await store.projectedSequence() == 0)

            let wrongCount = BulkStatement(sql: ProjectionTables.fundingHistory.insertSQL(rows: 2, flavor: .sqlite), values: Self.funding(id: 7, reusable: false).values, flavor: .sqlite, reusable: false)
            await #expect(throws: SQLiteBulkWriterError.self) {
                try await writer.projectorTransaction([wrongCount], from: 0, to: 3, time: 10, final: true)
            }
            #expect(try await store.projectedSequence() == 0)

            try await writer.projectorTransaction([Self.funding(id: 1, reusable: true)], from: 0, to: 3, time: 10, final: true)
            #expect(try await Self.count("funding_history", in: store) == 1)
            #expect(try await store.projectedSequence() == 3)
        }
    }

    @Test("a stale starting sequence is refused and nothing of the transaction stays")
    func compareAndSet() async throws {
        try await Backend.sqlite.withStore { store, _ in
            _ = try #require(store.database.projectorWriter)
            let writer = store.database
            try await writer.projectorTransaction([Self.funding(id: 1, reusable: true)], from: 0, to: 4, time: 10, final: true)
            await #expect(throws: ProjectorError.concurrentProjector(expected: 2, found: 4)) {
                try await writer.projectorTransaction([Self.funding(id: 2, reusable: true)], from: 2, to: 6, time: 20, final: true)
            }
            #expect(try await Self.count("funding_history", in: store) == 1)
            #expect(try await store.projectedSequence() == 4)
        }
    }

    @Test("the store's other writes go on while the projector writes: both writers wait for each other and finish")
    func twoWriters() async throws {
        let commands = ProjectorThroughputTests.workload(trades: 6_000)
        try await Backend.sqlite.withStore { store, _ in
            let projector = try await Projector(store: store, commandsPerTransaction: 500)
            async let projected: Void = projector.apply(commands)
            var created: [UInt64] = []
            for index in 0..<40 {
                let user = try await store.createUser(username: "writer-\(index)", passwordHash: "-", nickname: nil, createdAt: Int64(index))
                created.append(user.id)
            }
            try await projected
            #expect(Set(created).count == 40)
            #expect(try await Self.count("users", in: store) == 40)
            #expect(try await store.projectedSequence() == commands.last!.sequence)
            #expect(try await Self.count("fills", in: store) == 12_000)
        }
    }
}

extension SQLiteBulkWriterTests {
    @Test("many stores at once, each with its projector and other writes: none waits inside SQLite, all finish")
    func manyStores() async throws {
        // Every store shares the process's thread pool. A projector transaction that waited
        // in SQLite's busy handler for the other writer, whose next statement needed a pool
        // thread, held that thread: with a few stores at once every thread waited so.
        let commands = ProjectorThroughputTests.workload(trades: 1_500)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await Backend.sqlite.withStore { store, _ in
                        let projector = try await Projector(store: store, commandsPerTransaction: 200)
                        async let projected: Void = projector.apply(commands)
                        for index in 0..<25 {
                            _ = try await store.createUser(username: "many-\(index)", passwordHash: "-", nickname: nil, createdAt: Int64(index))
                        }
                        try await projected
                        #expect(try await Self.count("users", in: store) == 25)
                        #expect(try await store.projectedSequence() == commands.last!.sequence)
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}

extension SQLiteBulkWriterTests {
    @Test("text is bound byte for byte: empty, non-ASCII, long; an empty string is not NULL")
    func textValues() async throws {
        try await Backend.sqlite.withStore { store, _ in
            let writer = store.database
            let symbols = ["", "ÉTH/€", String(repeating: "long-symbol-", count: 20)]
            let statements = symbols.enumerated().map { index, symbol -> BulkStatement in
                let values: [SQLValue] = [.integer(Int64(index)), .text(symbol), .integer(1), .integer(2), .integer(3)]
                return BulkStatement(
                    sql: ProjectionTables.fundingHistory.insertSQL(rows: 1, flavor: .sqlite), values: values[...], flavor: .sqlite,
                    reusable: true)
            }
            try await writer.projectorTransaction(statements, from: 0, to: 1, time: 1, final: true)
            let stored = try await store.database.read { db in
                try await db.raw(#"SELECT "symbol" FROM "funding_history" WHERE "symbol" IS NOT NULL ORDER BY "id""#)
                    .all(decodingColumn: "symbol", as: String.self)
            }
            #expect(stored == symbols)
        }
    }

    @Test("a NOT NULL violation in a multi-row insert rolls back the whole transaction, earlier statements too")
    func constraintRollsBackTransaction() async throws {
        try await Backend.sqlite.withStore { store, _ in
            let writer = store.database
            let rows: [SQLValue] = [
                .integer(10), .text("BTCUSDT"), .integer(1), .integer(2), .integer(3),
                .integer(11), .null, .integer(1), .integer(2), .integer(3),
            ]
            let bad = BulkStatement(
                sql: ProjectionTables.fundingHistory.insertSQL(rows: 2, flavor: .sqlite), values: rows[...], flavor: .sqlite,
                reusable: false)
            await #expect(throws: SQLiteBulkWriterError.self) {
                try await writer.projectorTransaction([Self.funding(id: 1, reusable: true), bad], from: 0, to: 2, time: 1, final: false)
            }
            #expect(try await Self.count("funding_history", in: store) == 0)
            #expect(try await store.projectedSequence() == 0)
            // The connection is usable again, and back in no transaction.
            try await writer.projectorTransaction([Self.funding(id: 1, reusable: true)], from: 0, to: 2, time: 1, final: false)
            #expect(try await Self.count("funding_history", in: store) == 1)
        }
    }

    @Test("only final transactions commit at the store's durability, and the connection switches back after each")
    func finalCommits() async throws {
        try await Backend.sqlite.withStore(options: StoreOptions()) { store, _ in
            let writer = try #require(store.database.projectorWriter)
            #expect(writer.finalDurability == .full, "the store's default is synchronous FULL")
            try await store.database.projectorTransaction([Self.funding(id: 1, reusable: true)], from: 0, to: 1, time: 1, final: false)
            #expect(try await writer.synchronous() == 1)
            try await store.database.projectorTransaction([Self.funding(id: 2, reusable: true)], from: 1, to: 2, time: 2, final: true)
            #expect(try await writer.synchronous() == 2)
            try await store.database.projectorTransaction([Self.funding(id: 3, reusable: true)], from: 2, to: 3, time: 3, final: false)
            #expect(writer.finalCommits == 1)
            #expect(try await writer.synchronous() == 1, "NORMAL again after the final commit")
        }
        try await Backend.sqlite.withStore(options: StoreOptions(sqliteSynchronousFull: false)) { store, _ in
            let writer = try #require(store.database.projectorWriter)
            #expect(writer.finalDurability == .normal)
            try await store.database.projectorTransaction([Self.funding(id: 1, reusable: true)], from: 0, to: 1, time: 1, final: true)
            #expect(try await writer.synchronous() == 1, "a store set to NORMAL never waits for the disk at commit")
        }
    }
}

extension BulkStatement {
    /// The bound values, for tests that reuse them.
    var values: ArraySlice<SQLValue> {
        guard case .sqlite(let values) = binds else { return [] }
        return values[...]
    }
}
