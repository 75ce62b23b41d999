import ArgumentParser
import Foundation
import PerpetuaClient
import PerpetuaOperator

/// `perpetua admin`: the operator API of a running server from the shell (users, deposits
/// and withdrawals, symbols, index prices, the insurance fund, the manual clock). The calls
/// and their output live in PerpetuaOperator's ``AdminConsole``; these commands parse
/// arguments and print.
struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract: "Call the operator API of a running server.",
        discussion: """
            The token comes from --token, else PERPETUA_ADMIN_TOKEN, else DIR/secrets/admin-token \
            when --data DIR names the server's data directory. Output is text; --json prints the \
            answer as one JSON object. A refused call prints the server's code and message on \
            standard error and exits 1.
            """,
        subcommands: [
            AdminUsersCommand.self, AdminDepositCommand.self, AdminWithdrawCommand.self, AdminSymbolsCommand.self,
            AdminIndexPriceCommand.self, AdminInsuranceCommand.self, AdminClockCommand.self,
        ]
    )
}

/// The options every admin command takes.
struct AdminConnection: ParsableArguments {
    @Option(help: ArgumentHelp("The server's base URL.", valueName: "url"))
    var server = "http://127.0.0.1:8080"

    @Option(help: ArgumentHelp("The operator token (default: PERPETUA_ADMIN_TOKEN).", valueName: "token"))
    var token: String?

    @Option(help: ArgumentHelp("The server's data directory, to read its generated secrets/admin-token.", valueName: "dir"))
    var data: String?

    @Flag(help: "Print the answer as JSON.")
    var json = false

    @Option(help: ArgumentHelp("Seconds to wait for the server's answer.", valueName: "seconds"))
    var timeout = 30

    /// Runs `body` with a console for the server and prints its output, or the error on
    /// standard error with exit status 1.
    func run(_ body: (AdminConsole) async throws(AdminCommandError) -> AdminOutput) async throws {
        let console: AdminConsole
        do {
            let token = try AdminToken.resolve(flag: token, environment: ProcessInfo.processInfo.environment, dataDirectory: data)
            console = AdminConsole(server: server, token: token, timeoutSeconds: max(1, timeout))
        } catch {
            StandardError.line("perpetua admin: \(error)")
            throw ExitCode(1)
        }
        let result: Result<AdminOutput, AdminCommandError>
        do {
            result = .success(try await body(console))
        } catch {
            result = .failure(error)
        }
        await console.shutdown()
        switch result {
        case .success(let output):
            print(output.rendered(json: json))
        case .failure(let error):
            StandardError.line("perpetua admin: \(error)")
            throw ExitCode(1)
        }
    }
}

struct AdminUsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "List or create users.", subcommands: [List.self, Create.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users, newest first.")
        @OptionGroup var connection: AdminConnection
        @Option(help: "Users per page (1...500).") var limit: Int?
        @Option(help: "The cursor of the previous page.") var cursor: String?

        func run() async throws {
            try await connection.run { console throws(AdminCommandError) in try await console.listUsers(limit: limit, cursor: cursor) }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user.")
        @Argument(help: "The username.") var username: String
        @Option(help: "The password.") var password: String
        @Option(help: "A public nickname.") var nickname: String?
        @OptionGroup var connection: AdminConnection

        func run() async throws {
            try await connection.run { console throws(AdminCommandError) in
                try await console.createUser(username: username, password: password, nickname: nickname)
            }
        }
    }
}

struct AdminDepositCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "deposit", abstract: "Credit a user's wallet.")
    @Argument(help: "The user id.") var userId: String
    @Argument(help: "The amount, a decimal string (\"1000.5\").") var amount: String
    @Option(help: "The asset.") var asset = "USDT"
    @OptionGroup var connection: AdminConnection

    func run() async throws {
        try await connection.run { console throws(AdminCommandError) in try await console.deposit(userId: userId, amount: amount, asset: asset) }
    }
}

