import Foundation
import PerpetuaCore
import PerpetuaEngine
import PerpetuaJournal
import PerpetuaServer
import Testing

/// The configuration's layers (defaults < file < `PERPETUA_*` < flags) and its refusals:
/// unknown keys and bad values stop start-up naming the key and where it came from.
@Suite("Configuration")
struct ConfigurationLoaderTests {
    /// Writes `json` to a temporary file and returns its path.
    static func file(_ json: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("perpetua-config-\(UUID().uuidString).json").path
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func error(
        file json: String? = nil, environment: [String: String] = [:], flags: [(key: String, value: String)] = []
    ) throws -> ConfigurationError? {
        let path = try json.map(file)
        defer { if let path { try? FileManager.default.removeItem(atPath: path) } }
        do {
            _ = try ConfigurationLoader.load(file: path, environment: environment, flags: flags)
            return nil
        } catch {
            return error
        }
    }

    @Test("defaults are the contract's when nothing is configured")
    func defaults() throws {
        let configuration = try ConfigurationLoader.load(file: nil, environment: ["HOME": "/root", "PERPETUA_TEST_POSTGRES_URL": "x"])
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 8080)
        #expect(configuration.dataDirectory == "./data")
        #expect(configuration.rateLimits.ordersPerUser == BucketSettings(capacity: 300, windowSeconds: 10))
        #expect(configuration.auth.bcryptCost == 12)
        #expect(configuration.journal.fsync)
        #expect(configuration.clock == .wall)
        #expect(configuration.indexFeeds.defaultMode == .operator)
        #expect(configuration.projector == ProjectorSettings())
        #expect(configuration.projector.lingerMilliseconds == 10)
    }

