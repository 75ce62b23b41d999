import PerpetuaEngine

/// One applied command (or a barrier) on its way to the journal thread.
struct SequencerEntry: Sendable {
    /// The command as applied; nil for a barrier.
    var envelope: CommandEnvelope?
    var result: EngineResult?
    var waiter: SequencerWaiter

    var committed: CommittedCommand? {
        guard let envelope, let result else { return nil }
        return CommittedCommand(envelope: envelope, result: result)
    }
}
