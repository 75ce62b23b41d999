/// How the server's projector gathers committed commands into store transactions.
///
/// Each transaction has a fixed cost (on SQLite: the WAL pages of every index leaf it
/// touched, and an fsync at its end). Under a steady order load the group commits arrive
/// a few commands at a time, hundreds a second, so the projector waits up to
/// ``lingerMilliseconds`` for more whenever the run it holds is shorter than
/// ``lingerBelowCommands`` (an idle server's single order waits too). A reader that needs
/// those commands stored ends the wait (``Exchange/waitForProjection()``), so history
/// reads are not delayed. Nothing is at risk meanwhile: the commands are in the journal,
/// and the projector resumes from it after a crash. The lag metric and `/ready` see the
/// projector up to ``lingerBelowCommands`` behind, so that must not exceed
/// `readiness.maxProjectorLag`.
public struct ProjectorSettings: Sendable, Hashable {
    /// The longest the projector waits for more commands before writing; 0 writes every
    /// run as soon as it is committed.
    public var lingerMilliseconds = 10
    /// A run of at least this many commands is written without waiting.
    public var lingerBelowCommands = 1024

    public init() {}
}
