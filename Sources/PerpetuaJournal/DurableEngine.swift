import Foundation
import Synchronization
import PerpetuaCore
import PerpetuaEngine

/// The engine made durable: snapshots, the journal and the sequencer wired together.
///
/// Start-up loads the newest valid snapshot that is not newer than `consumerSequence`
/// (the last command a downstream consumer such as the projector has stored), replays the
/// journal after it, and hands every replayed command past `consumerSequence` to
/// `replayed`, so the consumer resumes exactly where it stopped. While running, snapshots
/// are taken at durable sequence numbers, and journal segments are pruned only behind both
/// the oldest retained snapshot and the consumer.
public final class DurableEngine: Sendable {
    /// The way into the engine.
    public let sequencer: Sequencer
    /// Where snapshots are kept.
    public let snapshots: SnapshotStore
    let journalDirectory: String
    let settings: DurabilitySettings
    let state = Mutex(SnapshotProgress())
    /// Held from `open` to `shutdown`: one process per data directory.
    let lock: DataDirectoryLock
    let dataDirectory: String

    struct SnapshotProgress: Sendable {
        var lastSnapshotSequence: UInt64 = 0
        var consumerSequence: UInt64 = 0
        var snapshotting = false
    }

    /// Opens (or creates) the durable state in `dataDirectory`.
    public static func open(
        dataDirectory: String, settings: DurabilitySettings = DurabilitySettings(),
        engineConfiguration: EngineConfiguration = EngineConfiguration(),
        journal: JournalConfiguration = JournalConfiguration(),
        sequencer configuration: SequencerConfiguration = SequencerConfiguration(),
        clock: SequencerClock = .wall, consumerSequence: UInt64? = nil,
        logger: @escaping JournalLogger = { _ in },
        replayed: ((CommandEnvelope, EngineResult) -> Void)? = nil,
        onCommitted: (@Sendable ([CommittedCommand]) -> Void)? = nil
    ) throws -> DurableEngine {
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        // Before anything is read: a second process on the same journal must not even recover.
        let lock = try DataDirectoryLock(dataDirectory: dataDirectory)
        var clock = clock
        if case .manual(let start) = clock, let saved = ManualClockFile.read(dataDirectory: dataDirectory) {
            clock = .manual(startingAt: max(start, saved))
        }
        let snapshots = SnapshotStore(directory: dataDirectory + "/snapshots")
        var start: (engine: Engine, sequence: UInt64)?
        for sequence in snapshots.sequences() where sequence <= consumerSequence ?? .max {
            let path = snapshots.directory + "/" + SnapshotStore.fileName(sequence: sequence)
            do {
                let engine = try snapshots.load(path: path, configuration: engineConfiguration)
                start = (engine, engine.lastSequence)
                logger("loaded snapshot \(path) at sequence \(engine.lastSequence)")
                break
            } catch {
                logger("snapshot \(path) skipped: \(error)")
            }
        }
        let directory = JournalFormat.directory(inDataDirectory: dataDirectory)
        let threshold = consumerSequence ?? .max
        let recovered = try JournalRecovery.recover(
            directory: directory, from: start, configuration: engineConfiguration, logger: logger,
            replayed: { envelope, result in
                if envelope.sequence > threshold { replayed?(envelope, result) }
            })
        logger("recovered to sequence \(recovered.lastSequence) (\(recovered.summary))")
        let writer = try JournalWriter(directory: directory, nextSequence: recovered.lastSequence + 1, configuration: journal)
        let sequencer = Sequencer(
            engine: recovered.engine, lastSequence: recovered.lastSequence, journal: writer,
            configuration: configuration, clock: clock, onCommitted: onCommitted)
        let durable = DurableEngine(
            sequencer: sequencer, snapshots: snapshots, journalDirectory: directory, settings: settings, lock: lock,
            dataDirectory: dataDirectory)
        durable.state.withLock {
            $0.lastSnapshotSequence = start?.sequence ?? 0
            $0.consumerSequence = consumerSequence ?? .max
        }
        return durable
    }

    init(
        sequencer: Sequencer, snapshots: SnapshotStore, journalDirectory: String, settings: DurabilitySettings,
        lock: DataDirectoryLock, dataDirectory: String
    ) {
        self.sequencer = sequencer
        self.snapshots = snapshots
        self.journalDirectory = journalDirectory
        self.settings = settings
        self.lock = lock
        self.dataDirectory = dataDirectory
    }

