import Foundation
import Logging
import PostgresKit
@testable import PerpetuaStore
import Testing

/// The databases every store test runs against: SQLite always, PostgreSQL when
/// `PERPETUA_TEST_POSTGRES_URL` names a server (`.ci/run` starts one and sets it). Each
/// test gets a fresh database: a new SQLite file in a temporary directory, or a new
/// PostgreSQL database created from the URL's and dropped afterwards.
enum Backend: String, Sendable, CustomTestStringConvertible, CaseIterable {
    case sqlite
    case postgres

    static let postgresURLVariable = "PERPETUA_TEST_POSTGRES_URL"

    static var postgresURL: String? {
        ProcessInfo.processInfo.environment[postgresURLVariable].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The backends available here. Without a PostgreSQL URL only SQLite runs, and
    /// ``PostgresAvailabilityTests`` says so (and fails under CI).
    static var available: [Backend] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    var testDescription: String { rawValue }

    /// Opens a fresh store, runs `body`, closes and deletes it.
    func withStore<R: Sendable>(
        options: StoreOptions = StoreOptions(sqliteSynchronousFull: false),
        _ body: (SQLStore, StoreLocation) async throws -> R
    ) async throws -> R {
        let location = try await makeLocation()
        let store = try await SQLStore.open(location, options: options)
        do {
            let result = try await body(store, location)
            await store.close()
            try await dispose(location)
            return result
        } catch {
            await store.close()
            try? await dispose(location)
            throw error
        }
    }

    func makeLocation() async throws -> StoreLocation {
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("perpetua-store-\(UUID().uuidString)").path
            return .defaultSQLite(dataDirectory: directory)
        case .postgres:
            let base = try #require(Self.postgresURL, "\(Self.postgresURLVariable) is not set")
            let name = "perpetua_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
            try await Self.admin(base) { try await $0.raw("CREATE DATABASE \(ident: String(name))").run() }
            return .postgres(url: Self.replacingDatabase(in: base, with: String(name)))
        }
    }

    func dispose(_ location: StoreLocation) async throws {
        switch location {
        case .sqlite(let path):
            try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
        case .postgres(let url):
            let name = URL(string: url)!.lastPathComponent
            let base = try #require(Self.postgresURL)
            try await Self.admin(base) { try await $0.raw("DROP DATABASE IF EXISTS \(ident: name)").run() }
        }
    }

    /// Runs `body` on a connection to the database the base URL names.
    private static func admin(_ url: String, _ body: @Sendable (any SQLDatabase) async throws -> Void) async throws {
        let configuration = try SQLPostgresConfiguration(url: url)
        let connection = try await PostgresConnection.connect(
            configuration: configuration.coreConfiguration, id: 1, logger: Logger(label: "perpetua.tests"))
        do {
            try await body(connection.sql(queryLogLevel: nil))
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }

    static func replacingDatabase(in url: String, with name: String) -> String {
        var components = URLComponents(string: url)!
        components.path = "/" + name
        return components.string!
    }
}
