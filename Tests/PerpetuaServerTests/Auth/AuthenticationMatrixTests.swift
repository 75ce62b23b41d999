import Foundation
import HTTPTypes
import HummingbirdTesting
import PerpetuaCore
import PerpetuaJournal
import PerpetuaServer
import PerpetuaStore
import Testing

/// Every protected route, whatever is registered when the test runs (the list comes from
/// the router, so routes added later are covered without touching this file), against every
/// way a credential can be wrong.
@Suite("Authentication matrix over every protected route")
struct AuthenticationMatrixTests {
    static let password = "correct-horse-42"

    /// A request to a route: its path with any parameter filled in, and an empty JSON body
    /// for methods that carry one.
    struct Target: CustomStringConvertible {
        var route: RouteDescriptor
        var path: String
        var body: String

        init(_ route: RouteDescriptor) {
            self.route = route
            path = "/" + route.path.split(separator: "/").map { part in
                part.hasPrefix(":") || part.hasPrefix("{") || part.hasPrefix("*") ? "1" : String(part)
            }.joined(separator: "/")
            body = route.method == .get || route.method == .head ? "" : "{}"
        }

        var method: HTTPRequest.Method { route.method }
        var description: String { "\(route.method) \(route.path)" }
    }

    /// The codes that mean "your credentials were refused".
    static let authenticationCodes: Set<Int> = [10001, 10002, 10003, 10004, 10005, 10006, 10007, 10008, 10009, 11001]

    static func protectedTargets(_ gateway: Gateway) -> [Target] {
        gateway.makeRouter().routes.filter(\.access.needsUser).map(Target.init)
    }

    /// The permission the route needs; nil for own-session routes.
    static func permission(_ route: RouteDescriptor) -> Permission? {
        if case .user(let permission) = route.access { return permission }
        return nil
    }