    /// Moves a manual clock to `time` like ``Sequencer/advanceClock(to:)``, and keeps its
    /// reading in the data directory, so that a restart with a manual clock does not start
    /// earlier. The journal alone only knows the last timer, which runs on whole seconds: a
    /// clock set between two of them went back by the rest after a restart (API.md §8:
    /// never back).
    @discardableResult
    public func advanceClock(to time: Int64) async throws -> [CommandEnvelope] {
        let fired = try await sequencer.advanceClock(to: time)
        try ManualClockFile.write(sequencer.now, dataDirectory: dataDirectory)
        return fired
    }

    /// Lets another process open the data directory: after ``shutdown(finalSnapshot:releasingLock:)``
    /// when that kept the lock for work that still writes into the directory (the store).
    public func releaseLock() {
        lock.release()
    }

    /// Records how far the downstream consumer has stored, which bounds journal pruning.
    public func consumerReached(_ sequence: UInt64) {
        state.withLock { $0.consumerSequence = sequence }
    }

    /// Takes a snapshot when at least `snapshotEveryCommands` durable commands have passed
    /// since the last one; returns its sequence number, or nil when none was due.
    @discardableResult
    public func snapshotIfDue() async throws -> UInt64? {
        let due = state.withLock { progress -> Bool in
            guard !progress.snapshotting,
                  sequencer.lastDurableSequence >= progress.lastSnapshotSequence + UInt64(settings.snapshotEveryCommands) else {
                return false
            }
            progress.snapshotting = true
            return true
        }
        guard due else { return nil }
        defer { state.withLock { $0.snapshotting = false } }
        return try await snapshotNow()
    }

    /// Writes a snapshot of the engine at a durable sequence number, then prunes old
    /// snapshots and the journal behind them. Returns the snapshot's sequence number.
    @discardableResult
    public func snapshotNow() async throws -> UInt64 {
        // `read` runs after everything before it is durable, so the copy it returns never
        // covers a command the journal does not have.
        let engine = try await sequencer.read { $0 }
        try snapshots.write(engine)
        snapshots.prune(keeping: settings.snapshotsToKeep)
        let (consumer, oldestKept) = state.withLock { progress -> (UInt64, UInt64) in
            progress.lastSnapshotSequence = engine.lastSequence
            return (progress.consumerSequence, snapshots.sequences().last ?? 0)
        }
        if settings.pruneJournal {
            // Keep every command the oldest retained snapshot or the consumer still needs.
            let keepFrom = min(oldestKept, consumer) + 1
            _ = try JournalPruner.removeSegments(in: journalDirectory, before: keepFrom)
        }
        return engine.lastSequence
    }

    /// Stops the sequencer (after everything submitted is durable) and writes a final
    /// snapshot, so the next start recovers at once.
    ///
    /// The data directory's lock is let go at the end unless `releasingLock` is false; then
    /// ``releaseLock()`` does it once the caller is done with the directory.
    public func shutdown(finalSnapshot: Bool = true, releasingLock: Bool = true) async throws -> Engine {
        let engine = await sequencer.shutdown()
        defer { if releasingLock { lock.release() } }
        if finalSnapshot, engine.lastSequence > state.withLock({ $0.lastSnapshotSequence }) {
            try snapshots.write(engine)
            snapshots.prune(keeping: settings.snapshotsToKeep)
        }
        return engine
    }
}

/// How often to snapshot and how much history to keep.
public struct DurabilitySettings: Hashable, Sendable {
    /// Take a snapshot once this many commands have become durable since the last one.
    public var snapshotEveryCommands: Int
    /// How many snapshots to keep (at least 1); the journal is kept back to the oldest.
    public var snapshotsToKeep: Int
    /// Whether journal segments behind the kept snapshots (and the consumer) are deleted.
    /// Off keeps the whole history, so `perpetua replay` can rebuild from the journal alone.
    public var pruneJournal: Bool

    public init(snapshotEveryCommands: Int = 100_000, snapshotsToKeep: Int = 2, pruneJournal: Bool = true) {
        self.snapshotEveryCommands = snapshotEveryCommands
        self.snapshotsToKeep = max(1, snapshotsToKeep)
        self.pruneJournal = pruneJournal
    }
}