struct AdminWithdrawCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "withdraw", abstract: "Debit a user's wallet (13001 if not available).")
    @Argument(help: "The user id.") var userId: String
    @Argument(help: "The amount, a decimal string.") var amount: String
    @Option(help: "The asset.") var asset = "USDT"
    @OptionGroup var connection: AdminConnection

    func run() async throws {
        try await connection.run { console throws(AdminCommandError) in try await console.withdraw(userId: userId, amount: amount, asset: asset) }
    }
}

struct AdminSymbolsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "symbols", abstract: "List, create or change symbols.", subcommands: [List.self, Create.self, Set.self],
        defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every symbol.")
        @OptionGroup var connection: AdminConnection
        func run() async throws { try await connection.run { console throws(AdminCommandError) in try await console.listSymbols() } }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a symbol from a JSON file holding a full Symbol (API.md §5.1).")
        @Option(help: ArgumentHelp("The Symbol JSON file ('-' for standard input).", valueName: "file")) var file: String
        @OptionGroup var connection: AdminConnection

        func run() async throws {
            let data: Data
            if file == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else if let contents = FileManager.default.contents(atPath: file) {
                data = contents
            } else {
                StandardError.line("perpetua admin: cannot read \(file)")
                throw ExitCode(1)
            }
            try await connection.run { console throws(AdminCommandError) in try await console.createSymbol(json: data) }
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a symbol's status or limits.")
        @Argument(help: "The symbol.") var symbol: String
        @Option(help: "TRADING, SUSPENDED or REDUCE_ONLY.") var status: String?
        @Option(name: .customLong("tick-size")) var tickSize: String?
        @Option(name: .customLong("step-size")) var stepSize: String?
        @Option(name: .customLong("min-qty")) var minQty: String?
        @Option(name: .customLong("max-qty")) var maxQty: String?
        @Option(name: .customLong("min-notional")) var minNotional: String?
        @Option(name: .customLong("price-band-rate")) var priceBandRate: String?
        @Option(name: .customLong("max-leverage")) var maxLeverage: Int?
        @Option(name: .customLong("funding-interval-hours")) var fundingIntervalHours: Int?
        @OptionGroup var connection: AdminConnection

        func run() async throws {
            let update = SymbolUpdate(
                symbol: symbol, status: status?.uppercased(), tickSize: tickSize, stepSize: stepSize, minQty: minQty, maxQty: maxQty,
                minNotional: minNotional, priceBandRate: priceBandRate, maxLeverage: maxLeverage,
                fundingIntervalHours: fundingIntervalHours)
            try await connection.run { console throws(AdminCommandError) in try await console.updateSymbol(update) }
        }
    }
}

struct AdminIndexPriceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "index-price", abstract: "Set a symbol's index price (the operator feed).")
    @Argument(help: "The symbol.") var symbol: String
    @Argument(help: "The price, a decimal string.") var price: String
    @OptionGroup var connection: AdminConnection

    func run() async throws {
        try await connection.run { console throws(AdminCommandError) in try await console.setIndexPrice(symbol: symbol, price: price) }
    }
}

struct AdminInsuranceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "insurance", abstract: "Show the insurance fund and the fee income.")
    @OptionGroup var connection: AdminConnection

    func run() async throws { try await connection.run { console throws(AdminCommandError) in try await console.insuranceFund() } }
}

struct AdminClockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clock", abstract: "Show or move the exchange clock (a manual clock only moves forward).",
        subcommands: [Show.self, Set.self, Advance.self], defaultSubcommand: Show.self)

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the clock and its mode.")
        @OptionGroup var connection: AdminConnection
        func run() async throws { try await connection.run { console throws(AdminCommandError) in try await console.clock() } }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move a manual clock to TIME (ms since the epoch), running due timers.")
        @Argument(help: "Milliseconds since the epoch.") var time: Int64
        @OptionGroup var connection: AdminConnection
        func run() async throws { try await connection.run { console throws(AdminCommandError) in try await console.setClock(time: time) } }
    }

    struct Advance: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move a manual clock forward by MS milliseconds.")
        @Argument(help: "Milliseconds.") var milliseconds: Int64
        @OptionGroup var connection: AdminConnection
        func run() async throws {
            try await connection.run { console throws(AdminCommandError) in try await console.advanceClock(by: milliseconds) }
        }
    }
}
