import Foundation
import Logging
import PerpetuaCore
import PerpetuaJournal

/// Builds a ``ServerConfiguration`` from its four layers, each overriding the one before:
/// the defaults, a configuration file, `PERPETUA_*` environment variables, and command-line
/// flags.
///
/// **The file is JSON.** JSON because every operator tool writes and checks it (`jq`,
/// editors, configuration management), because Foundation's strict parser reads it with no
/// new dependency (YAML's and TOML's Swift libraries bring C or C++ parsers to build and
/// audit), and because the server's own API speaks it: decimals are strings in both, so a
/// rate is never a binary floating-point number. Keys nest as objects:
/// `{"rateLimits": {"ordersPerUser": {"capacity": 600}}}` is the key
/// `rateLimits.ordersPerUser.capacity`.
///
/// **Environment variables** are `PERPETUA_` and the key in upper snake case
/// (`PERPETUA_RATE_LIMITS_ORDERS_PER_USER_CAPACITY=600`); lists are comma-separated. An
/// unknown `PERPETUA_*` variable is an error, except the test and tool variables
/// (``ignoredEnvironmentPrefixes``).
///
/// **Flags** are the ones `perpetua serve` names (`--port`, `--data`, …) and `--set KEY=VALUE`
/// for any key.
///
/// Unknown keys and bad values stop start-up with a ``ConfigurationError`` that names the
/// key and where it came from.
public enum ConfigurationLoader {
    /// Environment variables that are not settings but are read by tests, scripts and tools.
    public static let ignoredEnvironmentPrefixes = [
        "PERPETUA_TEST_", "PERPETUA_FUZZ_", "PERPETUA_PROPS_", "PERPETUA_STORE_BENCH", "PERPETUA_CLIENT_BENCH",
        "PERPETUA_BINARY", "PERPETUA_COMMIT",
    ]
    /// The environment variable naming a configuration file when `--config` is not given.
    public static let configFileVariable = "PERPETUA_CONFIG"

    /// The configuration from the defaults, the JSON file at `file` (if any; else the file
    /// `PERPETUA_CONFIG` names), `environment`, and `flags` (key → value text).
    public static func load(
        file: String?, environment: [String: String], flags: [(key: String, value: String)] = []
    ) throws(ConfigurationError) -> ServerConfiguration {
        var configuration = ServerConfiguration()
        var assigned = Set<String>()
        let path = file ?? environment[configFileVariable].flatMap { $0.isEmpty ? nil : $0 }
        if let path {
            for (key, value) in try readFile(path) {
                try apply(key, value, source: "\(path)", to: &configuration)
                assigned.insert(key)
            }
        }
        for (name, text) in environment.sorted(by: { $0.key < $1.key }) where name.hasPrefix("PERPETUA_") {
            if name == configFileVariable || ignoredEnvironmentPrefixes.contains(where: name.hasPrefix) { continue }
            guard let key = SettingCatalog.key(forEnvironmentName: name) else {
                throw ConfigurationError(
                    key: name, source: "environment", message: "is not a configuration setting\(suggestion(forEnvironment: name))")
            }
            try apply(key, .text(text), source: "environment variable \(name)", to: &configuration)
            assigned.insert(key)
        }
        for (key, text) in flags {
            try apply(key, .text(text), source: "command line", to: &configuration)
            assigned.insert(key)
        }
        try validate(configuration, assigned: assigned)
        return configuration
    }

    /// Applies one setting, naming the key and source on failure.
    static func apply(_ key: String, _ value: SettingValue, source: String, to configuration: inout ServerConfiguration) throws(ConfigurationError) {
        guard let setting = SettingCatalog.setting(for: key) else {
            throw ConfigurationError(key: key, source: source, message: "is not a configuration setting\(suggestion(forKey: key))")
        }
        do {
            try setting.apply(&configuration, key, value)
        } catch {
            throw ConfigurationError(key: key, source: source, message: error.message)
        }
    }

