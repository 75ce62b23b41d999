import Foundation
import HTTPTypes
import HummingbirdTesting
import PerpetuaJournal
import PerpetuaServer
import PerpetuaStore
import Testing

@Suite("Profile endpoints: info, favourites, listen keys")
struct UserRouteTests {
    @Test("info answers the user and the fee tier of the first symbol's schedule")
    func info() async throws {
        let harness = try await ServerHarness.start()
        let userId = try await harness.createUser("alice")
        _ = try await harness.exchange.store.setNickname(userId: userId, nickname: "Al")
        let key = try await harness.createApiKey(userId: userId, permissions: ["READ"])
        try await harness.test { client in
            let before = try await client.call(.get, "/v1/private/user/info", credentials: key)
            #expect(before.code == 0 && before.object["feeTier"] as? Int == 0)
            #expect(before.object.isNullOrMissing("makerRate") && before.object.isNullOrMissing("takerRate"))
            try await harness.addBTC()
            let reply = try await client.call(.get, "/v1/private/user/info", credentials: key)
            #expect(reply.code == 0)
            #expect(reply.object["userId"] as? String == String(userId))
            #expect(reply.object["username"] as? String == "alice")
            #expect(reply.object["nickname"] as? String == "Al")
            #expect(reply.object["createdAt"] as? Int64 == ServerHarness.startTime)
            #expect(reply.object["feeTier"] as? Int == 0)
            #expect(reply.object["makerRate"] as? String == "0.0002")
            #expect(reply.object["takerRate"] as? String == "0.0005")
            let tradeOnly = try await harness.createApiKey(userId: userId, permissions: ["TRADE"])
            #expect(try await client.call(.get, "/v1/private/user/info", credentials: tradeOnly).code == 10007)
        }
        await harness.stop()
    }

