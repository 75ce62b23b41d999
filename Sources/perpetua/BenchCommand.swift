import ArgumentParser

/// `perpetua bench`: the benchmarks behind DESIGN.md's performance targets. Each prints
/// human-readable progress and then one JSON object as its last line of standard output.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run a benchmark; the last line of output is one JSON object.",
        subcommands: [
            BenchMatchingCommand.self, BenchEngineCommand.self, BenchJournalCommand.self, BenchAPICommand.self,
            BenchWebSocketCommand.self,
        ]
    )
}
