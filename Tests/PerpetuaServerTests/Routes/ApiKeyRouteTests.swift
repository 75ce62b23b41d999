import Foundation
import HTTPTypes
import HummingbirdTesting
import PerpetuaJournal
import PerpetuaServer
import PerpetuaStore
import Testing

@Suite("API-key management")
struct ApiKeyRouteTests {
    static let password = "correct-horse-42"
    static let day: Int64 = 86_400_000

    /// A harness with alice logged in.
    static func withAlice(
        _ configure: @escaping (inout ServerConfiguration) -> Void = { _ in },
        _ body: @escaping @Sendable (ServerHarness, any TestClientProtocol, SessionTokens) async throws -> Void
    ) async throws {
        let harness = try await ServerHarness.start(configure)
        _ = try await harness.createUser("alice", password: password)
        try await harness.test { client in
            let session = try await client.login("alice", password)
            try await body(harness, client, session)
        }
        await harness.stop()
    }

    @Test("create shows the secret once, seals it at rest, and the key signs requests; list never shows it")
    func createAndList() async throws {
        try await Self.withAlice { harness, client, session in
            let created = try await client.call(
                .post, "/v1/private/user/api-key/create", body: #"{"label":"bot","permissions":["TRADE","READ","READ"],"ipWhitelist":[]}"#,
                headers: session.bearer)
            #expect(created.code == 0)
            let key = try #require(created.object["apiKey"] as? String)
            let secret = try #require(created.object["apiSecret"] as? String)
            #expect(created.object["label"] as? String == "bot")
            #expect(created.object["permissions"] as? [String] == ["READ", "TRADE"])
            #expect(created.object["status"] as? String == "ENABLED")
            #expect(created.object["createdAt"] as? Int64 == ServerHarness.startTime)
            #expect(created.object["expiresAt"] as? Int64 == ServerHarness.startTime + 90 * Self.day)
            #expect(created.object.keys.contains("lastUsedAt") && created.object.isNullOrMissing("lastUsedAt"))
            let stored = try #require(try await harness.exchange.store.apiKey(key))
            #expect(!String(decoding: stored.encryptedSecret, as: UTF8.self).contains(secret))
            #expect(harness.gateway.secretBox.open(stored.encryptedSecret) == secret)
            let signed = try await client.call(.get, "/v1/private/user/info", credentials: ApiCredentials(key: key, secret: secret))
            #expect(signed.code == 0)
            let list = try await client.call(.get, "/v1/private/user/api-key/list", headers: session.bearer)
            #expect(list.code == 0 && list.array.count == 1)
            #expect(list.array.first?["apiKey"] as? String == key)
            #expect(list.array.first?.keys.contains("apiSecret") == false)
            #expect(list.array.first?.keys.sorted() == ["apiKey", "createdAt", "expiresAt", "ipWhitelist", "label", "lastUsedAt", "permissions", "status"])
        }
    }

