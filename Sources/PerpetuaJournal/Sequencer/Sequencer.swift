import Synchronization
import PerpetuaEngine

/// The only way into the engine: callers submit commands and get their results once the
/// commands are durable in the journal.
///
/// One engine thread applies commands in the order they arrive, stamping each with the
/// next sequence number and the clock's time; a journal thread writes them in batches with
/// one `fsync` per batch and, only after it returns, answers the submitters and publishes
/// the batch, in sequence order, to ``committedCommands()`` and the `onCommitted` callback.
/// The flush never stalls the engine: commands arriving meanwhile are applied and form the
/// next batch (group commit; see ``SequencerCore``).
///
/// The sequencer also issues the timer commands (mark-price ticks, premium samples,
/// funding, the daily rollover) from its ``SequencerClock``, journaled like any command.
///
/// Call ``shutdown()`` to stop it: the threads run until then.
public final class Sequencer: Sendable {
    private let core: SequencerCore

    /// Starts a sequencer on `engine`, whose last applied command had `lastSequence`
    /// (default: the engine's own), writing to `journal`.
    ///
    /// - Parameter onCommitted: called on the journal thread with each durable batch, in
    ///   sequence order, before the submitters hear back. Keep it short (copy and return):
    ///   it delays the next commit.
    public init(
        engine: Engine, lastSequence: UInt64? = nil, journal: sending any JournalSink,
        configuration: SequencerConfiguration = SequencerConfiguration(), clock: SequencerClock = .wall,
        onCommitted: (@Sendable ([CommittedCommand]) -> Void)? = nil
    ) {
        core = SequencerCore(
            engine: engine, lastSequence: lastSequence ?? engine.lastSequence, sink: journal,
            configuration: configuration, clock: clock, onCommitted: onCommitted)
        core.start()
    }

    /// Recovers the engine from the journal in `dataDirectory/journal` (on top of a
    /// snapshot's engine and sequence number when given), opens a journal writer after it,
    /// and starts a sequencer. A torn journal tail is cut and logged; other damage throws.
    public static func open(
        dataDirectory: String, from snapshot: (engine: Engine, sequence: UInt64)? = nil,
        engineConfiguration: EngineConfiguration = EngineConfiguration(),
        journal: JournalConfiguration = JournalConfiguration(),
        configuration: SequencerConfiguration = SequencerConfiguration(), clock: SequencerClock = .wall,
        logger: @escaping JournalLogger = { _ in },
        onCommitted: (@Sendable ([CommittedCommand]) -> Void)? = nil
    ) throws -> Sequencer {
        let directory = JournalFormat.directory(inDataDirectory: dataDirectory)
        let recovered = try JournalRecovery.recover(
            directory: directory, from: snapshot, configuration: engineConfiguration, logger: logger)
        let writer = try JournalWriter(directory: directory, nextSequence: recovered.lastSequence + 1, configuration: journal)
        return Sequencer(
            engine: recovered.engine, lastSequence: recovered.lastSequence, journal: writer,
            configuration: configuration, clock: clock, onCommitted: onCommitted)
    }

    deinit { core.requestStop() }

    /// Applies `command` after every command submitted before it and returns its outcome
    /// once it is durable. A command refused by the engine (an error in the result) is
    /// journaled too: replay must refuse it the same way. Cancelling the calling task does
    /// not withdraw a submitted command.
    ///
    /// Throws ``SequencerError/stopped`` after ``shutdown()`` and
    /// ``SequencerError/journalFailed(reason:)`` when the journal cannot be written.
    public func submit(_ command: EngineCommand) async throws -> CommittedCommand {
        try await withCheckedThrowingContinuation { continuation in
            core.enqueue(.command(command, .continuation(continuation)))
        }
    }

