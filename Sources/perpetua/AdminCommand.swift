import ArgumentParser

/// `perpetua admin`: the operator API from the shell (users, deposits and withdrawals,
/// symbols, index prices, the insurance fund, the manual clock).
///
/// The operator API is not built yet, so after parsing the command says so and exits with
/// status 69.
struct AdminCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract: "Call the operator API of a running server.",
        discussion: "The token defaults to PERPETUA_ADMIN_TOKEN."
    )

    /// The operator API's areas.
    enum Area: String, ExpressibleByArgument, CaseIterable {
        case users, deposit, withdraw, symbols
        case indexPrice = "index-price"
        case insurance, clock
    }

    @Argument(help: "What to administer.")
    var area: Area

    @Option(help: ArgumentHelp("The server's base URL.", valueName: "url"))
    var server = "http://127.0.0.1:8080"

    @Option(help: ArgumentHelp("The operator token.", valueName: "token"))
    var token: String?

    @Argument(parsing: .allUnrecognized, help: "The area's own arguments.")
    var arguments: [String] = []

    func run() throws {
        throw NotAvailable.report("admin \(area.rawValue)", "the operator API is not built yet (server \(server)).")
    }
}
