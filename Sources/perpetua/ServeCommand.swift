import ArgumentParser
import Foundation
import Hummingbird
import Logging
import NIOCore
import PerpetuaJournal
import PerpetuaServer
import PerpetuaStore
import ServiceLifecycle
import UnixSignals

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

            Configuration: flags (and --set key=value) override PERPETUA_* environment \
            variables, which override the JSON file of --config (or PERPETUA_CONFIG), which \
            overrides the defaults. Keys nest in the file ({"rateLimits": {"ordersPerUser": \
            {"capacity": 600}}}); the variable of a key is PERPETUA_ and the key in upper \
            snake case (PERPETUA_RATE_LIMITS_ORDERS_PER_USER_CAPACITY). An unknown key or a bad \
            value stops start-up with one line naming it and exit status 78.
            """
    )

    @Option(help: "The address to listen on (default 127.0.0.1).")
    var host: String?

    // Text, not Int: a bad value is a configuration error like any other (one line, status
    // 78), checked with the same rules as PERPETUA_PORT and --set port=.
    @Option(help: ArgumentHelp("The TCP port to listen on (default 8080).", valueName: "port"))
    var port: String?

    @Option(help: ArgumentHelp("The data directory: embedded database, journal and snapshots (default ./data).", valueName: "dir"))
    var data: String?

    @Option(
        name: .customLong("database-url"),
        help: ArgumentHelp("A PostgreSQL connection URL; the embedded SQLite store when absent.", valueName: "url")
    )
    var databaseURL: String?

    @Option(help: ArgumentHelp("A JSON configuration file (default: the file PERPETUA_CONFIG names, if any).", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("The clock commands are stamped with: wall or manual (default wall).", valueName: "clock"))
    var clock: String?

    @Flag(name: .customLong("no-demo"), help: "Do not create demo data in a fresh data directory.")
    var noDemo = false

    @Option(
        name: .customLong("set"),
        help: ArgumentHelp(
            "Any configuration key, e.g. --set rateLimits.ordersPerUser.capacity=600 (repeatable; overrides the file and PERPETUA_* variables).",
            valueName: "key=value")
    )
    var settings: [String] = []

    /// The first `--set` that is not `key=value` with a key, if any.
    var malformedSetting: String? {
        settings.first { setting in
            guard let equals = setting.firstIndex(of: "=") else { return true }
            return setting[..<equals].isEmpty
        }
    }

    /// The flags given, as configuration keys: flags > environment > file > defaults.
    var flagSettings: [(key: String, value: String)] {
        var list: [(key: String, value: String)] = []
        if let host { list.append(("host", host)) }
        if let port { list.append(("port", port)) }
        if let data { list.append(("dataDirectory", data)) }
        if let databaseURL { list.append(("databaseURL", databaseURL)) }
        if let clock { list.append(("clock", clock)) }
        if noDemo { list.append(("demo", "false")) }
        for setting in settings {
            let parts = setting.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            list.append((String(parts[0]), parts.count > 1 ? String(parts[1]) : ""))
        }
        return list
    }

    func run() async throws {
        let configuration: ServerConfiguration
        if let malformedSetting {
            StandardError.line("perpetua serve: configuration error: --set takes key=value, got \"\(malformedSetting)\"")
            throw ExitCode(78)
        }
        do {
            configuration = try ConfigurationLoader.load(
                file: config, environment: ProcessInfo.processInfo.environment, flags: flagSettings)
        } catch {
            StandardError.line("perpetua serve: \(error)")
            throw ExitCode(78)  // EX_CONFIG
        }
        let logger = ServeLogging.bootstrap(configuration)
        let gateway: Gateway
        do {
            gateway = try await Gateway.start(configuration: configuration, logger: logger)
        } catch let error as DataDirectoryLockError {
            StandardError.line("perpetua serve: \(error)")
            throw ExitCode(1)
        } catch let error as StoreError {
            StandardError.line("perpetua serve: \(error)")
            throw ExitCode(1)
        }
        var services: [any Service] = []
        var demoCredentials: DemoMode.DemoCredentials?
        do {
            if configuration.demo {
                let (demo, credentials) = try await DemoMode.start(gateway)
                services.append(demo)
                demoCredentials = credentials
            }
            if IndexFeed.isNeeded(configuration.indexFeeds) {
                services.append(try IndexFeed(exchange: gateway.exchange, settings: configuration.indexFeeds, logger: logger))
            }
        } catch let error as IndexReplayError {
            await gateway.shutdown()
            StandardError.line("perpetua serve: configuration error: indexFeeds.replayFile (\(configuration.indexFeeds.replayFile ?? "")) \(error)")
            throw ExitCode(78)
        } catch {
            await gateway.shutdown()
            throw error
        }
        let banner = Self.banner(
            host: configuration.host, port: configuration.port, data: configuration.dataDirectory, secrets: gateway.secrets,
            demo: demoCredentials)
        // Labelled: as a trailing closure it would be taken for the router's prelude and
        // printed before the port was bound, even when binding then failed.
        let app = gateway.makeApplication(services: services, onServerRunning: { _ in
            // Unbuffered, so the banner reaches a pipe or a log file at once.
            FileHandle.standardOutput.write(Data((banner + "\n").utf8))
        })
        // SIGTERM/SIGINT shut services down in reverse order: the drain first (orders answer
        // 90001, WebSockets close), then the HTTP server finishes the requests in flight.
        let group = ServiceGroup(
            services: [app, DrainService(gateway: gateway)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        do {
            try await group.run()
        } catch let error as IOError where error.errnoCode == EADDRINUSE || error.errnoCode == EADDRNOTAVAIL {
            await gateway.shutdown()
            StandardError.line("perpetua serve: cannot listen on \(configuration.host):\(configuration.port): "
                + (error.errnoCode == EADDRINUSE ? "the port is in use (another server?); pick another with --port" : "no such address on this machine; check --host"))
            throw ExitCode(1)
        } catch {
            await gateway.shutdown()
            throw error
        }
        // Everything accepted becomes durable, the projector catches up, a snapshot is written.
        await gateway.shutdown()
        logger.info("stopped cleanly")
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
