/// Where index prices come from (issue #7): set by the operator through
/// `POST /v1/admin/index-price`, a simulated random walk, or replayed from a CSV file of
/// `time,symbol,price` rows on the exchange clock. One mode for every symbol
/// (`defaultMode`), overridden per symbol (`symbols`).
public struct IndexFeedSettings: Sendable, Hashable {
    /// The feed of a symbol that `symbols` does not name.
    public var defaultMode: IndexFeedMode = .operator
    /// Per-symbol modes.
    public var symbols: [String: IndexFeedMode] = [:]
    /// The CSV file the replay feed reads (`time,symbol,price`, time in ms since the epoch).
    public var replayFile: String?
    /// How often the simulated feed steps and the replay feed looks at the clock.
    public var intervalMilliseconds = 1000
    /// The simulated walk's seed, so that a run can be repeated.
    public var seed: UInt64 = 42

    public init() {}

    /// The mode of `symbol`.
    public func mode(of symbol: String) -> IndexFeedMode { symbols[symbol] ?? defaultMode }
}

/// One symbol's index source.
public enum IndexFeedMode: String, Sendable, Hashable, CaseIterable {
    /// Only `POST /v1/admin/index-price` (and the demo) sets it.
    case `operator`
    /// A seeded random walk of about 60 % yearly volatility, stepped every interval.
    case simulated
    /// The rows of the replay CSV file, applied when the exchange clock reaches their time.
    case replay
}

/// What `/ready` requires besides a recovered engine and a reachable store.
public struct ReadinessSettings: Sendable, Hashable {
    /// The most commands the projector may be behind the journal.
    public var maxProjectorLag: UInt64 = 10_000

    public init() {}
}

/// The format of log lines on standard output.
public enum LogFormat: String, Sendable, Hashable, CaseIterable {
    /// swift-log's default: `time level label: [metadata] message`.
    case text
    /// One JSON object per line, metadata (request id and all) as fields.
    case json
}
