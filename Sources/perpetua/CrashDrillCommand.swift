import ArgumentParser
import Foundation
import PerpetuaCore
import PerpetuaEngine
import PerpetuaJournal
import PerpetuaWorkloads

/// `perpetua crash-drill`: the process the crash test kills. It recovers from its data
/// directory, checks the invariants, then feeds random trading through the durable engine
/// for ever, printing what a client would have been told:
///
/// - `RECOVERED <seq> <hash>` once at start, after recovery, and `INVARIANTS OK`;
/// - `ACK <seq> <code>` for every acknowledged command (code 0: accepted), in order;
/// - `CHECKPOINT <seq> <hash>` now and then: the state hash at a durable sequence number,
///   which `perpetua replay --until <seq>` must reproduce after any crash.
struct CrashDrillCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crash-drill",
        abstract: "Feed random trading through the durable engine until killed (for the crash test).",
        shouldDisplay: false
    )

    @Option(help: ArgumentHelp("The data directory.", valueName: "dir"))
    var data: String

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
        let durable = try DurableEngine.open(
            dataDirectory: data,
            // The crash test replays the journal alone to check every checkpoint, so the
            // drill keeps the whole journal; snapshots are still written and loaded.
            settings: DurabilitySettings(snapshotEveryCommands: snapshotEvery, snapshotsToKeep: 2, pruneJournal: false),
            logger: { StandardError.line("drill: \($0)") })
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
            }
            try await durable.snapshotIfDue()
        }
        _ = try await durable.shutdown()
    }
}
