import ArgumentParser

/// The `perpetua` command: the server and the tools around it, with the subcommands and
/// options DESIGN.md's command-line contract promises.
@main
struct Perpetua: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "perpetua",
        abstract: "Perpetua perpetual-futures exchange server",
        subcommands: [ServeCommand.self, AdminCommand.self, ReplayCommand.self, BenchCommand.self, CrashDrillCommand.self]
    )

    static func main() async {
        MemoryTuning.apply()
        await main(nil)
    }
}
