import ArgumentParser
import Foundation
import PerpetuaEngine
import PerpetuaJournal

/// `perpetua replay`: rebuilds the engine state from a data directory's journal, without
/// touching it, and prints the last sequence number, the state hash and the trade count, to
/// check a recovery (or the store the projector wrote) or compare two nodes.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Rebuild state from the journal and print the state hash.",
        discussion: """
            By default the state is rebuilt from the journal alone, which needs the whole history \
            (run the server with journal pruning off). --from-snapshot starts from the newest valid \
            snapshot instead. The last line is one JSON object: {"lastSequence", "stateHash", "trades"}.
            """
    )

    @Option(help: ArgumentHelp("The data directory holding the journal and snapshots.", valueName: "dir"))
    var data: String

    @Option(help: ArgumentHelp("Stop after this sequence number.", valueName: "seq"))
    var until: UInt64?

    @Flag(help: "Start from the newest valid snapshot, then replay the journal after it.")
    var fromSnapshot = false

    func run() throws {
        var engine = Engine()
        var after: UInt64 = 0
        if fromSnapshot {
            let store = SnapshotStore(directory: data + "/snapshots")
            if let loaded = store.loadNewest(log: { StandardError.line($0) }) {
                guard until.map({ loaded.lastSequence <= $0 }) ?? true else {
                    throw ValidationError("the newest snapshot is at \(loaded.lastSequence), after --until \(until!)")
                }
                engine = loaded
                after = loaded.lastSequence
            }
        }
        let directory = data + "/journal"
        guard FileManager.default.fileExists(atPath: directory) else {
            StandardError.line("perpetua replay: no journal in \(data): expected \(directory); is --data a server's data directory?")
            throw ExitCode.failure
        }
        // Read-only: a torn tail is reported, never cut, so a running server is safe.
        let reader = JournalReader(directory: directory, repairTail: false, logger: { StandardError.line("journal: \($0)") })
        let stop = until ?? .max
        var last = after
        do {
            _ = try reader.readAhead(after: after) { envelope in
                guard envelope.sequence <= stop else { return }
                _ = engine.apply(envelope)
                last = envelope.sequence
            }
        } catch {
            StandardError.line("perpetua replay: \(error)")
            // Only for pruned history: after a corrupt record the hint would mislead.
            if !fromSnapshot, case JournalError.missingHistory = error {
                StandardError.line("the journal was pruned behind the snapshots (journal pruning is on by default): "
                    + "add --from-snapshot, or run the server with durability.pruneJournal=false to keep the whole history")
            }
            throw ExitCode.failure
        }
        if let until, last < until {
            StandardError.line("perpetua replay: the journal ends at \(last), before --until \(until)")
            throw ExitCode.failure
        }
        print(String(
            format: "{\"lastSequence\":%llu,\"stateHash\":\"0x%016llx\",\"trades\":%llu}", last, engine.stateHash(), engine.tradeCount))
    }
}
