import PerpetuaEngine

/// What a caller asks of the engine thread, queued in arrival order.
enum SequencerRequest {
    /// Stamp, apply and journal a command.
    case command(EngineCommand, SequencerWaiter)
    /// Stamp, apply and journal several commands back to back, answered together.
    case commands([EngineCommand], SequencerBatchCollector)
    /// Move the manual clock, firing the timers on the way; answered, once they are durable,
    /// with the timers' envelopes.
    case advanceClock(ClockTarget, reply: @Sendable (Result<[CommandEnvelope], any Error>) -> Void)
    /// Run `body` against the engine; its returned completion runs once everything applied
    /// before it is durable, so a reader never sees state a crash could take back. `refuse`
    /// answers instead when the sequencer has stopped.
    case read(body: @Sendable (Engine) -> @Sendable ((any Error)?) -> Void, refuse: @Sendable (any Error) -> Void)

    /// Where a clock advance goes.
    enum ClockTarget {
        /// To this time (ms since the Unix epoch).
        case time(Int64)
        /// This many ms past the clock's current time.
        case delta(Int64)
    }

    /// Answers a request that will not run.
    func refuse(_ error: any Error) {
        switch self {
        case .command(_, let waiter): waiter.fail(error)
        case .commands(_, let collector): collector.fail(error)
        case .advanceClock(_, let reply): reply(.failure(error))
        case .read(_, let refuse): refuse(error)
        }
    }
}
