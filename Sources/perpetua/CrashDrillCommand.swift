import ArgumentParser
import Foundation
import PerpetuaCore
import PerpetuaEngine
import PerpetuaJournal
import PerpetuaStore
import PerpetuaWorkloads

/// `perpetua crash-drill`: the process the crash test kills. It recovers from its data
/// directory, checks the invariants, lets the projector catch up, then feeds random
/// trading through the durable engine for ever, with the projector writing every
/// committed command into the store, printing what a client would have been told:
///
/// - `RECOVERED <seq> <hash>` once at start, after recovery, and `INVARIANTS OK`;
/// - `PROJECTED <seq> fills=<n> engine=<seq> trades=<t>` once the projector has caught up
///   at start: the store's projected sequence, the fill rows this process wrote, and the
///   engine's last sequence and trade count at that moment (nothing else is submitted
///   until the two sequences are equal or a minute has passed);
/// - `ACK <seq> <code>` for every acknowledged command (code 0: accepted), in order;
/// - `CHECKPOINT <seq> <hash>` now and then: the state hash at a durable sequence number,
///   which `perpetua replay --until <seq>` must reproduce after any crash, followed by
///   `PROJECTED <seq> fills=<n>`, the projector's position then;
/// - `PROJECTOR FAILED <error>` if the projector throws; the drill then exits with status 3.
struct CrashDrillCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crash-drill",
        abstract: "Feed random trading through the durable engine until killed (for the crash test).",
        shouldDisplay: false
    )

    @Option(help: ArgumentHelp("The data directory (journal, snapshots, and the SQLite store).", valueName: "dir"))
    var data: String

    @Option(help: ArgumentHelp("Project into this PostgreSQL database instead of SQLite in the data directory.", valueName: "url"))
    var databaseURL: String?

    @Option(help: "Seed of the random trading (varied by the recovered sequence number).")
    var seed: UInt64 = 1

    @Option(help: "Number of trading accounts.")
    var accounts = 60

    @Option(help: "Commands between checkpoints.")
    var checkpointEvery = 500

    @Option(help: "Commands between snapshots.")
    var snapshotEvery = 3_000

    @Option(help: "Stop after this many commands (0: never).")
    var maxCommands = 0

    func run() async throws {
        let store = try await SQLStore.open(databaseURL: databaseURL, dataDirectory: data)
        let projected = try await store.projectedSequence()
        let projector = try await store.makeProjector()
        // Replayed commands past the projector's position and every committed batch go
        // through one buffer, in sequence order; the callbacks only append to it.
        let feed = ProjectorFeed()
        let durable = try DurableEngine.open(
            dataDirectory: data,
            // The crash test replays the journal alone to check every checkpoint, so the
            // drill keeps the whole journal; snapshots are still written and loaded.
            settings: DurabilitySettings(snapshotEveryCommands: snapshotEvery, snapshotsToKeep: 2, pruneJournal: false),
            consumerSequence: projected,
            logger: { StandardError.line("drill: \($0)") },
            replayed: { envelope, result in feed.append(CollectionOfOne(ProjectedCommand(envelope, events: result.events))) },
            onCommitted: { feed.append($0) })
        let projecting = Task {
            do {
                try await feed.run(projector) { durable.consumerReached(await $0.lastAppliedSequence) }
            } catch {
                print("PROJECTOR FAILED \(error)")
                fflush(nil)
                Foundation.exit(3)
            }
        }
        let (sequence, hash, violation) = try await durable.sequencer.read { engine -> (UInt64, UInt64, String?) in
            do { try engine.checkInvariants() } catch { return (engine.lastSequence, engine.stateHash(), "\(error)") }
            return (engine.lastSequence, engine.stateHash(), nil)
        }
        print("RECOVERED \(sequence) \(String(format: "0x%016llx", hash))")
        if let violation {
            print("INVARIANTS BROKEN \(violation)")
            throw ExitCode.failure
        }
        print("INVARIANTS OK")
        fflush(nil)

        // Let the projector catch up before trading: the replayed commands, and any timer
        // the sequencer fired at start. Only timers can move the engine meanwhile, so the
        // two positions meet within a few tries.
        let deadline = ContinuousClock.now + .seconds(60)
        var engineAt = try await durable.sequencer.read { ($0.lastSequence, $0.tradeCount) }
        while true {
            let at = await projector.lastAppliedSequence
            if at > engineAt.0 {
                engineAt = try await durable.sequencer.read { ($0.lastSequence, $0.tradeCount) }
                continue
            }
            if at == engineAt.0 || ContinuousClock.now >= deadline {
                print("PROJECTED \(at) fills=\(await projector.fillsWritten) engine=\(engineAt.0) trades=\(engineAt.1)")
                fflush(nil)
                break
            }
            try await Task.sleep(for: .milliseconds(2))
        }

        var traffic = CrashDrillTraffic(seed: seed &+ sequence &* 0x9E37_79B9_7F4A_7C15, accounts: accounts)
        if sequence == 0 {
            for committed in try await durable.sequencer.submit(contentsOf: traffic.setup()) {
                print("ACK \(committed.envelope.sequence) \(committed.result.error?.code.rawValue ?? 0)")
            }
        }
        var sent = 0
        var sinceCheckpoint = 0
        while maxCommands == 0 || sent < maxCommands {
            let chunk = (0..<25).map { _ in traffic.next() }
            for committed in try await durable.sequencer.submit(contentsOf: chunk) {
                print("ACK \(committed.envelope.sequence) \(committed.result.error?.code.rawValue ?? 0)")
            }
            // Flushed per chunk so that the test sees an acknowledgement soon after it is given.
            fflush(nil)
            sent += chunk.count
            sinceCheckpoint += chunk.count
            if sinceCheckpoint >= checkpointEvery {
                sinceCheckpoint = 0
                let (at, state) = try await durable.sequencer.read { ($0.lastSequence, $0.stateHash()) }
                print("CHECKPOINT \(at) \(String(format: "0x%016llx", state))")
                print("PROJECTED \(await projector.lastAppliedSequence) fills=\(await projector.fillsWritten)")
            }
            try await durable.snapshotIfDue()
        }
        _ = try await durable.shutdown()
        feed.finish()
        await projecting.value
        print("PROJECTED \(await projector.lastAppliedSequence) fills=\(await projector.fillsWritten)")
        await store.close()
    }
}