    @Test("create validates label, permissions, whitelist, expiresInDays and the per-user cap, naming the field")
    func createValidation() async throws {
        try await Self.withAlice({ $0.auth.maxApiKeysPerUser = 2; $0.auth.maxWhitelistEntries = 2 }) { _, client, session in
            let cases: [(String, String)] = [
                (#"{"label":"","permissions":["READ"]}"#, "label"),
                (#"{"permissions":["READ"]}"#, "label"),
                (#"{"label":"x","permissions":[]}"#, "permissions"),
                (#"{"label":"x","permissions":["WITHDRAW"]}"#, "permissions[0]"),
                (#"{"label":"x","permissions":["read"]}"#, "permissions[0]"),
                (#"{"label":"x","permissions":["READ"],"ipWhitelist":["1.2.3.4","300.1.1.1"]}"#, "ipWhitelist[1]"),
                (#"{"label":"x","permissions":["READ"],"ipWhitelist":["10.0.0.0/33"]}"#, "ipWhitelist[0]"),
                (#"{"label":"x","permissions":["READ"],"ipWhitelist":["1.1.1.1","2.2.2.2","3.3.3.3"]}"#, "ipWhitelist"),
                (#"{"label":"x","permissions":["READ"],"expiresInDays":0}"#, "expiresInDays"),
                (#"{"label":"x","permissions":["READ"],"expiresInDays":91}"#, "expiresInDays"),
                (#"{"label":"x","permissions":["READ"],"ipWhitelist":["1.1.1.1"],"expiresInDays":4000}"#, "expiresInDays"),
            ]
            for (body, field) in cases {
                let reply = try await client.call(.post, "/v1/private/user/api-key/create", body: body, headers: session.bearer)
                #expect(reply.status == .badRequest && reply.code == 12001, "\(body): \(reply.msg)")
                #expect(reply.object["field"] as? String == field, "\(body): \(reply.msg)")
            }
            let lower = try await client.call(
                .post, "/v1/private/user/api-key/create", body: #"{"label":"x","permissions":["read"]}"#, headers: session.bearer)
            #expect(lower.msg.contains("did you mean READ"))
            for _ in 0..<2 {
                let ok = try await client.call(
                    .post, "/v1/private/user/api-key/create", body: #"{"label":"x","permissions":["READ"],"ipWhitelist":["2001:db8::/32"]}"#,
                    headers: session.bearer)
                #expect(ok.code == 0)
            }
            let third = try await client.call(.post, "/v1/private/user/api-key/create", body: #"{"label":"x","permissions":["READ"]}"#, headers: session.bearer)
            #expect(third.code == 12001 && third.msg.contains("most allowed is 2"))
            #expect(third.status == .badRequest && third.object["field"] as? String == "apiKey" && third.object["max"] as? String == "2")
        }
    }

    @Test("expiry: without a whitelist after the default or expiresInDays; with one never unless asked")
    func expiryRules() async throws {
        try await Self.withAlice({ $0.auth.apiKeyExpiryDays = 2 }) { harness, client, session in
            func create(_ body: String) async throws -> [String: Any] {
                let reply = try await client.call(.post, "/v1/private/user/api-key/create", body: body, headers: session.bearer)
                #expect(reply.code == 0, "\(body): \(reply.msg)")
                return reply.object
            }
            let start = ServerHarness.startTime
            #expect(try await create(#"{"label":"a","permissions":["READ"]}"#)["expiresAt"] as? Int64 == start + 2 * Self.day)
            #expect(try await create(#"{"label":"b","permissions":["READ"],"expiresInDays":1}"#)["expiresAt"] as? Int64 == start + 1 * Self.day)
            #expect(try await create(#"{"label":"c","permissions":["READ"],"ipWhitelist":["10.0.0.0/8"]}"#).isNullOrMissing("expiresAt"))
            let explicit = try await create(#"{"label":"d","permissions":["READ"],"ipWhitelist":["10.0.0.1"],"expiresInDays":400}"#)
            #expect(explicit["expiresAt"] as? Int64 == start + 400 * Self.day)

            // The default expiry lasts until the key is used after it: 10006 saying why.
            let key = try await create(#"{"label":"e","permissions":["READ"]}"#)
            let credentials = ApiCredentials(key: key["apiKey"] as! String, secret: key["apiSecret"] as! String)
            #expect(try await client.call(.get, "/v1/private/user/info", credentials: credentials).code == 0)
            // (Two days of manual clock: the engine runs every funding timer on the way.)
            try await harness.exchange.sequencer.advanceClock(by: 2 * Self.day)
            let expired = try await client.call(.get, "/v1/private/user/info", credentials: credentials)
            #expect(expired.status == .unauthorized && expired.code == 10006)
            #expect(expired.msg.contains("keys without an IP whitelist expire after the default limit of 2 days"))
        }
    }

    @Test("10006 says why the key expired (expiresInDays or the default limit) and what a new key needs")
    func expiredMessage() async throws {
        try await Self.withAlice({ $0.auth.apiKeyExpiryDays = 3 }) { harness, client, session in
            func create(_ body: String) async throws -> ApiCredentials {
                let reply = try await client.call(.post, "/v1/private/user/api-key/create", body: body, headers: session.bearer)
                #expect(reply.code == 0, "\(body): \(reply.msg)")
                return ApiCredentials(key: reply.object["apiKey"] as! String, secret: reply.object["apiSecret"] as! String)
            }
            let asked = try await create(#"{"label":"a","permissions":["READ"],"expiresInDays":1}"#)
            let whitelisted = try await create(#"{"label":"w","permissions":["READ"],"ipWhitelist":["192.0.2.1"],"expiresInDays":1}"#)
            let byDefault = try await create(#"{"label":"d","permissions":["READ"]}"#)
            // A non-integer expiresInDays names the field, not the body.
            let fraction = try await client.call(
                .post, "/v1/private/user/api-key/create", body: #"{"label":"f","permissions":["READ"],"expiresInDays":1.5}"#,
                headers: session.bearer)
            #expect(fraction.code == 12001 && fraction.object["field"] as? String == "expiresInDays")
            try await harness.exchange.sequencer.advanceClock(by: 3 * Self.day)
            let expiredAt = ServerHarness.startTime + Self.day
            func refusal(_ key: ApiCredentials) async throws -> String {
                let reply = try await client.call(.get, "/v1/private/user/info", credentials: key)
                #expect(reply.status == .unauthorized && reply.code == 10006)
                return reply.msg
            }
            #expect(try await refusal(asked) == """
                API key \(asked.key) expired at \(expiredAt): it was created with expiresInDays 1; create a new key: \
                with an IP whitelist it does not expire, without one it lasts at most 3 days
                """)
            #expect(try await refusal(whitelisted) == """
                API key \(whitelisted.key) expired at \(expiredAt): it was created with expiresInDays 1; create a new key: \
                with an IP whitelist and without expiresInDays it does not expire
                """)
            #expect(try await refusal(byDefault) == """
                API key \(byDefault.key) expired at \(ServerHarness.startTime + 3 * Self.day): keys without an IP whitelist expire \
                after the default limit of 3 days; create a new key: with an IP whitelist it does not expire, without one it lasts \
                at most 3 days
                """)
        }
    }

    @Test("update changes label, permissions, status and whitelist, recomputes the expiry, and the cache never serves the old key")
    func update() async throws {
        try await Self.withAlice({ $0.auth.apiKeyExpiryDays = 30 }) { harness, client, session in
            let created = try await client.call(
                .post, "/v1/private/user/api-key/create", body: #"{"label":"bot","permissions":["READ","TRADE"]}"#, headers: session.bearer)
            let key = created.object["apiKey"] as! String
            let credentials = ApiCredentials(key: key, secret: created.object["apiSecret"] as! String)
            #expect(try await client.call(.get, "/v1/private/user/info", credentials: credentials).code == 0)

            let renamed = try await client.call(
                .put, "/v1/private/user/api-key/update", body: #"{"apiKey":"\#(key)","label":"renamed","permissions":["TRADE"]}"#,
                headers: session.bearer)
            #expect(renamed.code == 0 && renamed.object["label"] as? String == "renamed")
            #expect(renamed.object["permissions"] as? [String] == ["TRADE"])
            #expect(renamed.object["apiSecret"] == nil)
            #expect(try await client.call(.get, "/v1/private/user/info", credentials: credentials).code == 10007)

            let disabled = try await client.call(
                .put, "/v1/private/user/api-key/update", body: #"{"apiKey":"\#(key)","status":"DISABLED","permissions":["READ"]}"#,
                headers: session.bearer)
            #expect(disabled.object["status"] as? String == "DISABLED")
            let refused = try await client.call(.get, "/v1/private/user/info", credentials: credentials)
            #expect(refused.status == .forbidden && refused.code == 10005)

            // Adding a whitelist to a key with the default expiry makes it permanent...
            let whitelisted = try await client.call(
                .put, "/v1/private/user/api-key/update", body: #"{"apiKey":"\#(key)","status":"ENABLED","ipWhitelist":["192.0.2.1"]}"#,
                headers: session.bearer)
            #expect(whitelisted.code == 0 && whitelisted.object.isNullOrMissing("expiresAt"))
            #expect(whitelisted.object["ipWhitelist"] as? [String] == ["192.0.2.1"])
            // ...and the in-process client (no address) is now refused.
            #expect(try await client.call(.get, "/v1/private/user/info", credentials: credentials).code == 10008)
            // Removing it brings back the expiry counted from creation.
            let open = try await client.call(
                .put, "/v1/private/user/api-key/update", body: #"{"apiKey":"\#(key)","ipWhitelist":[]}"#, headers: session.bearer)
            #expect(open.object["expiresAt"] as? Int64 == ServerHarness.startTime + 30 * Self.day)
            #expect(try await client.call(.get, "/v1/private/user/info", credentials: credentials).code == 0)

            // An expiry that was asked for survives adding a whitelist.
            let short = try await client.call(
                .post, "/v1/private/user/api-key/create", body: #"{"label":"short","permissions":["READ"],"expiresInDays":3}"#,
                headers: session.bearer)
            let shortKey = short.object["apiKey"] as! String
            let kept = try await client.call(
                .put, "/v1/private/user/api-key/update", body: #"{"apiKey":"\#(shortKey)","ipWhitelist":["192.0.2.0/24"]}"#,
                headers: session.bearer)
            #expect(kept.object["expiresAt"] as? Int64 == ServerHarness.startTime + 3 * Self.day)
            _ = harness
        }
    }

    @Test("update refuses bad values, an empty change and keys of other users")
    func updateValidation() async throws {
        try await Self.withAlice { harness, client, session in
            let created = try await client.call(
                .post, "/v1/private/user/api-key/create", body: #"{"label":"bot","permissions":["READ"]}"#, headers: session.bearer)
            let key = created.object["apiKey"] as! String
            let cases: [(String, String)] = [
                (#"{"apiKey":"\#(key)"}"#, "body"),
                (#"{"apiKey":"\#(key)","status":"PAUSED"}"#, "status"),
                (#"{"apiKey":"\#(key)","permissions":[]}"#, "permissions"),
                (#"{"apiKey":"\#(key)","ipWhitelist":["localhost"]}"#, "ipWhitelist[0]"),
                (#"{"apiKey":"\#(key)","label":""}"#, "label"),
                (#"{"label":"x"}"#, "apiKey"),
            ]
            for (body, field) in cases {
                let reply = try await client.call(.put, "/v1/private/user/api-key/update", body: body, headers: session.bearer)
                #expect(reply.code == 12001 && reply.object["field"] as? String == field, "\(body): \(reply.msg)")
            }
            let bobId = try await harness.createUser("bob")
            let bobKey = try await harness.createApiKey(userId: bobId)
            let foreign = try await client.call(
                .put, "/v1/private/user/api-key/update", body: #"{"apiKey":"\#(bobKey.key)","status":"DISABLED"}"#, headers: session.bearer)
            #expect(foreign.status == .notFound && foreign.code == 12004)
            #expect(try await harness.exchange.store.apiKey(bobKey.key)?.status == .enabled)
        }
    }

    @Test("delete and delete-all remove keys at once, also from the authenticator's cache")
    func delete() async throws {
        try await Self.withAlice { harness, client, session in
            var keys: [ApiCredentials] = []
            for label in ["a", "b", "c"] {
                let created = try await client.call(
                    .post, "/v1/private/user/api-key/create", body: #"{"label":"\#(label)","permissions":["READ"]}"#, headers: session.bearer)
                let credentials = ApiCredentials(key: created.object["apiKey"] as! String, secret: created.object["apiSecret"] as! String)
                #expect(try await client.call(.get, "/v1/private/user/info", credentials: credentials).code == 0)
                keys.append(credentials)
            }
            let deleted = try await client.call(.post, "/v1/private/user/api-key/delete", body: #"{"apiKey":"\#(keys[0].key)"}"#, headers: session.bearer)
            #expect(deleted.code == 0 && deleted.object["deleted"] as? Int == 1)
            #expect(try await client.call(.get, "/v1/private/user/info", credentials: keys[0]).code == 10004)
            let again = try await client.call(.post, "/v1/private/user/api-key/delete", body: #"{"apiKey":"\#(keys[0].key)"}"#, headers: session.bearer)
            #expect(again.status == .notFound && again.code == 12004)
            let missing = try await client.call(.post, "/v1/private/user/api-key/delete", body: "{}", headers: session.bearer)
            #expect(missing.code == 12001 && missing.object["field"] as? String == "apiKey")

            let bobId = try await harness.createUser("bob")
            let bobKey = try await harness.createApiKey(userId: bobId)
            let all = try await client.call(.post, "/v1/private/user/api-key/delete-all", body: "{}", headers: session.bearer)
            #expect(all.code == 0 && all.object["deleted"] as? Int == 2)
            for key in keys.dropFirst() {
                #expect(try await client.call(.get, "/v1/private/user/info", credentials: key).code == 10004)
            }
            #expect(try await client.call(.get, "/v1/private/user/info", credentials: bobKey).code == 0)
            #expect(try await client.call(.get, "/v1/private/user/api-key/list", headers: session.bearer).array.isEmpty)
        }
    }
}
