/// What a pass of ``EngineRunner`` observed, apart from time.
public struct EngineCounts: Hashable, Sendable {
    /// Measured commands applied.
    public var commands = 0
    /// Trade events over the measured commands.
    public var fills = 0
    /// Measured commands that produced at least one trade.
    public var tradeCommands = 0
    /// Measured commands the engine refused (``EngineResult/error`` set).
    public var rejected = 0
    /// Setup and warm-up commands the engine refused; any makes the run invalid, since a
    /// refused order shifts the engine's ids away from the generator's.
    public var setupRejected = 0
    public var warmUpRejected = 0
    /// Placed orders (warm-up and measured) whose engine id differs from the generator's:
    /// zero when the pre-built cancels and amends named the right orders.
    public var idMismatches = 0
    /// Events over the measured commands, all kinds.
    public var events = 0
    /// Orders resting after the last command, and non-empty levels per side.
    public var resting = 0
    public var bidLevels = 0
    public var askLevels = 0

    public init() {}

    /// Share of commands that traded.
    public var tradeRatio: Double { commands == 0 ? 0 : Double(tradeCommands) / Double(commands) }
    /// Mean events per measured command.
    public var eventsPerCommand: Double { commands == 0 ? 0 : Double(events) / Double(commands) }

    /// The counts a ``MatchingCounts``-based gate understands.
    var matchingCounts: MatchingCounts {
        var counts = MatchingCounts()
        counts.commands = commands
        counts.fills = fills
        counts.tradeCommands = tradeCommands
        counts.rejected = rejected
        counts.resting = resting
        counts.bidLevels = bidLevels
        counts.askLevels = askLevels
        return counts
    }
}