    @Test("flags override the environment, which overrides the file, which overrides the defaults")
    func precedence() throws {
        let path = try Self.file("""
            {
              "port": 9001,
              "host": "0.0.0.0",
              "dataDirectory": "/srv/file",
              "rateLimits": {"ordersPerUser": {"capacity": 600, "windowSeconds": 20}, "enabled": true},
              "auth": {"bcryptCost": 10, "trustedProxies": ["10.0.0.0/8", "192.168.1.1"]},
              "engine": {"liquidationFeeRate": "0.015"},
              "journal": {"fsync": false},
              "indexFeeds": {"default": "simulated", "symbols": {"ETHUSDT": "operator"}}
            }
            """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let environment = [
            "PERPETUA_PORT": "9002", "PERPETUA_DATA_DIRECTORY": "/srv/env",
            "PERPETUA_RATE_LIMITS_ORDERS_PER_USER_CAPACITY": "700", "PERPETUA_AUTH_BCRYPT_COST": "11",
            "PERPETUA_INDEX_FEEDS_SYMBOLS_SOLUSDT": "simulated",
        ]
        let configuration = try ConfigurationLoader.load(
            file: path, environment: environment, flags: [("port", "9003"), ("auth.bcryptCost", "13")])
        #expect(configuration.port == 9003)  // flag > environment > file
        #expect(configuration.auth.bcryptCost == 13)
        #expect(configuration.dataDirectory == "/srv/env")  // environment > file
        #expect(configuration.rateLimits.ordersPerUser == BucketSettings(capacity: 700, windowSeconds: 20))
        #expect(configuration.host == "0.0.0.0")  // file > default
        #expect(configuration.auth.trustedProxies == ["10.0.0.0/8", "192.168.1.1"])
        #expect(configuration.engine.liquidationFeeRate == (try Rate(parsing: "0.015")))
        #expect(configuration.journal.fsync == false)
        #expect(configuration.indexFeeds.mode(of: "BTCUSDT") == .simulated)
        #expect(configuration.indexFeeds.mode(of: "ETHUSDT") == .operator)
        #expect(configuration.indexFeeds.mode(of: "SOLUSDT") == .simulated)
        #expect(configuration.auth.maxRecvWindow == 60000)  // untouched default
    }

    @Test("PERPETUA_CONFIG names the file when --config is not given; secrets and the clock come from the environment")
    func environmentOnly() throws {
        let path = try Self.file(#"{"clock": "manual", "manualClockStart": 1767571200000, "demo": false}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let token = "an-operator-token-of-some-length"
        let configuration = try ConfigurationLoader.load(file: nil, environment: [
            "PERPETUA_CONFIG": path, "PERPETUA_ADMIN_TOKEN": token, "PERPETUA_AUTH_TRUSTED_PROXIES": "10.1.2.3, 10.0.0.0/16",
            "PERPETUA_LISTEN_KEY_TTL_SECONDS": "1800", "PERPETUA_DATABASE_URL": "postgres://u:p@localhost:5432/perpetua",
        ])
        #expect(configuration.clock == .manual(startingAt: 1_767_571_200_000))
        #expect(configuration.demo == false)
        #expect(configuration.allowsRegistration == false)
        #expect(configuration.adminToken == token)
        #expect(configuration.auth.trustedProxies == ["10.1.2.3", "10.0.0.0/16"])
        #expect(configuration.listenKeyTTLSeconds == 1800)
        #expect(configuration.databaseURL == "postgres://u:p@localhost:5432/perpetua")
    }

    @Test("an unknown key in the file, the environment or a flag is refused by name")
    func unknownKeys() throws {
        let fromFile = try #require(try Self.error(file: #"{"rateLimits": {"ordersPerUsr": {"capacity": 5}}}"#))
        #expect(fromFile.key == "rateLimits.ordersPerUsr.capacity")
        #expect(fromFile.description.contains("rateLimits.ordersPerUsr.capacity"))
        #expect(fromFile.description.contains("is not a configuration setting"))

        let fromEnvironment = try #require(try Self.error(environment: ["PERPETUA_ADMN_TOKEN": "x"]))
        #expect(fromEnvironment.key == "PERPETUA_ADMN_TOKEN")

        let nearMiss = try #require(try Self.error(environment: ["PERPETUA_AUTHBCRYPT_COST": "5"]))
        #expect(nearMiss.description.contains("did you mean PERPETUA_AUTH_BCRYPT_COST?"))

        let fromFlag = try #require(try Self.error(flags: [("bcryptCost", "5")]))
        #expect(fromFlag.key == "bcryptCost")
        #expect(fromFlag.description.contains("did you mean auth.bcryptCost?"))
    }

    @Test("bad values are refused with the key, the source and what is expected")
    func badValues() throws {
        let port = try #require(try Self.error(environment: ["PERPETUA_PORT": "eighty"]))
        #expect(port.key == "port")
        #expect(port.source == "environment variable PERPETUA_PORT")
        #expect(port.message.contains("must be an integer"))

        let range = try #require(try Self.error(file: #"{"auth": {"bcryptCost": 3}}"#))
        #expect(range.key == "auth.bcryptCost")
        #expect(range.message == "must be between 4 and 31, got 3")

        let fraction = try #require(try Self.error(file: #"{"rateLimits": {"publicPerIP": {"capacity": 1.5}}}"#))
        #expect(fraction.key == "rateLimits.publicPerIP.capacity")
        #expect(fraction.message.contains("must be an integer, got a fractional number"))

        let rateAsNumber = try #require(try Self.error(file: #"{"engine": {"liquidationFeeRate": 0.01}}"#))
        #expect(rateAsNumber.key == "engine.liquidationFeeRate")
        #expect(rateAsNumber.message.contains("decimal string"))

        let linger = try #require(try Self.error(environment: ["PERPETUA_PROJECTOR_LINGER_MILLISECONDS": "-1"]))
        #expect(linger.key == "projector.lingerMilliseconds")
        #expect(linger.message == #"must be between 0 and 10000, got "-1""#)
        let set = try ConfigurationLoader.load(file: nil, environment: [:], flags: [("projector.lingerBelowCommands", "64")])
        #expect(set.projector.lingerBelowCommands == 64)
        let lag = try #require(try Self.error(flags: [("readiness.maxProjectorLag", "100")]))
        #expect(lag.key == "projector.lingerBelowCommands")
        #expect(lag.message.contains("readiness.maxProjectorLag (100)"))
        let noLinger = try ConfigurationLoader.load(
            file: nil, environment: [:], flags: [("readiness.maxProjectorLag", "100"), ("projector.lingerMilliseconds", "0")])
        #expect(noLinger.readiness.maxProjectorLag == 100)

        let boolean = try #require(try Self.error(flags: [("journal.fsync", "maybe")]))
        #expect(boolean.key == "journal.fsync")
        #expect(boolean.source == "command line")

        let clock = try #require(try Self.error(flags: [("clock", "sundial")]))
        #expect(clock.key == "clock")

        let proxy = try #require(try Self.error(environment: ["PERPETUA_AUTH_TRUSTED_PROXIES": "10.0.0.1,not-an-ip"]))
        #expect(proxy.message.contains("not-an-ip"))

        let database = try #require(try Self.error(flags: [("databaseURL", "mysql://x")]))
        #expect(database.key == "databaseURL")

        let window = try #require(try Self.error(file: #"{"auth": {"maxRecvWindow": 1000}}"#))
        #expect(window.key == "auth.maxRecvWindow")

        let replay = try #require(try Self.error(file: #"{"indexFeeds": {"default": "replay"}}"#))
        #expect(replay.key == "indexFeeds.replayFile")

        let mode = try #require(try Self.error(environment: ["PERPETUA_INDEX_FEEDS_SYMBOLS_BTCUSDT": "random"]))
        #expect(mode.key == "indexFeeds.symbols.BTCUSDT")
        #expect(mode.message.contains("operator, simulated, replay"))

        let secret = try #require(try Self.error(environment: ["PERPETUA_MASTER_KEY": "c2hvcnQ="]))
        #expect(secret.key == "masterKey")

        let notJSON = try #require(try Self.error(file: "port = 8080"))
        #expect(notJSON.key == "--config")
        #expect(notJSON.message.contains("not valid JSON"))

        let missing = try #require(try Self.error(flags: [], environment: ["PERPETUA_CONFIG": "/nonexistent/perpetua.json"]))
        #expect(missing.message == "cannot be read")
    }
}

extension ConfigurationLoaderTests {
    static func error(flags: [(key: String, value: String)], environment: [String: String]) throws -> ConfigurationError? {
        try error(file: nil, environment: environment, flags: flags)
    }
}
