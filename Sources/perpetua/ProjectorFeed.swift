import PerpetuaEngine
import PerpetuaJournal
import PerpetuaStore
import Synchronization

/// Carries committed commands from the journal thread to the projector, in order.
///
/// ``append(_:)`` only appends to a buffer and signals, so the sequencer's `onCommitted`
/// callback stays short; ``run(_:after:)`` takes everything buffered at once, so a
/// projector that falls behind catches up in larger transactions instead of one per
/// journal batch. Commands replayed at start-up go into the same buffer before the
/// sequencer exists, so they reach the projector before anything committed after them.
final class ProjectorFeed: Sendable {
    private let buffer = Mutex<[ProjectedCommand]>([])
    private let signals: AsyncStream<Void>
    private let signal: AsyncStream<Void>.Continuation

    init() {
        (signals, signal) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Adds commands after those already buffered (the `replayed` and `onCommitted` hooks).
    func append(_ commands: some Sequence<ProjectedCommand>) {
        buffer.withLock { $0.append(contentsOf: commands) }
        signal.yield()
    }

    func append(_ committed: [CommittedCommand]) {
        append(committed.lazy.map { ProjectedCommand($0.envelope, events: $0.result.events) })
    }

    /// No more commands: ``run(_:after:)`` applies what is buffered and returns.
    func finish() {
        signal.finish()
    }

    /// Applies the buffered commands to `projector` until ``finish()``, calling `after`
    /// once each call of the projector has committed.
    func run(_ projector: Projector, after: (Projector) async -> Void) async throws {
        // The signal stream holds at most one pending wake-up, so this sees every append:
        // one made after a take yields a new wake-up.
        signal.yield()
        for await _ in signals {
            try await drain(projector, after: after)
        }
        try await drain(projector, after: after)
    }

    private func drain(_ projector: Projector, after: (Projector) async -> Void) async throws {
        let commands = buffer.withLock { buffered -> [ProjectedCommand] in
            defer { buffered = [] }
            return buffered
        }
        guard !commands.isEmpty else { return }
        try await projector.apply(commands)
        await after(projector)
    }
}
