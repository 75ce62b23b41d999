import ArgumentParser
import Foundation
import Hummingbird
import Logging
import PerpetuaJournal
import PerpetuaServer
import ServiceLifecycle

/// `perpetua serve`: runs the exchange (REST and WebSocket API, engine, journal, store).
///
/// Opens the exchange in the data directory (recovering from the newest snapshot and the
/// journal), serves the API until SIGTERM or SIGINT, then drains: everything accepted
/// becomes durable and a final snapshot is written before the process exits 0.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the exchange server.",
        discussion: """
            A fresh data directory gets demo data unless --no-demo is given. The operator \
            token comes from PERPETUA_ADMIN_TOKEN or the configuration file; when neither \
            sets one, a token is generated into the data directory and printed at start-up.
            """
    )

    /// Which clock the sequencer stamps commands with.
    enum ClockMode: String, ExpressibleByArgument, CaseIterable {
        /// The system's wall clock.
        case wall
        /// A clock that moves only when the operator sets it (`perpetua admin clock`), for
        /// tests and simulations.
        case manual
    }

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The TCP port to listen on.")
    var port = 8080

    @Option(help: ArgumentHelp("The data directory: embedded database, journal and snapshots.", valueName: "dir"))
    var data = "./data"

    @Option(
        name: .customLong("database-url"),
        help: ArgumentHelp("A PostgreSQL connection URL; the embedded SQLite store when absent.", valueName: "url")
    )
    var databaseURL: String?

    @Option(help: ArgumentHelp("A configuration file.", valueName: "file"))
    var config: String?

    @Option(help: "The clock commands are stamped with.")
    var clock: ClockMode = .wall

    @Flag(name: .customLong("no-demo"), help: "Do not create demo data in a fresh data directory.")
    var noDemo = false

    func validate() throws {
        guard (0...65_535).contains(port) else {
            throw ValidationError("--port must be between 0 and 65535, got \(port).")
        }
        guard !host.isEmpty else { throw ValidationError("--host must not be empty.") }
        guard !data.isEmpty else { throw ValidationError("--data must not be empty.") }
        if let databaseURL, !(databaseURL.hasPrefix("postgres://") || databaseURL.hasPrefix("postgresql://")) {
            throw ValidationError("--database-url must be a PostgreSQL URL (postgres://user:password@host:port/database).")
        }
    }

    func run() async throws {
        var configuration = ServerConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.dataDirectory = data
        configuration.databaseURL = databaseURL
        configuration.demo = !noDemo
        configuration.clock = clock == .manual ? .manual(startingAt: SequencerClock.wallMilliseconds()) : .wall
        var logger = Logger(label: "perpetua")
        logger.logLevel = .info
        let gateway = try await Gateway.start(configuration: configuration, logger: logger)
        let secrets = gateway.secrets
        var services: [any Service] = []
        var demoCredentials: DemoMode.DemoCredentials?
        if !noDemo {
            let (demo, credentials) = try await DemoMode.start(gateway)
            services.append(demo)
            demoCredentials = credentials
        }
        let banner = Self.banner(host: host, port: port, data: data, secrets: secrets, demo: demoCredentials)
        let app = gateway.makeApplication(services: services) { _ in
            // Unbuffered, so the banner reaches a pipe or a log file at once.
            FileHandle.standardOutput.write(Data((banner + "\n").utf8))
        }
        do {
            try await app.runService()
        } catch {
            await gateway.shutdown()
            throw error
        }
        await gateway.shutdown()
    }

    /// What the operator reads at start-up: where to connect, the credentials, a first request.
    static func banner(host: String, port: Int, data: String, secrets: ServerSecrets, demo: DemoMode.DemoCredentials?) -> String {
        let base = "http://\(host):\(port)"
        var lines = ["perpetua listening on \(base) (data in \(data))"]
        if secrets.adminTokenGenerated {
            lines.append("operator token (generated into \(data)/secrets/admin-token): \(secrets.adminToken)")
        }
        if let demo {
            lines += [
                "demo mode: BTCUSDT, ETHUSDT and SOLUSDT with a simulated index and a market maker",
                "demo user: \(demo.username) / \(demo.password)",
                "demo API key: \(demo.apiKey)",
                "demo API secret: \(demo.apiSecret)",
                "try: curl '\(base)/v1/public/market/depth?symbol=BTCUSDT&limit=5'",
            ]
        }
        return lines.joined(separator: "\n")
    }
}