    /// The file's settings as flattened keys.
    static func readFile(_ path: String) throws(ConfigurationError) -> [(String, SettingValue)] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(key: "--config", source: path, message: "cannot be read")
        }
        let root: ConfigValue
        do {
            root = try JSONDecoder().decode(ConfigValue.self, from: data)
        } catch let error as DecodingError {
            throw ConfigurationError(key: "--config", source: path, message: "is not valid JSON: \(describe(error))")
        } catch {
            throw ConfigurationError(key: "--config", source: path, message: "is not valid JSON: \(error)")
        }
        guard case .object = root else {
            throw ConfigurationError(key: "--config", source: path, message: "must hold a JSON object of settings")
        }
        var settings: [(String, SettingValue)] = []
        func flatten(_ value: ConfigValue, prefix: String) {
            if case .object(let members) = value, !SettingCatalog.isLeafObject(prefix) {
                for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                    flatten(member, prefix: prefix.isEmpty ? name : prefix + "." + name)
                }
            } else {
                settings.append((prefix, .json(value)))
            }
        }
        flatten(root, prefix: "")
        return settings
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context): context.underlyingError.map { "\($0)" } ?? context.debugDescription
        default: "\(error)"
        }
    }

    /// Checks that concern several settings together.
    static func validate(_ configuration: ServerConfiguration, assigned: Set<String>) throws(ConfigurationError) {
        if configuration.auth.maxRecvWindow < configuration.auth.defaultRecvWindow {
            throw ConfigurationError(
                key: "auth.maxRecvWindow", source: "configuration",
                message: "must be at least auth.defaultRecvWindow (\(configuration.auth.defaultRecvWindow))")
        }
        // A lingering projector trails the journal by up to this many commands; /ready must
        // not fail on that alone.
        let projector = configuration.projector
        if projector.lingerMilliseconds > 0, UInt64(projector.lingerBelowCommands) > configuration.readiness.maxProjectorLag {
            throw ConfigurationError(
                key: "projector.lingerBelowCommands", source: "configuration",
                message: "must not exceed readiness.maxProjectorLag (\(configuration.readiness.maxProjectorLag)) while the projector lingers; set projector.lingerMilliseconds to 0 to write every run at once")
        }
        let feeds = configuration.indexFeeds
        let replays = feeds.defaultMode == .replay || feeds.symbols.values.contains(.replay)
        if replays {
            guard let file = feeds.replayFile else {
                throw ConfigurationError(
                    key: "indexFeeds.replayFile", source: "configuration", message: "must name a CSV file when a feed is replay")
            }
            guard FileManager.default.isReadableFile(atPath: file) else {
                throw ConfigurationError(key: "indexFeeds.replayFile", source: "configuration", message: "cannot read \(file)")
            }
        }
    }

    static func suggestion(forKey key: String) -> String {
        let lowered = key.lowercased()
        if let match = SettingCatalog.keys.first(where: { $0.lowercased() == lowered || $0.lowercased().hasSuffix("." + lowered) }) {
            return "; did you mean \(match)?"
        }
        return ""
    }

    static func suggestion(forEnvironment name: String) -> String {
        let stripped = name.dropFirst("PERPETUA_".count).replacingOccurrences(of: "_", with: "").lowercased()
        if let match = SettingCatalog.keys.first(where: { $0.replacingOccurrences(of: ".", with: "").lowercased() == stripped }) {
            return "; did you mean \(SettingCatalog.environmentName(match))?"
        }
        return ""
    }
}

/// A setting that cannot be used; `description` is the one line printed at start-up.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The setting's key (`rateLimits.publicPerIP.capacity`), or the environment variable or
    /// flag when it names no key.
    public var key: String
    /// Where the value came from: the file's path, an environment variable, the command line.
    public var source: String
    public var message: String

    public init(key: String, source: String, message: String) {
        self.key = key
        self.source = source
        self.message = message
    }

    public var description: String { "configuration error: \(key) (\(source)) \(message)" }
}

/// A setting's value as given: text (environment, flags) or a JSON value (the file).
enum SettingValue: Sendable {
    case text(String)
    case json(ConfigValue)
}

