/// Why the sequencer did not run a request.
public enum SequencerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The sequencer is shutting down or has stopped.
    case stopped
    /// A journal commit failed. The engine may hold commands that are not on disk, so the
    /// sequencer refuses everything from then on; restart to recover from the journal.
    case journalFailed(reason: String)
    /// A manual clock was asked to move back in time.
    case clockMovedBack(current: Int64, requested: Int64)
    /// ``Sequencer/advanceClock(to:)`` on a sequencer that runs on the wall clock.
    case notManualClock

    public var description: String {
        switch self {
        case .stopped: "the sequencer has stopped"
        case .journalFailed(let reason): "the journal failed, so the sequencer stopped: \(reason)"
        case .clockMovedBack(let current, let requested): "the clock cannot move back from \(current) to \(requested)"
        case .notManualClock: "the clock is the wall clock; only a manual clock can be advanced"
        }
    }
}
