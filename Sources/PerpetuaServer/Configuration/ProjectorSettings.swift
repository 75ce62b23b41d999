/// How the server's projector gathers committed commands into store transactions.
///
/// Each transaction has a fixed cost (on SQLite: the WAL pages of every index leaf it
/// touched, and an fsync at its end), so under a steady order load the projector waits up
/// to ``lingerMilliseconds`` for more commands before it writes a small run. History reads
/// do not wait for that: a route that needs the read side in step asks the projector to
/// write at once (``Exchange/waitForProjection()``). Nothing is at risk meanwhile: the
/// commands are in the journal, and the projector resumes from it after a crash.
public struct ProjectorSettings: Sendable, Hashable {
    /// The longest the projector waits for more commands before writing; 0 writes every
    /// run as soon as it is committed.
    public var lingerMilliseconds = 10
    /// A run of at least this many commands is written without waiting.
    public var lingerBelowCommands = 1024

    public init() {}
}
