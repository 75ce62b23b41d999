import PerpetuaCore

/// A failure of the store that a caller can act on. Everything else (a lost connection,
/// a full disk) surfaces as the driver's own error and maps to 90001/90002 at the edge.
public enum StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A pagination cursor that this store did not issue or that was altered.
    case invalidCursor
    /// A page size outside 1...500 (or 1...1500 for klines).
    case invalidLimit(Int, maximum: Int)
    /// A time range whose start is after its end.
    case invalidTimeRange
    /// A unique value (a username, an API key) that already exists.
    case duplicate(field: String)
    /// The user already has as many API keys as allowed.
    case apiKeyLimit(count: Int, maximum: Int)
    /// A `--database-url` that names neither SQLite nor PostgreSQL.
    case unsupportedDatabaseURL(String)
    /// The database holds migrations newer than this build knows: an older binary must not
    /// write to a newer schema.
    case schemaTooNew(database: Int, known: Int)
    /// The PostgreSQL server of `--database-url` did not accept a connection (`host:port/db`).
    case cannotConnect(server: String, reason: String)

    /// The API.md §3 error to send for this failure.
    public var perpetuaError: PerpetuaError {
        switch self {
        case .invalidCursor:
            PerpetuaError.invalid("cursor", "is not a cursor this server issued; start again without it")
        case .invalidLimit(let limit, let maximum):
            PerpetuaError.invalid("limit", "must be between 1 and \(maximum), got \(limit)")
        case .invalidTimeRange:
            PerpetuaError.invalid("startTime", "must not be after endTime")
        case .duplicate(let field):
            PerpetuaError.invalid(field, "is already taken")
        case .apiKeyLimit(let count, let maximum):
            PerpetuaError(
                .invalidParameter, message: "you have \(count) API keys, the most allowed is \(maximum); delete one first",
                details: ["field": "apiKey", "max": String(maximum)])
        case .unsupportedDatabaseURL, .schemaTooNew, .cannotConnect:
            PerpetuaError(.internalError, message: description)
        }
    }

    public var description: String {
        switch self {
        case .invalidCursor: "invalid pagination cursor"
        case .invalidLimit(let limit, let maximum): "limit \(limit) outside 1...\(maximum)"
        case .invalidTimeRange: "startTime after endTime"
        case .duplicate(let field): "duplicate \(field)"
        case .apiKeyLimit(let count, let maximum): "\(count) API keys, at most \(maximum) allowed"
        case .unsupportedDatabaseURL(let url):
            "unsupported database URL scheme '\(url.split(separator: ":").first.map(String.init) ?? "")': use postgres://user:password@host/db or sqlite:PATH"
        case .schemaTooNew(let database, let known):
            "the database schema is at version \(database), newer than this build's \(known); upgrade perpetua"
        case .cannotConnect(let server, let reason):
            "cannot connect to PostgreSQL at \(server): \(reason); check --database-url and that the server is running"
        }
    }
}