    @Test("no credentials, bad tokens, bad signatures, stale timestamps, missing permissions, disabled, expired and unknown keys, keys and agents on own-session routes")
    func matrix() async throws {
        let harness = try await ServerHarness.start { $0.rateLimits.enabled = false }
        let userId = try await harness.createUser("alice", password: Self.password)
        try await harness.addBTC()
        let keys: [Permission: ApiCredentials] = [
            .read: try await harness.createApiKey(userId: userId, permissions: ["READ"]),
            .trade: try await harness.createApiKey(userId: userId, permissions: ["TRADE"]),
        ]
        let full = try await harness.createApiKey(userId: userId)
        let disabled = try await harness.createApiKey(userId: userId, status: .disabled)
        let expiring = try await harness.createApiKey(userId: userId, expiresAt: harness.exchange.now + 1000)
        try await harness.exchange.sequencer.advanceClock(by: 1000)
        let targets = Self.protectedTargets(harness.gateway)
        // The routes of this branch at least; others join the list as they are registered.
        let known = Set(targets.map(\.route.path))
        for path in ["/v1/private/user/info", "/v1/private/user/api-key/create", "/v1/private/user/agent-sso/ticket", "/v1/private/order/place"] {
            #expect(known.contains(path), "\(path) is not registered")
        }

        try await harness.test { client in
            let session = try await client.login("alice", Self.password)
            var agents: [Permission: SessionTokens] = [:]
            for permission in Permission.allCases {
                let ticket = try await client.call(
                    .post, "/v1/private/user/agent-sso/ticket", body: #"{"label":"agent","permissions":["\#(permission.rawValue)"]}"#,
                    headers: session.bearer)
                agents[permission] = try await client.call(
                    .post, "/v1/public/agent-sso/exchange-ticket", body: #"{"ticket":"\#(ticket.object["ticket"] as? String ?? "")"}"#).session
            }
            // A well-formed token of the right user and session, signed with another key.
            let otherKey = await AccessTokens(key: Array(repeating: 7, count: 32), lifetimeSeconds: 900)
            let forged = try await otherKey.issue(
                userId: userId, sessionId: session.claims["sid"] as? String ?? "", scope: Permission.allCases, kind: .session,
                now: harness.exchange.now).token
            let embedMint = try await client.call(
                .post, "/v1/private/user/agent-sso/embed-token", body: #"{"permissions":["READ","TRADE"]}"#, headers: session.bearer)
            let embed = try await client.call(
                .post, "/v1/public/agent-sso/exchange-embed-token",
                body: #"{"embedToken":"\#(embedMint.object["embedToken"] as? String ?? "")"}"#).session

            func expect(
                _ reply: Reply, _ code: Int, _ status: HTTPResponse.Status, _ target: Target, _ what: String,
                sourceLocation: SourceLocation = #_sourceLocation
            ) {
                #expect(reply.code == code && reply.status == status, "\(target) \(what): \(reply.status.code) \(reply.code) \(reply.msg)", sourceLocation: sourceLocation)
            }

            for target in targets {
                let (method, path, body) = (target.method, target.path, target.body)
                expect(try await client.call(method, path, body: body), 10003, .unauthorized, target, "without credentials")
                expect(
                    try await client.call(method, path, body: body, headers: [.authorization: "Bearer not.a.jwt"]),
                    10003, .unauthorized, target, "with a malformed JWT")
                expect(
                    try await client.call(method, path, body: body, headers: [.authorization: "Bearer \(forged)"]),
                    10003, .unauthorized, target, "with a JWT signed by another key")
                expect(
                    try await client.call(method, path, body: body, headers: [.authorization: "Basic YWxpY2U6eA=="]),
                    10003, .unauthorized, target, "with a non-bearer Authorization")

                guard let permission = Self.permission(target.route) else {
                    // Own session only: keys and agents are refused whatever they may do.
                    expect(try await client.call(method, path, body: body, credentials: full), 10009, .forbidden, target, "with an API key")
                    for agent in agents.values {
                        expect(try await client.call(method, path, body: body, headers: agent.bearer), 10007, .forbidden, target, "as an agent")
                    }
                    expect(try await client.call(method, path, body: body, headers: embed.bearer), 10007, .forbidden, target, "as an embed")
                    continue
                }
                let wrongSecret = ApiCredentials(key: full.key, secret: "not-the-secret")
                expect(try await client.call(method, path, body: body, credentials: wrongSecret), 10001, .unauthorized, target, "with a bad signature")

                let stale = full.headers(method: method, pathWithQuery: path, body: body, timestamp: Int64(Date().timeIntervalSince1970 * 1000) - 60_000)
                let staleReply = try await client.call(method, path, body: body, headers: stale)
                expect(staleReply, 10002, .unauthorized, target, "with a stale timestamp")
                #expect((staleReply.object["serverTime"] as? Int64 ?? 0) > ServerHarness.startTime, "\(target): data.serverTime")
                // Two minutes ahead: still ahead of the server's clock (by more than its 1 s
                // allowance) however long a loaded run holds the request up.
                let future = full.headers(method: method, pathWithQuery: path, body: body, timestamp: Int64(Date().timeIntervalSince1970 * 1000) + 120_000)
                expect(try await client.call(method, path, body: body, headers: future), 10002, .unauthorized, target, "with a future timestamp")

                let other: Permission = permission == .read ? .trade : .read
                let lacking = try await client.call(method, path, body: body, credentials: keys[other]!)
                expect(lacking, 10007, .forbidden, target, "with a \(other.rawValue)-only key")
                expect(
                    try await client.call(method, path, body: body, headers: agents[other]!.bearer), 10007, .forbidden, target,
                    "as a \(other.rawValue)-only agent")
                expect(try await client.call(method, path, body: body, credentials: disabled), 10005, .forbidden, target, "with a disabled key")
                expect(try await client.call(method, path, body: body, credentials: expiring), 10006, .unauthorized, target, "with an expired key")
                let unknown = ApiCredentials(key: "pk_unknown", secret: "x")
                expect(try await client.call(method, path, body: body, credentials: unknown), 10004, .unauthorized, target, "with an unknown key")
            }

            // The right credentials get past authentication everywhere (what the route then
            // says about the empty body is its own business). Own-session routes last: one
            // of them deletes every key.
            // Logout is left out: it would end the sessions used here, and it refuses keys and
            // cookie-less calls by design (SessionRouteTests covers it).
            let passable = targets.filter { $0.route.path != "/v1/private/user/logout" }
            for target in passable.sorted(by: { Self.permission($0.route) != nil && Self.permission($1.route) == nil }) {
                var replies: [(String, Reply)] = []
                if let permission = Self.permission(target.route) {
                    replies.append(("a \(permission.rawValue) key", try await client.call(target.method, target.path, body: target.body, credentials: keys[permission]!)))
                    replies.append(("a \(permission.rawValue) agent", try await client.call(target.method, target.path, body: target.body, headers: agents[permission]!.bearer)))
                }
                replies.append(("the own session", try await client.call(target.method, target.path, body: target.body, headers: session.bearer)))
                for (who, reply) in replies {
                    #expect(!Self.authenticationCodes.contains(reply.code), "\(target) with \(who): \(reply.code) \(reply.msg)")
                }
            }
        }
        await harness.stop()
    }

    @Test("IP whitelists on every key route: the socket peer is checked, X-Forwarded-For only from a trusted proxy")
    func ipWhitelist() async throws {
        for trusted in [false, true] {
            let harness = try await ServerHarness.start { configuration in
                configuration.rateLimits.enabled = false
                if trusted { configuration.auth.trustedProxies = ["127.0.0.1", "::1"] }
            }
            let userId = try await harness.createUser("alice")
            let elsewhere = try await harness.createApiKey(userId: userId, whitelist: ["203.0.113.0/24"])
            let loopback = try await harness.createApiKey(userId: userId, whitelist: ["127.0.0.1", "::1"])
            let targets = Self.protectedTargets(harness.gateway).filter { Self.permission($0.route) != nil }
            #expect(!targets.isEmpty)
            try await harness.testLive { client in
                for target in targets {
                    let (method, path, body) = (target.method, target.path, target.body)
                    let refused = try await client.call(method, path, body: body, credentials: elsewhere)
                    #expect(refused.code == 10008 && refused.status == .forbidden, "\(target): \(refused.code) \(refused.msg)")
                    let allowed = try await client.call(method, path, body: body, credentials: loopback)
                    let passed = !Self.authenticationCodes.contains(allowed.code) || (target.route.path == "/v1/private/user/logout" && allowed.code == 10009)
                    #expect(passed, "\(target) from loopback: \(allowed.code) \(allowed.msg)")
                    // A forwarded address counts only when the peer is a trusted proxy.
                    let forwarded = try await client.call(
                        method, path, body: body, credentials: elsewhere, headers: [HTTPField.Name("X-Forwarded-For")!: "198.51.100.9, 203.0.113.7"])
                    if trusted {
                        #expect(forwarded.code != 10008, "\(target) via a trusted proxy: \(forwarded.code) \(forwarded.msg)")
                    } else {
                        #expect(forwarded.code == 10008, "\(target) with a forged X-Forwarded-For: \(forwarded.code) \(forwarded.msg)")
                    }
                }
            }
            await harness.stop()
        }
    }
}
