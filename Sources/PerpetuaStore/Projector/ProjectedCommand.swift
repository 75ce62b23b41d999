import PerpetuaEngine

/// One command's events as the projector consumes them: the sequence number and time the
/// sequencer stamped on the command (``CommandEnvelope``) and the events the engine
/// returned for it, in order.
public struct ProjectedCommand: Sendable {
    public var sequence: UInt64
    public var time: Int64
    public var events: [EngineEvent]

    public init(sequence: UInt64, time: Int64, events: [EngineEvent]) {
        self.sequence = sequence
        self.time = time
        self.events = events
    }

    public init(_ envelope: CommandEnvelope, events: [EngineEvent]) {
        self.init(sequence: envelope.sequence, time: envelope.timestamp, events: events)
    }
}
