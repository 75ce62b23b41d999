import PerpetuaCore
import PerpetuaStore
import Testing

@Suite("Identity rows")
struct IdentityStoreTests {
    @Test("users: create, unique username, look up, nickname, newest-first pages", arguments: Backend.available)
    func users(_ backend: Backend) async throws {
        try await backend.withStore { store, _ in
            let alice = try await store.createUser(username: "alice", passwordHash: "$2b$12$a", nickname: nil, createdAt: 1_000)
            let bob = try await store.createUser(username: "bob", passwordHash: "$2b$12$b", nickname: "Bobby", createdAt: 2_000)
            #expect(alice.id != bob.id)
            await #expect(throws: StoreError.duplicate(field: "username")) {
                try await store.createUser(username: "alice", passwordHash: "x", nickname: nil, createdAt: 3_000)
            }
            #expect(try await store.user(id: alice.id) == alice)
            #expect(try await store.user(username: "bob") == bob)
            #expect(try await store.user(username: "carol") == nil)
            #expect(try await store.setNickname(userId: alice.id, nickname: "Al"))
            #expect(try await store.user(id: alice.id)?.nickname == "Al")
            #expect(try await store.setNickname(userId: alice.id, nickname: nil))
            #expect(try await store.user(id: alice.id)?.nickname == nil)
            #expect(try await !store.setNickname(userId: 999_999, nickname: "x"))

            let first = try await store.users(page: PageRequest(limit: 1))
            #expect(first.items.map(\.username) == ["bob"])
            let cursor: String = try #require(first.nextCursor)
            let second = try await store.users(page: PageRequest(limit: 1, cursor: cursor))
            #expect(second.items.map(\.username) == ["alice"])
            #expect(second.nextCursor == nil)
        }
    }

    @Test("sessions and refresh tokens: rotation, reuse revokes the session, logout", arguments: Backend.available)
    func sessions(_ backend: Backend) async throws {
        try await backend.withStore { store, _ in
            let user = try await store.createUser(username: "alice", passwordHash: "h", nickname: nil, createdAt: 1)
            let session = SessionRecord(id: "s1", userId: user.id, scope: ["READ", "TRADE"], createdAt: 10)
            try await store.createSession(session, refreshTokenHash: "t1")
            #expect(try await store.session(id: "s1") == session)

            #expect(try await store.rotateRefreshToken(presentedHash: "t1", newHash: "t2", at: 20) == .rotated(session))
            #expect(try await store.rotateRefreshToken(presentedHash: "t2", newHash: "t3", at: 30) == .rotated(session))
            #expect(try await store.rotateRefreshToken(presentedHash: "nope", newHash: "t9", at: 30) == .unknown)
            // t1 was spent: presenting it again is theft, and the whole session goes.
            #expect(try await store.rotateRefreshToken(presentedHash: "t1", newHash: "t4", at: 40) == .reused(sessionId: "s1"))
            #expect(try await store.session(id: "s1")?.revokedAt == 40)
            #expect(try await store.rotateRefreshToken(presentedHash: "t3", newHash: "t5", at: 50) == .revoked(sessionId: "s1"))
            // Spent or current, a token names its session; an unknown one names none.
            #expect(try await store.refreshTokenSession(hash: "t1") == "s1")
            #expect(try await store.refreshTokenSession(hash: "t3") == "s1")
            #expect(try await store.refreshTokenSession(hash: "nope") == nil)

            let agent = SessionRecord(id: "s2", userId: user.id, scope: ["READ"], agentLabel: "bot", createdAt: 60)
            try await store.createSession(agent, refreshTokenHash: nil)
            #expect(try await store.session(id: "s2")?.agentLabel == "bot")
            #expect(try await store.revokeSession(id: "s2", at: 70))
            #expect(try await store.revokeSession(id: "s2", at: 80))  // idempotent: keeps the first time
            #expect(try await store.session(id: "s2")?.revokedAt == 70)
            #expect(try await !store.revokeSession(id: "missing", at: 80))
        }
    }

    @Test("concurrent rotations of one token: exactly one wins", arguments: Backend.available)
    func concurrentRotation(_ backend: Backend) async throws {
        try await backend.withStore { store, _ in
            try await store.createSession(SessionRecord(id: "s", userId: 1, scope: ["READ"], createdAt: 1), refreshTokenHash: "t")
            let outcomes = try await withThrowingTaskGroup(of: RefreshTokenRotation.self) { group in
                for i in 0..<4 {
                    group.addTask { try await store.rotateRefreshToken(presentedHash: "t", newHash: "n\(i)", at: 2) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let rotated = outcomes.filter { if case .rotated = $0 { true } else { false } }
            #expect(rotated.count == 1)
        }
    }

    @Test("the per-user key limit holds under concurrent creations", arguments: Backend.available)
    func apiKeyLimitUnderConcurrency(_ backend: Backend) async throws {
        try await backend.withStore { store, _ in
            let user = try await store.createUser(username: "racer", passwordHash: "x", nickname: nil, createdAt: 1)
            let outcomes = await withTaskGroup(of: (any Error)?.self) { group in
                for index in 0..<12 {
                    group.addTask {
                        do {
                            try await store.createApiKey(
                                ApiKeyRecord(
                                    apiKey: "race-\(index)", userId: user.id, label: "x", permissions: ["READ"], ipWhitelist: [],
                                    encryptedSecret: [1], createdAt: 2, expiresAt: nil),
                                limit: 5)
                            return nil
                        } catch {
                            return error
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == nil }.count == 5)
            for case let error? in outcomes {
                #expect(error as? StoreError == .apiKeyLimit(count: 5, maximum: 5), "\(error)")
            }
            #expect(try await store.apiKeyCount(userId: user.id) == 5)
            // No limit: the bench and demo seeding path.
            try await store.createApiKey(ApiKeyRecord(
                apiKey: "extra", userId: user.id, label: "x", permissions: ["READ"], ipWhitelist: [], encryptedSecret: [1],
                createdAt: 3, expiresAt: nil))
            #expect(try await store.apiKeyCount(userId: user.id) == 6)
        }
    }

    @Test("API keys: create, duplicate, list, count, update, touch, delete, delete all", arguments: Backend.available)
    func apiKeys(_ backend: Backend) async throws {
        try await backend.withStore { store, _ in
            let secret: [UInt8] = [0, 1, 2, 255, 254, 0, 42]
            let key = ApiKeyRecord(
                apiKey: "k1", userId: 7, label: "bot", permissions: ["READ"], ipWhitelist: ["10.0.0.0/8", "2001:db8::/32"],
                encryptedSecret: secret, createdAt: 100, expiresAt: nil)
            try await store.createApiKey(key)
            await #expect(throws: StoreError.duplicate(field: "apiKey")) { try await store.createApiKey(key) }
            try await store.createApiKey(ApiKeyRecord(
                apiKey: "k2", userId: 7, label: "other", permissions: ["READ", "TRADE"], ipWhitelist: [],
                encryptedSecret: [9], createdAt: 200, expiresAt: 200 + 90 * 86_400_000))
            try await store.createApiKey(ApiKeyRecord(
                apiKey: "k3", userId: 8, label: "x", permissions: [], ipWhitelist: [], encryptedSecret: [1], createdAt: 300,
                expiresAt: nil))

            #expect(try await store.apiKey("k1") == key)
            #expect(try await store.apiKey("k1")?.encryptedSecret == secret)
            #expect(try await store.apiKeys(userId: 7).map(\.apiKey) == ["k1", "k2"])
            #expect(try await store.apiKeyCount(userId: 7) == 2)

            let updated = try await store.updateApiKey(
                "k1", userId: 7, ApiKeyUpdate(label: "renamed", permissions: ["READ", "TRADE"], ipWhitelist: [], status: .disabled,
                                              expiresAt: .some(5_000)))
            #expect(updated?.label == "renamed")
            #expect(updated?.permissions == ["READ", "TRADE"])
            #expect(updated?.ipWhitelist == [])
            #expect(updated?.status == .disabled)
            #expect(updated?.expiresAt == 5_000)
            #expect(try await store.updateApiKey("k1", userId: 8, ApiKeyUpdate(label: "stolen")) == nil)
            #expect(try await store.apiKey("k1")?.label == "renamed")
            let cleared = try await store.updateApiKey("k1", userId: 7, ApiKeyUpdate(expiresAt: .some(nil)))
            #expect(cleared?.expiresAt == nil)

            try await store.touchApiKey("k2", at: 999)
            #expect(try await store.apiKey("k2")?.lastUsedAt == 999)

            #expect(try await !store.deleteApiKey("k3", userId: 7))
            #expect(try await store.deleteApiKey("k1", userId: 7))
            #expect(try await store.apiKey("k1") == nil)
            #expect(try await store.deleteApiKeys(userId: 7) == 1)
            #expect(try await store.apiKeyCount(userId: 7) == 0)
            #expect(try await store.apiKeyCount(userId: 8) == 1)
        }
    }

    @Test("listen keys: put, live lookup, extend, delete, expiry sweep", arguments: Backend.available)
    func listenKeys(_ backend: Backend) async throws {
        try await backend.withStore { store, _ in
            try await store.putListenKey(ListenKeyRecord(key: "L1", userId: 1, expiresAt: 1_000))
            try await store.putListenKey(ListenKeyRecord(key: "L2", userId: 2, expiresAt: 5_000))
            #expect(try await store.listenKey("L1")?.userId == 1)
            #expect(try await store.liveListenKey(userId: 1, now: 500)?.key == "L1")
            #expect(try await store.liveListenKey(userId: 1, now: 1_000) == nil)
            #expect(try await store.extendListenKey("L1", userId: 1, expiresAt: 9_000))
            #expect(try await !store.extendListenKey("L1", userId: 2, expiresAt: 9_000))
            #expect(try await store.liveListenKey(userId: 1, now: 1_000)?.expiresAt == 9_000)
            try await store.putListenKey(ListenKeyRecord(key: "L1", userId: 1, expiresAt: 10_000))
            #expect(try await store.listenKey("L1")?.expiresAt == 10_000)
            #expect(try await store.deleteExpiredListenKeys(now: 6_000) == 1)
            #expect(try await store.listenKey("L2") == nil)
            #expect(try await !store.deleteListenKey("L1", userId: 2))
            #expect(try await store.deleteListenKey("L1", userId: 1))
            #expect(try await store.listenKey("L1") == nil)
        }
    }

    @Test("favourites: empty, set, overwrite", arguments: Backend.available)
    func favourites(_ backend: Backend) async throws {
        try await backend.withStore { store, _ in
            #expect(try await store.favouriteSymbols(userId: 1) == [])
            try await store.setFavouriteSymbols(userId: 1, symbols: ["BTCUSDT", "ETHUSDT"])
            #expect(try await store.favouriteSymbols(userId: 1) == ["BTCUSDT", "ETHUSDT"])
            try await store.setFavouriteSymbols(userId: 1, symbols: ["SOLUSDT"])
            #expect(try await store.favouriteSymbols(userId: 1) == ["SOLUSDT"])
            try await store.setFavouriteSymbols(userId: 1, symbols: [])
            #expect(try await store.favouriteSymbols(userId: 1) == [])
            #expect(try await store.favouriteSymbols(userId: 2) == [])
        }
    }

    @Test("agent tickets and embed tokens are single use, typed and expire", arguments: Backend.available)
    func oneTimeTokens(_ backend: Backend) async throws {
        try await backend.withStore { store, _ in
            let ticket = OneTimeTokenRecord(
                tokenHash: "h1", userId: 3, kind: .ticket, permissions: ["READ"], label: "assistant", createdAt: 0, expiresAt: 300_000)
            try await store.createOneTimeToken(ticket)
            #expect(try await store.consumeOneTimeToken(hash: "h1", kind: .embed, now: 1) == nil)
            #expect(try await store.consumeOneTimeToken(hash: "h1", kind: .ticket, now: 1) == ticket)
            #expect(try await store.consumeOneTimeToken(hash: "h1", kind: .ticket, now: 2) == nil)
            try await store.createOneTimeToken(OneTimeTokenRecord(
                tokenHash: "h2", userId: 3, kind: .embed, permissions: ["TRADE"], label: nil, createdAt: 0, expiresAt: 60_000))
            #expect(try await store.consumeOneTimeToken(hash: "h2", kind: .embed, now: 60_000) == nil)
        }
    }
}
