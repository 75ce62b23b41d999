import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PerpetuaCore
import PerpetuaEngine
import PerpetuaJournal
import PerpetuaServer
import Testing

/// A harness with BTCUSDT (index 65000) and two funded users with TRADE+READ API keys:
/// what most route tests start from.
struct Traders: Sendable {
    let harness: ServerHarness
    let alice: UInt64
    let bob: UInt64
    let aliceKey: ApiCredentials
    let bobKey: ApiCredentials

    static func start(
        alice aliceDeposit: String? = "100000", bob bobDeposit: String? = "100000",
        _ configure: (inout ServerConfiguration) -> Void = { _ in }
    ) async throws -> Traders {
        let harness = try await ServerHarness.start(configure)
        try await harness.addBTC()
        let alice = try await harness.createUser("alice", deposit: aliceDeposit)
        let bob = try await harness.createUser("bob", deposit: bobDeposit)
        return Traders(
            harness: harness, alice: alice, bob: bob, aliceKey: try await harness.createApiKey(userId: alice),
            bobKey: try await harness.createApiKey(userId: bob))
    }

    /// Another user with a key.
    func user(_ name: String, deposit: String? = "100000") async throws -> (id: UInt64, key: ApiCredentials) {
        let id = try await harness.createUser(name, deposit: deposit)
        return (id, try await harness.createApiKey(userId: id))
    }
}

/// The operator's bearer token of ``ServerHarness``.
let adminHeaders: HTTPFields = [.authorization: "Bearer test-admin-token"]

/// 2026-01-05 00:00 UTC (``ServerHarness/startTime``) plus `ms`.
func at(_ ms: Int64) -> Int64 { ServerHarness.startTime + ms }

/// An order request as JSON. `price` nil makes a MARKET order unless `type` says otherwise.
func orderJSON(
    _ side: String, _ quantity: String, price: String? = nil, type: String? = nil, tif: String? = nil,
    clientOrderId: String? = nil, reduceOnly: Bool? = nil, symbol: String = "BTCUSDT"
) -> String {
    var fields = ["\"symbol\":\"\(symbol)\"", "\"side\":\"\(side)\"", "\"type\":\"\(type ?? (price == nil ? "MARKET" : "LIMIT"))\"",
                  "\"quantity\":\"\(quantity)\""]
    if let price { fields.append("\"price\":\"\(price)\"") }
    if let tif { fields.append("\"timeInForce\":\"\(tif)\"") }
    if let clientOrderId { fields.append("\"clientOrderId\":\"\(clientOrderId)\"") }
    if let reduceOnly { fields.append("\"reduceOnly\":\(reduceOnly)") }
    return "{" + fields.joined(separator: ",") + "}"
}

extension TestClientProtocol {
    /// Places an order and expects it accepted; returns the order.
    @discardableResult
    func place(_ body: String, _ key: ApiCredentials, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Any] {
        let reply = try await call(.post, "/v1/private/order/place", body: body, credentials: key)
        #expect(reply.code == 0, "\(reply.code) \(reply.msg)", sourceLocation: sourceLocation)
        return reply.object
    }

    /// Calls the operator API.
    func admin(_ method: HTTPRequest.Method, _ path: String, body: String = "") async throws -> Reply {
        try await call(method, path, body: body, headers: adminHeaders)
    }
}

extension Reply {
    /// `data.field` of a 12001.
    var field: String? { object["field"] as? String }
    /// `data.items` of a page.
    var items: [[String: Any]] { object["items"] as? [[String: Any]] ?? [] }
    /// `data.nextCursor` of a page (nil when null).
    var nextCursor: String? { object["nextCursor"] as? String }
    /// Whether `data.key` is JSON null (present but empty).
    func isNull(_ key: String) -> Bool { object.keys.contains(key) && object[key] is NSNull }
}

extension Dictionary where Key == String, Value == Any {
    func string(_ key: String) -> String? { self[key] as? String }
    func int(_ key: String) -> Int64? { (self[key] as? NSNumber)?.int64Value }
    func isNull(_ key: String) -> Bool { keys.contains(key) && self[key] is NSNull }
}

/// CRC32 (IEEE 802.3, reflected, polynomial 0xEDB88320) as a signed 32-bit integer, written
/// here independently of the server's implementation.
func referenceCRC32(_ text: String) -> Int32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in text.utf8 {
        crc ^= UInt32(byte)
        for _ in 0..<8 { crc = (crc >> 1) ^ (crc & 1 == 1 ? 0xEDB8_8320 : 0) }
    }
    return Int32(bitPattern: ~crc)
}
