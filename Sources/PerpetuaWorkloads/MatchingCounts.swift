/// What a pass over a workload observed, apart from time: the numbers the correctness
/// gate compares and the depth checksum that proves the top levels were read.
public struct MatchingCounts: Hashable, Sendable {
    /// Measured commands applied.
    public var commands = 0
    /// Trade events.
    public var fills = 0
    /// Commands that produced at least one trade.
    public var tradeCommands = 0
    /// Commands the book rejected.
    public var rejected = 0
    /// Orders resting after the last command.
    public var resting = 0
    /// Non-empty levels per side after the last command.
    public var bidLevels = 0
    public var askLevels = 0
    /// A hash of the top levels of both sides read after every measured command.
    public var depthChecksum: UInt64 = 0xCBF2_9CE4_8422_2325

    public init() {}

    /// Share of commands that traded.
    public var tradeRatio: Double { commands == 0 ? 0 : Double(tradeCommands) / Double(commands) }
}