/// A JSON value of the configuration file. Numbers keep their kind: an integer, or a
/// number with a fraction or exponent, which no setting takes (rates are strings).
enum ConfigValue: Decodable, Sendable {
    case null
    case bool(Bool)
    case integer(Int64)
    case fraction
    case string(String)
    case array([ConfigValue])
    case object([String: ConfigValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int64.self) { self = .integer(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([ConfigValue].self) { self = .array(value) }
        else if let value = try? container.decode([String: ConfigValue].self) { self = .object(value) }
        else if (try? container.decode(Decimal.self)) != nil { self = .fraction }
        else { throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a JSON value") }
    }

    var kind: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .integer: "an integer"
        case .fraction: "a fractional number"
        case .string: "a string"
        case .array: "a list"
        case .object: "an object"
        }
    }
}

/// Why one value is unusable (the loader adds the key and source).
struct SettingProblem: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

extension SettingValue {
    /// An integer within `range`.
    func integer<T: FixedWidthInteger>(_ range: ClosedRange<T>) throws(SettingProblem) -> T {
        let parsed: T?
        switch self {
        case .text(let text):
            parsed = T(text.trimmingCharacters(in: .whitespaces))
            if parsed == nil { throw SettingProblem("must be an integer, got \"\(text)\"") }
        case .json(.integer(let value)):
            parsed = T(exactly: value)
        case .json(let value):
            throw SettingProblem("must be an integer, got \(value.kind)")
        }
        guard let value = parsed, range.contains(value) else {
            throw SettingProblem("must be between \(range.lowerBound) and \(range.upperBound), got \(shown)")
        }
        return value
    }

    func bool() throws(SettingProblem) -> Bool {
        switch self {
        case .text(let text):
            switch text.lowercased() {
            case "true", "1", "yes", "on": return true
            case "false", "0", "no", "off": return false
            default: throw SettingProblem("must be true or false, got \"\(text)\"")
            }
        case .json(.bool(let value)): return value
        case .json(let value): throw SettingProblem("must be true or false, got \(value.kind)")
        }
    }

    /// A string; `allowEmpty` false rejects "".
    func string(allowEmpty: Bool = false) throws(SettingProblem) -> String {
        let text: String
        switch self {
        case .text(let value): text = value
        case .json(.string(let value)): text = value
        case .json(let value): throw SettingProblem("must be a string, got \(value.kind)")
        }
        if !allowEmpty && text.isEmpty { throw SettingProblem("must not be empty") }
        return text
    }

    /// A list of strings: a JSON array, or comma-separated text.
    func strings() throws(SettingProblem) -> [String] {
        switch self {
        case .text(let text):
            return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        case .json(.array(let items)):
            var result: [String] = []
            for item in items {
                guard case .string(let text) = item else { throw SettingProblem("must be a list of strings, found \(item.kind)") }
                result.append(text)
            }
            return result
        case .json(let value):
            throw SettingProblem("must be a list of strings, got \(value.kind)")
        }
    }

    /// One of `cases`' raw values (case-insensitive).
    func choice<T: RawRepresentable & CaseIterable>(_ type: T.Type) throws(SettingProblem) -> T where T.RawValue == String {
        let text = try string()
        if let match = T.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) { return match }
        throw SettingProblem("must be one of \(T.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(text)\"")
    }

    /// A rate given as a decimal string ("0.01"), within `range`.
    func rate(_ range: ClosedRange<Rate>) throws(SettingProblem) -> Rate {
        if case .json(let value) = self, case .string = value {} else if case .json(let value) = self {
            throw SettingProblem("must be a decimal string such as \"0.01\", got \(value.kind)")
        }
        let text = try string()
        let rate: Rate
        do {
            rate = try Rate(parsing: text)
        } catch {
            throw SettingProblem("must be a decimal such as \"0.01\" with at most 8 decimals, got \"\(text)\"")
        }
        guard range.contains(rate) else { throw SettingProblem("must be between \(range.lowerBound) and \(range.upperBound), got \(text)") }
        return rate
    }

    var shown: String {
        switch self {
        case .text(let text): "\"\(text)\""
        case .json(.integer(let value)): String(value)
        case .json(let value): value.kind
        }
    }
}