    @Test("favourites overwrite, normalise, drop duplicates, and refuse unknown symbols (with a suggestion) and more than 50")
    func favorites() async throws {
        let harness = try await ServerHarness.start()
        let userId = try await harness.createUser("alice")
        let key = try await harness.createApiKey(userId: userId, permissions: ["READ"])
        try await harness.addBTC()
        try await harness.test { client in
            #expect(try await client.call(.get, "/v1/private/user/favorite-symbols", credentials: key).object["symbols"] as? [String] == [])
            let set = try await client.call(.post, "/v1/private/user/favorite-symbols", body: #"{"symbols":["BTCUSDT","BTCUSDT"]}"#, credentials: key)
            #expect(set.code == 0 && set.object["symbols"] as? [String] == ["BTCUSDT"])
            #expect(try await client.call(.get, "/v1/private/user/favorite-symbols", credentials: key).object["symbols"] as? [String] == ["BTCUSDT"])
            let suggested = try await client.call(.post, "/v1/private/user/favorite-symbols", body: #"{"symbols":["btc/usdt"]}"#, credentials: key)
            #expect(suggested.status == .notFound && suggested.code == 12002)
            #expect(suggested.msg.contains("did you mean BTCUSDT"))
            let unknown = try await client.call(.post, "/v1/private/user/favorite-symbols", body: #"{"symbols":["DOGEUSDT"]}"#, credentials: key)
            #expect(unknown.code == 12002)
            let many = "[" + Array(repeating: #""BTCUSDT""#, count: 51).joined(separator: ",") + "]"
            let tooMany = try await client.call(.post, "/v1/private/user/favorite-symbols", body: #"{"symbols":\#(many)}"#, credentials: key)
            #expect(tooMany.code == 12001 && tooMany.object["field"] as? String == "symbols")
            let missing = try await client.call(.post, "/v1/private/user/favorite-symbols", body: "{}", credentials: key)
            #expect(missing.code == 12001 && missing.object["field"] as? String == "symbols")
            // Refusals leave the list as it was; an empty list clears it.
            #expect(try await client.call(.get, "/v1/private/user/favorite-symbols", credentials: key).object["symbols"] as? [String] == ["BTCUSDT"])
            let cleared = try await client.call(.post, "/v1/private/user/favorite-symbols", body: #"{"symbols":[]}"#, credentials: key)
            #expect(cleared.object["symbols"] as? [String] == [])
        }
        await harness.stop()
    }

    @Test("listen keys: POST returns the live key extended or a new one, PUT extends, DELETE closes; unknown or expired is 10010")
    func listenKeys() async throws {
        let harness = try await ServerHarness.start { $0.listenKeyTTLSeconds = 600 }
        let userId = try await harness.createUser("alice")
        let key = try await harness.createApiKey(userId: userId, permissions: ["READ"])
        let bob = try await harness.createApiKey(userId: try await harness.createUser("bob"), permissions: ["READ"])
        try await harness.test { client in
            let start = ServerHarness.startTime
            let first = try await client.call(.post, "/v1/private/user/listen-key", credentials: key)
            #expect(first.code == 0 && first.object["expiresAt"] as? Int64 == start + 600_000)
            let listenKey = try #require(first.object["listenKey"] as? String)
            try await harness.exchange.sequencer.advanceClock(by: 60_000)
            let again = try await client.call(.post, "/v1/private/user/listen-key", credentials: key)
            #expect(again.object["listenKey"] as? String == listenKey)
            #expect(again.object["expiresAt"] as? Int64 == start + 660_000)

            try await harness.exchange.sequencer.advanceClock(by: 60_000)
            let body = #"{"listenKey":"\#(listenKey)"}"#
            let extended = try await client.call(.put, "/v1/private/user/listen-key", body: body, credentials: key)
            #expect(extended.code == 0 && extended.object["expiresAt"] as? Int64 == start + 720_000)
            // Another user's key is unknown to this one.
            let foreign = try await client.call(.put, "/v1/private/user/listen-key", body: body, credentials: bob)
            #expect(foreign.status == .unauthorized && foreign.code == 10010)
            let bogus = try await client.call(.put, "/v1/private/user/listen-key", body: #"{"listenKey":"lk_nothing"}"#, credentials: key)
            #expect(bogus.code == 10010)
            let empty = try await client.call(.put, "/v1/private/user/listen-key", body: #"{"listenKey":""}"#, credentials: key)
            #expect(empty.code == 12001 && empty.object["field"] as? String == "listenKey")
            // Without a key, PUT extends the user's live one; bob has none.
            try await harness.exchange.sequencer.advanceClock(by: 60_000)
            let implicit = try await client.call(.put, "/v1/private/user/listen-key", body: "{}", credentials: key)
            #expect(implicit.code == 0 && implicit.object["listenKey"] as? String == listenKey)
            #expect(implicit.object["expiresAt"] as? Int64 == start + 780_000)
            #expect(try await client.call(.put, "/v1/private/user/listen-key", credentials: bob).code == 10010)

            // Without a key, DELETE closes the live one; then there is none to close.
            let closed = try await client.call(.delete, "/v1/private/user/listen-key", credentials: key)
            #expect(closed.code == 0)
            #expect(try await client.call(.put, "/v1/private/user/listen-key", body: body, credentials: key).code == 10010)
            #expect(try await client.call(.delete, "/v1/private/user/listen-key", body: body, credentials: key).code == 10010)
            #expect(try await client.call(.delete, "/v1/private/user/listen-key", credentials: key).code == 10010)

            // A new key after closing; it expires without keep-alives.
            let fresh = try await client.call(.post, "/v1/private/user/listen-key", credentials: key)
            let freshKey = try #require(fresh.object["listenKey"] as? String)
            #expect(freshKey != listenKey)
            try await harness.exchange.sequencer.advanceClock(by: 600_000)
            let expired = try await client.call(.put, "/v1/private/user/listen-key?listenKey=\(freshKey)", credentials: key)
            #expect(expired.code == 10010)
            let replaced = try await client.call(.post, "/v1/private/user/listen-key", credentials: key)
            #expect(replaced.object["listenKey"] as? String != freshKey)
        }
        await harness.stop()
    }
}
