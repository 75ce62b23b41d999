import PerpetuaEngine

/// Rebuilds the engine at start-up: from an empty engine (or a snapshot's engine) plus
/// every journaled command after it.
public enum JournalRecovery {
    /// What recovery produced.
    public struct Recovered: Sendable {
        /// The engine with every durable command applied.
        public var engine: Engine
        /// The last sequence number applied (0 for an empty journal and no snapshot): the
        /// sequencer continues at one more.
        public var lastSequence: UInt64
        /// What the pass over the journal found, including a cut tail.
        public var summary: JournalReadSummary
    }

    /// Replays the journal in `directory` on top of `start` (a snapshot's engine and the
    /// sequence number it covers), or on a new engine with `configuration` when there is
    /// no snapshot. Cuts a torn tail (logging it); throws ``JournalError`` for any other
    /// damage, because starting without acknowledged commands would be worse than not
    /// starting.
    ///
    /// `replayed` receives each re-applied command with its result, so that a consumer
    /// behind the snapshot (the projector after a crash) can be brought up to date.
    public static func recover(
        directory: String, from start: (engine: Engine, sequence: UInt64)? = nil,
        configuration: EngineConfiguration = EngineConfiguration(), logger: @escaping JournalLogger = { _ in },
        replayed: ((CommandEnvelope, EngineResult) -> Void)? = nil
    ) throws -> Recovered {
        var engine = start?.engine ?? Engine(configuration: configuration)
        let after = start?.sequence ?? 0
        let reader = JournalReader(directory: directory, logger: logger)
        let summary = try reader.readAhead(after: after) { envelope in
            let result = engine.apply(envelope)
            replayed?(envelope, result)
        }
        return Recovered(engine: engine, lastSequence: summary.lastSequence, summary: summary)
    }
}
