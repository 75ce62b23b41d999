import Logging
import PerpetuaEngine
import PerpetuaJournal

/// Everything `perpetua serve` can be told: where it listens and keeps its data, the clock,
/// the secrets, and every limit and window of API.md. The defaults are the contract's.
public struct ServerConfiguration: Sendable {
    /// The address to listen on.
    public var host = "127.0.0.1"
    public var port = 8080
    /// Journal, snapshots, the SQLite database and generated secrets live here.
    public var dataDirectory = "./data"
    /// A `postgres://` URL selects PostgreSQL; nil keeps SQLite in the data directory.
    public var databaseURL: String?
    /// The wall clock, or a manual clock that only the operator moves (tests, drills).
    public var clock: SequencerClock = .wall
    /// Demo data on a fresh data directory.
    public var demo = true
    /// Whether `POST /v1/public/user/register` works; nil means "in demo mode only".
    public var registrationEnabled: Bool?
    /// The operator's bearer token; nil reads `PERPETUA_ADMIN_TOKEN`, else one is generated
    /// into the data directory.
    public var adminToken: String?
    /// Base64 of the 32-byte AES-GCM key that encrypts API secrets at rest; nil generates one
    /// into the data directory on first start.
    public var masterKey: String?
    /// The HS256 key of access tokens; nil generates one into the data directory.
    public var jwtSecret: String?
    /// Sessions, API keys and agent sign-on.
    public var auth = AuthSettings()
    /// Token buckets (API.md §4).
    public var rateLimits = RateLimitSettings()
    /// The largest request body accepted, in bytes.
    public var maxBodyBytes = 64 * 1024
    /// How long a listen key lives without a keep-alive.
    public var listenKeyTTLSeconds: Int64 = 3600
    /// WebSocket stream limits and cadences (API.md §6).
    public var streams = StreamSettings()
    /// The engine's own settings.
    public var engine = EngineConfiguration()
    /// Snapshot cadence and retention.
    public var durability = DurabilitySettings()
    /// Journal segment size and fsync.
    public var journal = JournalConfiguration()
    /// Group-commit batching.
    public var sequencer = SequencerConfiguration()
    /// How the projector batches the read side's writes.
    public var projector = ProjectorSettings()
    /// Where each symbol's index price comes from (operator, simulated, CSV replay).
    public var indexFeeds = IndexFeedSettings()
    /// What `/ready` requires.
    public var readiness = ReadinessSettings()
    /// The lowest level logged, and the log line format.
    public var logLevel: Logger.Level = .info
    public var logFormat: LogFormat = .text

    public init() {}

    /// Whether sign-up is open: as configured, else in demo mode only.
    public var allowsRegistration: Bool { registrationEnabled ?? demo }
}

/// Sessions, API keys and agent sign-on (API.md §2).
public struct AuthSettings: Sendable {
    /// Access-token lifetime.
    public var accessTokenSeconds: Int64 = 15 * 60
    /// Refresh-token (session) lifetime.
    public var refreshTokenSeconds: Int64 = 30 * 24 * 3600
    /// Set `Secure` on the refresh cookie (behind TLS).
    public var secureCookies = false
    /// Keys without an IP whitelist expire this many days after creation.
    public var apiKeyExpiryDays = 90
    /// At most this many API keys per user.
    public var maxApiKeysPerUser = 30
    /// At most this many entries in a key's IP whitelist.
    public var maxWhitelistEntries = 20
    /// `X-API-RECV-WINDOW` when absent, and its maximum.
    public var defaultRecvWindow: Int64 = 5000
    public var maxRecvWindow: Int64 = 60000
    /// Failed logins allowed per username and per IP within `loginFailureWindowSeconds`
    /// before further attempts answer 11001.
    public var maxLoginFailures = 5
    public var loginFailureWindowSeconds: Int64 = 15 * 60
    /// Peers whose `X-Forwarded-For` is believed (addresses or CIDR blocks).
    public var trustedProxies: [String] = []
    /// Longest ticket and embed-token lifetimes (API.md §2.3).
    public var maxTicketSeconds: Int64 = 300
    public var maxEmbedTokenSeconds: Int64 = 60
    /// bcrypt cost (log2 rounds, 4...31) of new password hashes. 12 takes about 250 ms a
    /// hash, which is what makes a stolen hash expensive to crack; tests use 4.
    public var bcryptCost = 12

    public init() {}
}

/// Token-bucket sizes (API.md §4): a bucket holds `capacity` and refills fully over
/// `windowSeconds`.
public struct RateLimitSettings: Sendable {
    public var publicPerIP = BucketSettings(capacity: 1200, windowSeconds: 60)
    public var privatePerUser = BucketSettings(capacity: 1200, windowSeconds: 60)
    public var ordersPerUser = BucketSettings(capacity: 300, windowSeconds: 10)
    public var loginPerIP = BucketSettings(capacity: 10, windowSeconds: 60)
    /// Off only for benchmarks that measure the server, not the limiter's refusals.
    public var enabled = true

    public init() {}
}

/// One bucket: up to `capacity` units, refilled at `capacity / windowSeconds` per second.
public struct BucketSettings: Hashable, Sendable {
    public var capacity: Int
    public var windowSeconds: Int

    public init(capacity: Int, windowSeconds: Int) {
        self.capacity = capacity
        self.windowSeconds = windowSeconds
    }
}
