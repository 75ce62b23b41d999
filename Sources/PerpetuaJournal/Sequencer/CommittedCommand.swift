import PerpetuaEngine

/// A command as the engine applied it, handed out only once it is durable in the journal:
/// the answer to a submitter and the unit of the ordered stream that the projector and the
/// fan-out consume.
public struct CommittedCommand: Sendable {
    /// The command with its sequence number and time.
    public var envelope: CommandEnvelope
    /// Its outcome: the error or created ids, and its events.
    public var result: EngineResult

    public init(envelope: CommandEnvelope, result: EngineResult) {
        self.envelope = envelope
        self.result = result
    }

    /// The sequence number the command was given.
    public var sequence: UInt64 { envelope.sequence }
}
