import Foundation
import Testing

/// The store must be proven on a real PostgreSQL in CI, never silently skipped.
@Suite("PostgreSQL availability")
struct PostgresAvailabilityTests {
    @Test("PostgreSQL is configured for the store tests (required when CI is set)")
    func postgresConfigured() {
        guard Backend.postgresURL == nil else { return }
        let ci = ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty && $0 != "0" && $0 != "false" } ?? false
        if ci {
            Issue.record("""
                CI is set but \(Backend.postgresURLVariable) is not: the store tests must run against \
                PostgreSQL in CI (.ci/run installs and starts it)
                """)
        } else {
            print("⚠️  \(Backend.postgresURLVariable) is not set: store tests ran on SQLite only, PostgreSQL was SKIPPED")
        }
    }
}
