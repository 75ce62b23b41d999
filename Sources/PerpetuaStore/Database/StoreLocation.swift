/// Where the store keeps its rows: an SQLite file (the embedded default) or a PostgreSQL
/// server. Parsed from the `--database-url` option so that the command line and the tests
/// name a database the same way.
public enum StoreLocation: Hashable, Sendable {
    /// An SQLite database file, created on first open, in WAL mode.
    case sqlite(path: String)
    /// A PostgreSQL server, by its `postgres://user:password@host:port/database` URL.
    case postgres(url: String)

    /// The SQLite file a data directory holds when no database URL is given.
    public static func defaultSQLite(dataDirectory: String) -> StoreLocation {
        let base = dataDirectory.hasSuffix("/") ? String(dataDirectory.dropLast()) : dataDirectory
        return .sqlite(path: base + "/perpetua.sqlite")
    }

    /// Reads a `--database-url` value: `postgres://…` or `postgresql://…` selects
    /// PostgreSQL, `sqlite:PATH` or `sqlite://PATH` an SQLite file; `nil` or an empty string
    /// means the default SQLite file in `dataDirectory`.
    public init(databaseURL: String?, dataDirectory: String) throws(StoreError) {
        guard let url = databaseURL?.trimmingWhitespace, !url.isEmpty else {
            self = .defaultSQLite(dataDirectory: dataDirectory)
            return
        }
        let lower = url.lowercased()
        if lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
            || lower.hasPrefix("postgres+tcp://") || lower.hasPrefix("postgresql+tcp://")
        {
            self = .postgres(url: url)
        } else if lower.hasPrefix("sqlite://") {
            self = .sqlite(path: String(url.dropFirst("sqlite://".count)))
        } else if lower.hasPrefix("sqlite:") {
            self = .sqlite(path: String(url.dropFirst("sqlite:".count)))
        } else {
            throw .unsupportedDatabaseURL(url)
        }
    }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
