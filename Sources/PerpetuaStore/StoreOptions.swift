/// Settings of a store that tests and benchmarks vary.
public struct StoreOptions: Sendable {
    /// SQLite only: fsync the WAL at every commit (`synchronous = FULL`) rather than only at
    /// checkpoints (`NORMAL`). FULL is the default because identity rows (sessions, API
    /// keys) exist nowhere else; projected rows could be rebuilt from the journal.
    public var sqliteSynchronousFull: Bool

    public init(sqliteSynchronousFull: Bool = true) {
        self.sqliteSynchronousFull = sqliteSynchronousFull
    }
}
