import Foundation
import Logging
import PerpetuaCore
import PerpetuaEngine
import PerpetuaJournal

/// Every key the configuration accepts, and how its value is checked and applied. The
/// keys follow ``ServerConfiguration``'s property paths.
enum SettingCatalog {
    typealias Apply = @Sendable (inout ServerConfiguration, String, SettingValue) throws(SettingProblem) -> Void

    struct Setting: Sendable {
        var apply: Apply
    }

    static let positive = 1...Int.max
    static let positive64: ClosedRange<Int64> = 1...Int64.max

    /// Fixed keys.
    static let fixed: [String: Setting] = {
        var table: [String: Setting] = [:]
        func add(_ key: String, _ apply: @escaping Apply) { table[key] = Setting(apply: apply) }

        add("host") { c, _, v throws(SettingProblem) in c.host = try v.string() }
        add("port") { c, _, v throws(SettingProblem) in c.port = try v.integer(0...65_535) }
        add("dataDirectory") { c, _, v throws(SettingProblem) in c.dataDirectory = try v.string() }
        add("databaseURL") { c, _, v throws(SettingProblem) in
            let url = try v.string(allowEmpty: true)
            if url.isEmpty { c.databaseURL = nil; return }
            guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
                throw SettingProblem("must be a PostgreSQL URL (postgres://user:password@host:port/database)")
            }
            c.databaseURL = url
        }
        add("clock") { c, _, v throws(SettingProblem) in
            switch try v.string().lowercased() {
            case "wall": c.clock = .wall
            case "manual":
                if case .manual = c.clock { return }
                c.clock = .manual(startingAt: SequencerClock.wallMilliseconds())
            default: throw SettingProblem("must be wall or manual, got \(v.shown)")
            }
        }
        add("manualClockStart") { c, _, v throws(SettingProblem) in
            c.clock = .manual(startingAt: try v.integer(0...Int64.max))
        }
        add("demo") { c, _, v throws(SettingProblem) in c.demo = try v.bool() }
        add("registrationEnabled") { c, _, v throws(SettingProblem) in c.registrationEnabled = try v.bool() }
        add("adminToken") { c, _, v throws(SettingProblem) in
            let token = try v.string()
            guard token.count >= 16 else { throw SettingProblem("must be at least 16 characters") }
            c.adminToken = token
        }
        add("masterKey") { c, _, v throws(SettingProblem) in
            let key = try v.string()
            guard let bytes = Data(base64Encoded: key), bytes.count == 32 else {
                throw SettingProblem("must be base64 of exactly 32 bytes (openssl rand -base64 32)")
            }
            c.masterKey = key
        }
        add("jwtSecret") { c, _, v throws(SettingProblem) in
            let secret = try v.string()
            guard secret.utf8.count >= 32 else { throw SettingProblem("must be at least 32 characters") }
            c.jwtSecret = secret
        }
        add("maxBodyBytes") { c, _, v throws(SettingProblem) in c.maxBodyBytes = try v.integer(1024...(64 << 20)) }
        add("listenKeyTTLSeconds") { c, _, v throws(SettingProblem) in c.listenKeyTTLSeconds = try v.integer(60...(7 * 86_400)) }
        add("logLevel") { c, _, v throws(SettingProblem) in
            let text = try v.string().lowercased()
            guard let level = Logger.Level(rawValue: text) else {
                throw SettingProblem("must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")), got \(v.shown)")
            }
            c.logLevel = level
        }
        add("logFormat") { c, _, v throws(SettingProblem) in c.logFormat = try v.choice(LogFormat.self) }

        // Authentication (API.md §2).
        add("auth.accessTokenSeconds") { c, _, v throws(SettingProblem) in c.auth.accessTokenSeconds = try v.integer(positive64) }
        add("auth.refreshTokenSeconds") { c, _, v throws(SettingProblem) in c.auth.refreshTokenSeconds = try v.integer(positive64) }
        add("auth.secureCookies") { c, _, v throws(SettingProblem) in c.auth.secureCookies = try v.bool() }
        add("auth.apiKeyExpiryDays") { c, _, v throws(SettingProblem) in c.auth.apiKeyExpiryDays = try v.integer(1...36_500) }
        add("auth.maxApiKeysPerUser") { c, _, v throws(SettingProblem) in c.auth.maxApiKeysPerUser = try v.integer(1...10_000) }
        add("auth.maxWhitelistEntries") { c, _, v throws(SettingProblem) in c.auth.maxWhitelistEntries = try v.integer(1...10_000) }
        add("auth.defaultRecvWindow") { c, _, v throws(SettingProblem) in c.auth.defaultRecvWindow = try v.integer(positive64) }
        add("auth.maxRecvWindow") { c, _, v throws(SettingProblem) in c.auth.maxRecvWindow = try v.integer(positive64) }
        add("auth.maxLoginFailures") { c, _, v throws(SettingProblem) in c.auth.maxLoginFailures = try v.integer(positive) }
        add("auth.loginFailureWindowSeconds") { c, _, v throws(SettingProblem) in
            c.auth.loginFailureWindowSeconds = try v.integer(positive64)
        }
        add("auth.trustedProxies") { c, _, v throws(SettingProblem) in
            let entries = try v.strings()
            for entry in entries where IPAddressRange(entry) == nil {
                throw SettingProblem("must list IP addresses or CIDR blocks; \"\(entry)\" is neither")
            }
            c.auth.trustedProxies = entries
        }
        add("auth.maxTicketSeconds") { c, _, v throws(SettingProblem) in c.auth.maxTicketSeconds = try v.integer(positive64) }
        add("auth.maxEmbedTokenSeconds") { c, _, v throws(SettingProblem) in c.auth.maxEmbedTokenSeconds = try v.integer(positive64) }
        add("auth.bcryptCost") { c, _, v throws(SettingProblem) in c.auth.bcryptCost = try v.integer(4...31) }

        // Rate limits (API.md §4).
        add("rateLimits.enabled") { c, _, v throws(SettingProblem) in c.rateLimits.enabled = try v.bool() }
        let buckets: [(String, WritableKeyPath<RateLimitSettings, BucketSettings>)] = [
            ("publicPerIP", \.publicPerIP), ("privatePerUser", \.privatePerUser), ("ordersPerUser", \.ordersPerUser),
            ("loginPerIP", \.loginPerIP),
        ]
        for (name, path) in buckets {
            nonisolated(unsafe) let path = path
            add("rateLimits.\(name).capacity") { c, _, v throws(SettingProblem) in
                c.rateLimits[keyPath: path].capacity = try v.integer(1...1_000_000_000)
            }
            add("rateLimits.\(name).windowSeconds") { c, _, v throws(SettingProblem) in
                c.rateLimits[keyPath: path].windowSeconds = try v.integer(1...86_400)
            }
        }

        // The engine.
        add("engine.defaultLeverage") { c, _, v throws(SettingProblem) in c.engine.defaultLeverage = try v.integer(1...125) }
        add("engine.liquidationFeeRate") { c, _, v throws(SettingProblem) in
            c.engine.liquidationFeeRate = try v.rate(Rate.zero...Rate(units: 10_000_000))
        }
        add("engine.clientOrderIdRetentionMs") { c, _, v throws(SettingProblem) in
            c.engine.clientOrderIdRetentionMs = try v.integer(0...Int64.max)
        }
        add("engine.basisWindow") { c, _, v throws(SettingProblem) in c.engine.basisWindow = try v.integer(1...86_400) }
        add("engine.marginCallRatio") { c, _, v throws(SettingProblem) in
            c.engine.marginCallRatio = try v.rate(Rate.zero...Rate(units: 100_000_000))
        }
        add("engine.maxConditionOrders") { c, _, v throws(SettingProblem) in c.engine.maxConditionOrders = try v.integer(1...100_000) }
        add("engine.bookCapacity") { c, _, v throws(SettingProblem) in c.engine.bookCapacity = try v.integer(16...(1 << 26)) }

        // Durability (journal, snapshots, group commit, projector).
        add("durability.snapshotEveryCommands") { c, _, v throws(SettingProblem) in
            c.durability.snapshotEveryCommands = try v.integer(positive)
        }
        add("durability.snapshotsToKeep") { c, _, v throws(SettingProblem) in c.durability.snapshotsToKeep = try v.integer(1...1000) }
        add("durability.pruneJournal") { c, _, v throws(SettingProblem) in c.durability.pruneJournal = try v.bool() }
        add("journal.maxSegmentBytes") { c, _, v throws(SettingProblem) in c.journal.maxSegmentBytes = try v.integer((1 << 16)...(1 << 40)) }
        add("journal.fsync") { c, _, v throws(SettingProblem) in c.journal.fsync = try v.bool() }
        add("sequencer.maxBatchCommands") { c, _, v throws(SettingProblem) in c.sequencer.maxBatchCommands = try v.integer(1...(1 << 20)) }
        add("sequencer.maxBatchDelayMicroseconds") { c, _, v throws(SettingProblem) in
            c.sequencer.maxBatchDelay = .microseconds(try v.integer(0...1_000_000))
        }
        add("sequencer.maxInFlightCommands") { c, _, v throws(SettingProblem) in
            c.sequencer.maxInFlightCommands = try v.integer(1...(1 << 24))
        }
        add("projector.lingerMilliseconds") { c, _, v throws(SettingProblem) in
            c.projector.lingerMilliseconds = try v.integer(0...10_000)
        }
        add("projector.lingerBelowCommands") { c, _, v throws(SettingProblem) in
            c.projector.lingerBelowCommands = try v.integer(1...(1 << 24))
        }

        // Index feeds and readiness.
        add("indexFeeds.default") { c, _, v throws(SettingProblem) in c.indexFeeds.defaultMode = try v.choice(IndexFeedMode.self) }
        add("indexFeeds.replayFile") { c, _, v throws(SettingProblem) in c.indexFeeds.replayFile = try v.string() }
        add("indexFeeds.intervalMilliseconds") { c, _, v throws(SettingProblem) in
            c.indexFeeds.intervalMilliseconds = try v.integer(10...3_600_000)
        }
        add("indexFeeds.seed") { c, _, v throws(SettingProblem) in c.indexFeeds.seed = try v.integer(0...UInt64.max) }
        add("readiness.maxProjectorLag") { c, _, v throws(SettingProblem) in
            c.readiness.maxProjectorLag = try v.integer(0...UInt64.max)
        }
        return table
    }()

    /// Keys under this prefix name a symbol: `indexFeeds.symbols.BTCUSDT`.
    static let symbolFeedPrefix = "indexFeeds.symbols."

    static func setting(for key: String) -> Setting? {
        if let setting = fixed[key] { return setting }
        if key.hasPrefix(symbolFeedPrefix) {
            return Setting { c, key, v throws(SettingProblem) in
                let symbol = String(key.dropFirst(symbolFeedPrefix.count))
                guard !symbol.isEmpty, symbol.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }) else {
                    throw SettingProblem("must name a symbol in upper case (indexFeeds.symbols.BTCUSDT)")
                }
                c.indexFeeds.symbols[symbol] = try v.choice(IndexFeedMode.self)
            }
        }
        return nil
    }

    /// Objects in the file that are a value, not a level of keys: none yet (symbols nest).
    static func isLeafObject(_ key: String) -> Bool { false }

    /// Every fixed key, sorted.
    static var keys: [String] { fixed.keys.sorted() }

    /// `PERPETUA_` and the key in upper snake case: `rateLimits.publicPerIP.capacity` is
    /// `PERPETUA_RATE_LIMITS_PUBLIC_PER_IP_CAPACITY`.
    static func environmentName(_ key: String) -> String {
        var out = "PERPETUA_"
        for (index, part) in key.split(separator: ".").enumerated() {
            if index > 0 { out += "_" }
            let characters = Array(part)
            for (position, character) in characters.enumerated() {
                if position > 0, character.isUppercase {
                    let previous = characters[position - 1]
                    let next = position + 1 < characters.count ? characters[position + 1] : nil
                    if previous.isLowercase || previous.isNumber || (previous.isUppercase && next?.isLowercase == true) { out += "_" }
                }
                out += character.uppercased()
            }
        }
        return out
    }

    static let environmentNames: [String: String] = Dictionary(uniqueKeysWithValues: fixed.keys.map { (environmentName($0), $0) })

    /// The key an environment variable sets, if any.
    static func key(forEnvironmentName name: String) -> String? {
        if let key = environmentNames[name] { return key }
        let symbolPrefix = environmentName("indexFeeds.symbols") + "_"
        if name.hasPrefix(symbolPrefix), name.count > symbolPrefix.count {
            return symbolFeedPrefix + name.dropFirst(symbolPrefix.count)
        }
        return nil
    }
}
