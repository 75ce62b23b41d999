import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PerpetuaCore
import PerpetuaEngine
import PerpetuaJournal
import PerpetuaServer
import PerpetuaStore

/// A gateway on a fresh data directory with a manual clock, and helpers to seed it and
/// call it in-process (no socket) the way a client would.
final class ServerHarness: Sendable {
    let gateway: Gateway
    let directory: String

    /// 2026-01-05 00:00 UTC, a Monday.
    static let startTime: Int64 = 1_767_571_200_000

    static func start(_ configure: (inout ServerConfiguration) -> Void = { _ in }) async throws -> ServerHarness {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("perpetua-server-\(UUID().uuidString)").path
        var configuration = ServerConfiguration()
        configuration.dataDirectory = directory
        configuration.clock = .manual(startingAt: startTime)
        configuration.demo = false
        configuration.adminToken = "test-admin-token"
        // bcrypt's lowest cost: a hash in about a millisecond instead of a quarter second.
        configuration.auth.bcryptCost = 4
        configure(&configuration)
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let gateway = try await Gateway.start(configuration: configuration, logger: logger, environment: [:])
        return ServerHarness(gateway: gateway, directory: directory)
    }

    private init(gateway: Gateway, directory: String) {
        self.gateway = gateway
        self.directory = directory
    }

    /// Stops the exchange and removes the data directory.
    func stop() async {
        await gateway.shutdown()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Runs `body` against the router in-process.
    func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let (router, _) = gateway.makeRouter()
        let app = Application(router: router)
        try await app.test(.router) { client in try await body(client) }
    }

    var exchange: Exchange { gateway.exchange }

    // MARK: Seeding

    static var btc: SymbolSpec {
        SymbolSpec(
            symbol: "BTCUSDT", baseAsset: "BTC", tickSize: price("0.1"), stepSize: quantity("0.001"),
            minQty: quantity("0.001"), maxQty: quantity("1000"), minNotional: amount("5"), priceBandRate: rate("0.05"),
            leverageBrackets: [
                LeverageBracket(bracket: 1, maxLeverage: 125, notionalFloor: .zero, notionalCap: amount("50000"), maintMarginRate: rate("0.004")),
                LeverageBracket(bracket: 2, maxLeverage: 100, notionalFloor: amount("50000"), notionalCap: amount("250000"), maintMarginRate: rate("0.005")),
                LeverageBracket(bracket: 3, maxLeverage: 50, notionalFloor: amount("250000"), notionalCap: amount("1000000"), maintMarginRate: rate("0.01")),
            ],
            feeTiers: [
                FeeTier(tier: 0, minVolume30d: .zero, makerRate: rate("0.0002"), takerRate: rate("0.0005")),
                FeeTier(tier: 1, minVolume30d: amount("1000000"), makerRate: rate("-0.0001"), takerRate: rate("0.0004")),
            ])
    }

    /// Adds BTCUSDT with an index (and so mark) price of `index`.
    func addBTC(index: String = "65000") async throws {
        _ = try await exchange.submit(.addSymbol(Self.btc))
        exchange.market.update(Self.btc)
        _ = try await exchange.submit(.setIndexPrice(symbol: "BTCUSDT", price: Self.price(index)))
        try await exchange.sequencer.advanceClock(by: 1000)
    }

    /// A user with `deposit` USDT.
    func createUser(_ name: String, deposit: String? = "100000") async throws -> UInt64 {
        let user = try await exchange.store.createUser(username: name, passwordHash: "x", nickname: nil, createdAt: exchange.now)
        if let deposit { _ = try await exchange.submit(.deposit(account: user.id, amount: Self.amount(deposit))) }
        return user.id
    }

    /// An API key of the user; returns the key and its secret.
    func createApiKey(
        userId: UInt64, permissions: [String] = ["READ", "TRADE"], whitelist: [String] = [], status: ApiKeyStatus = .enabled,
        expiresAt: Int64? = nil
    ) async throws -> ApiCredentials {
        let key = "pk_test_\(UUID().uuidString.prefix(8).lowercased())"
        let secret = "secret-\(UUID().uuidString)"
        try await exchange.store.createApiKey(ApiKeyRecord(
            apiKey: key, userId: userId, label: "test", permissions: permissions, ipWhitelist: whitelist, status: status,
            encryptedSecret: try gateway.secretBox.seal(secret), createdAt: exchange.now, expiresAt: expiresAt))
        return ApiCredentials(key: key, secret: secret)
    }

    static func amount(_ text: String) -> Amount { try! Amount(parsing: text) }
    static func price(_ text: String) -> Price { try! Price(parsing: text) }
    static func quantity(_ text: String) -> Quantity { try! Quantity(parsing: text) }
    static func rate(_ text: String) -> Rate { try! Rate(parsing: text) }
}

/// An API key and its secret, which sign requests as API.md §2.2 says.
struct ApiCredentials: Sendable {
    var key: String
    var secret: String

    /// The signed headers for a request made now (wall time).
    ///
    /// A request signed now asks for the largest receive window (60 s) unless the test
    /// names one: under CI the CPU-heavy suites can hold both cooperative threads for
    /// seconds between signing and the server's check, and a 5 s window then refused
    /// requests of tests that are about something else. Tests of the window itself pass
    /// their own timestamp or window.
    func headers(method: HTTPRequest.Method, pathWithQuery: String, body: String, timestamp: Int64? = nil, recvWindow: String? = nil) -> HTTPFields {
        let time = String(timestamp ?? Int64(Date().timeIntervalSince1970 * 1000))
        let recvWindow = recvWindow ?? (timestamp == nil ? "60000" : nil)
        let window = recvWindow ?? "5000"
        let payload = time + key + window + method.rawValue + pathWithQuery + body
        let mac = HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        var fields: HTTPFields = [
            HTTPField.Name("X-API-KEY")!: key, HTTPField.Name("X-API-TIMESTAMP")!: time,
            HTTPField.Name("X-API-SIGNATURE")!: mac.map { String(format: "%02x", $0) }.joined(),
        ]
        if let recvWindow { fields[HTTPField.Name("X-API-RECV-WINDOW")!] = recvWindow }
        if !body.isEmpty { fields[.contentType] = "application/json" }
        return fields
    }
}

/// A decoded envelope.
struct Reply: @unchecked Sendable {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var code: Int
    var msg: String
    var data: Any?

    var object: [String: Any] { data as? [String: Any] ?? [:] }
    var array: [[String: Any]] { data as? [[String: Any]] ?? [] }

    init(_ response: TestResponse) throws {
        status = response.status
        headers = response.headers
        let json = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as! [String: Any]
        code = json["code"] as! Int
        msg = json["msg"] as! String
        data = json["data"] is NSNull ? nil : json["data"]
    }
}

extension TestClientProtocol {
    /// Calls the API and decodes the envelope; `credentials` sign the request.
    func call(
        _ method: HTTPRequest.Method, _ pathWithQuery: String, body: String = "", credentials: ApiCredentials? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> Reply {
        var headers = credentials?.headers(method: method, pathWithQuery: pathWithQuery, body: body) ?? [:]
        if credentials == nil, !body.isEmpty { headers[.contentType] = "application/json" }
        for field in extra { headers[field.name] = field.value }
        return try await execute(uri: pathWithQuery, method: method, headers: headers, body: body.isEmpty ? nil : ByteBuffer(string: body)) {
            try Reply($0)
        }
    }
}
