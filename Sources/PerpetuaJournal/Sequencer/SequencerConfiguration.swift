/// How the sequencer batches commands into journal commits.
public struct SequencerConfiguration: Hashable, Sendable {
    /// The most commands one commit (one `write` + `fsync`) takes; the rest wait for the
    /// next commit. Bounds the latency a huge burst adds to its first command.
    public var maxBatchCommands: Int
    /// How long the journal thread waits, once a command is pending, for more to join the
    /// batch before it writes (unless the batch is full first). Zero writes at once: while
    /// one commit is flushing, the next batch fills by itself, which is what group commit
    /// needs; a delay only helps a disk whose flush is cheaper than the wait.
    public var maxBatchDelay: Duration
    /// Commands applied but not yet durable beyond which the engine thread pauses, so that
    /// a slow disk makes submitters wait instead of filling memory.
    public var maxInFlightCommands: Int

    public init(maxBatchCommands: Int = 8192, maxBatchDelay: Duration = .zero, maxInFlightCommands: Int = 1 << 15) {
        self.maxBatchCommands = max(1, maxBatchCommands)
        self.maxBatchDelay = maxBatchDelay
        self.maxInFlightCommands = max(1, maxInFlightCommands)
    }
}