    /// Like ``submit(_:)``, but returns at once and calls `completion` (on the journal
    /// thread) when the command is durable: for callers that keep many commands in flight
    /// without a task each, such as benchmarks and load generators.
    public func submit(_ command: EngineCommand, completion: @escaping @Sendable (Result<CommittedCommand, any Error>) -> Void) {
        core.enqueue(.command(command, .callback(completion)))
    }

    /// Applies `commands` back to back (no other command comes between them) and calls
    /// `completion` once, on the journal thread, when the last one is durable, with every
    /// result in order. For load generators and batch endpoints: one callback per batch
    /// keeps the submitting side cheap. An empty batch is answered at once.
    public func submit(contentsOf commands: [EngineCommand], completion: @escaping @Sendable (Result<[CommittedCommand], any Error>) -> Void) {
        guard !commands.isEmpty else { return completion(.success([])) }
        core.enqueue(.commands(commands, SequencerBatchCollector(count: commands.count, completion: completion)))
    }

    /// Applies `commands` back to back and returns their results once all are durable.
    public func submit(contentsOf commands: [EngineCommand]) async throws -> [CommittedCommand] {
        try await withCheckedThrowingContinuation { continuation in
            submit(contentsOf: commands) { continuation.resume(with: $0) }
        }
    }

    /// Moves a manual clock to `time` (ms since the Unix epoch), applying every timer
    /// command that falls due on the way in time order, each journaled like any command,
    /// and returns their envelopes once they are durable. Throws
    /// ``SequencerError/clockMovedBack(current:requested:)`` for a time in the past and
    /// ``SequencerError/notManualClock`` on the wall clock.
    @discardableResult
    public func advanceClock(to time: Int64) async throws -> [CommandEnvelope] {
        try await advance(.time(time))
    }

    /// Moves a manual clock `milliseconds` forward; see ``advanceClock(to:)``.
    @discardableResult
    public func advanceClock(by milliseconds: Int64) async throws -> [CommandEnvelope] {
        try await advance(.delta(milliseconds))
    }

    private func advance(_ target: SequencerRequest.ClockTarget) async throws -> [CommandEnvelope] {
        try await withCheckedThrowingContinuation { continuation in
            core.enqueue(.advanceClock(target) { continuation.resume(with: $0) })
        }
    }

    /// Runs `body` on the engine thread, between commands, and returns its value once every
    /// command applied before it is durable: live-state queries (open orders, positions,
    /// balances) never show what a crash could take back.
    public func read<T: Sendable>(_ body: @escaping @Sendable (Engine) -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            core.enqueue(.read(
                body: { engine in
                    let value = body(engine)
                    return { error in
                        if let error { continuation.resume(throwing: error) } else { continuation.resume(returning: value) }
                    }
                },
                refuse: { continuation.resume(throwing: $0) }))
        }
    }

    /// The clock's current time in ms since the Unix epoch: a manual clock's reading, or the
    /// wall clock's. What the gateway stamps on what it owns (token and key expiry), so that a
    /// manual clock moves those too.
    public var now: Int64 {
        let manual = core.manualNow.load(ordering: .relaxed)
        return manual == .min ? SequencerClock.wallMilliseconds() : manual
    }

    /// Whether the sequencer runs on a manual clock.
    public var isManualClock: Bool {
        if case .manual = core.clock { return true }
        return false
    }

    /// The highest sequence number known to be durable.
    public var lastDurableSequence: UInt64 { core.lastDurableSequence }

    /// Every command that becomes durable after this call, in sequence order, with its
    /// result and events; the stream ends at shutdown. Buffers without bound, so a consumer
    /// must keep up (the projector batches; the fan-out drops slow clients).
    public func committedCommands() -> AsyncStream<CommittedCommand> { core.subscribe() }

    /// Stops accepting commands, lets those already submitted finish and become durable,
    /// stops the threads and returns the engine's final state. Safe to call more than once.
    @discardableResult
    public func shutdown() async -> Engine {
        core.requestStop()
        return await core.waitUntilFinished()
    }
}
