import ArgumentParser

/// `perpetua replay`: rebuilds the engine state from a data directory's snapshots and
/// journal and prints the state hash, to check a recovery or compare two nodes.
///
/// The journal is not built yet, so the command says so and exits with status 69.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Rebuild state from the journal and print the state hash."
    )

    @Option(help: ArgumentHelp("The data directory holding the journal and snapshots.", valueName: "dir"))
    var data: String

    func run() throws {
        throw NotAvailable.report("replay", "the journal is not built yet (asked to replay \(data)).")
    }
}
