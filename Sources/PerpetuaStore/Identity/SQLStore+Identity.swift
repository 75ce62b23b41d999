import Foundation
import SQLKit

/// Lists (permissions, whitelists, symbols) are stored comma-joined: none of their
/// elements can contain a comma, and the rows stay readable in a SQL shell.
private func joined(_ list: [String]) -> String { list.joined(separator: ",") }
private func split(_ text: String) -> [String] { text.split(separator: ",").map(String.init) }

extension SQLStore {
    // MARK: Users

    public func createUser(username: String, passwordHash: String, nickname: String?, createdAt: Int64) async throws -> UserRecord {
        let id = try await database.transaction { db in
            try await db.insert(into: "users").columns("username", "password_hash", "nickname", "created_at")
                .values(username, passwordHash, nullable(nickname), createdAt)
                .ignoringConflicts()
                .returning("id").first(decodingColumn: "id", as: Int64.self)
        }
        guard let id else { throw StoreError.duplicate(field: "username") }
        return UserRecord(id: UInt64(bitPattern: id), username: username, passwordHash: passwordHash, nickname: nickname, createdAt: createdAt)
    }

    public func user(id: UInt64) async throws -> UserRecord? {
        try await database.read { db in
            try await db.select().column("*").from("users").where("id", .equal, Int64(bitPattern: id)).first().map(Self.user)
        }
    }

    public func user(username: String) async throws -> UserRecord? {
        try await database.read { db in
            try await db.select().column("*").from("users").where("username", .equal, username).first().map(Self.user)
        }
    }

    public func setNickname(userId: UInt64, nickname: String?) async throws -> Bool {
        try await database.transaction { db in
            try await db.update("users").set("nickname", to: nullable(nickname))
                .where("id", .equal, Int64(bitPattern: userId)).returning("id").all().count == 1
        }
    }

    public func users(page: PageRequest) async throws -> Page<UserRecord> {
        try await database.page(
            table: "users", timeColumn: "created_at", idColumn: "id", filters: [], request: page, decode: Self.user)
    }

    @Sendable static func user(_ row: any SQLRow) throws -> UserRecord {
        UserRecord(
            id: try row.id("id"), username: try row.text("username"), passwordHash: try row.text("password_hash"),
            nickname: try row.optionalText("nickname"), createdAt: try row.int("created_at"))
    }

    // MARK: Sessions and refresh tokens

    public func createSession(_ session: SessionRecord, refreshTokenHash: String?) async throws {
        try await database.transaction { db in
            try await db.insert(into: "sessions")
                .columns("id", "user_id", "scope", "agent_label", "created_at", "revoked_at")
                .values(
                    session.id, Int64(bitPattern: session.userId), joined(session.scope), nullable(session.agentLabel),
                    session.createdAt, nullable(session.revokedAt))
                .run()
            if let refreshTokenHash {
                try await db.insert(into: "refresh_tokens").columns("token_hash", "session_id", "created_at")
                    .values(refreshTokenHash, session.id, session.createdAt).run()
            }
        }
    }

    public func session(id: String) async throws -> SessionRecord? {
        try await database.read { db in
            try await db.select().column("*").from("sessions").where("id", .equal, id).first().map(Self.session)
        }
    }

    public func revokeSession(id: String, at time: Int64) async throws -> Bool {
        try await database.transaction { db in
            try await Self.revoke(session: id, at: time, in: db)
        }
    }

    /// Sets `revoked_at` unless already set; true when the session exists.
    private static func revoke(session id: String, at time: Int64, in db: any SQLDatabase) async throws -> Bool {
        try await db.update("sessions").set("revoked_at", to: time)
            .where("id", .equal, id).where("revoked_at", .is, SQLLiteral.null).run()
        return try await db.select().column("id").from("sessions").where("id", .equal, id).first() != nil
    }

    public func rotateRefreshToken(presentedHash: String, newHash: String, at time: Int64) async throws -> RefreshTokenRotation {
        try await database.transaction { db in
            guard let token = try await db.select().column("*").from("refresh_tokens")
                .where("token_hash", .equal, presentedHash).first()
            else { return .unknown }
            let sessionId = try token.text("session_id")
            guard let sessionRow = try await db.select().column("*").from("sessions").where("id", .equal, sessionId).first()
            else { return .unknown }
            let session = try Self.session(sessionRow)
            if session.isRevoked { return .revoked(sessionId: sessionId) }
            // Spend the token only if nobody spent it first: under PostgreSQL's READ
            // COMMITTED a concurrent rotation makes this UPDATE match nothing, and the loser
            // is treated as a reuse, which is what a replayed token is.
            let spent = try await db.update("refresh_tokens").set("rotated_at", to: time)
                .where("token_hash", .equal, presentedHash).where("rotated_at", .is, SQLLiteral.null)
                .returning("token_hash").all()
            guard spent.count == 1 else {
                _ = try await Self.revoke(session: sessionId, at: time, in: db)
                return .reused(sessionId: sessionId)
            }
            try await db.insert(into: "refresh_tokens").columns("token_hash", "session_id", "created_at")
                .values(newHash, sessionId, time).run()
            return .rotated(session)
        }
    }

    public func refreshTokenSession(hash: String) async throws -> String? {
        try await database.read { db in
            try await db.select().column("session_id").from("refresh_tokens").where("token_hash", .equal, hash)
                .first(decodingColumn: "session_id", as: String.self)
        }
    }

    @Sendable static func session(_ row: any SQLRow) throws -> SessionRecord {
        SessionRecord(
            id: try row.text("id"), userId: try row.id("user_id"), scope: split(try row.text("scope")),
            agentLabel: try row.optionalText("agent_label"), createdAt: try row.int("created_at"),
            revokedAt: try row.optionalInt("revoked_at"))
    }

    // MARK: API keys

    public func createApiKey(_ key: ApiKeyRecord) async throws {
        try await createApiKey(key, limit: nil)
    }

    public func createApiKey(_ key: ApiKeyRecord, limit: Int?) async throws {
        let userId = Int64(bitPattern: key.userId)
        let inserted = try await database.transaction { db in
            if let limit {
                // PostgreSQL: the user's row lock orders concurrent creations (SQLite has one
                // writer connection, which already does, and takes no FOR UPDATE).
                _ = try await db.select().column("id").from("users").where("id", .equal, userId).for(.update).all()
                let count = try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("api_keys")
                    .where("user_id", .equal, userId).first(decodingColumn: "n", as: Int.self) ?? 0
                guard count < limit else { throw StoreError.apiKeyLimit(count: count, maximum: limit) }
            }
            return try await db.insert(into: "api_keys")
                .columns(
                    "api_key", "user_id", "label", "permissions", "ip_whitelist", "status", "encrypted_secret",
                    "created_at", "expires_at", "last_used_at")
                .values(
                    key.apiKey, Int64(bitPattern: key.userId), key.label, joined(key.permissions), joined(key.ipWhitelist),
                    key.status.rawValue, Data(key.encryptedSecret), key.createdAt, nullable(key.expiresAt),
                    nullable(key.lastUsedAt))
                .ignoringConflicts()
                .returning("api_key").all().count
        }
        if inserted == 0 { throw StoreError.duplicate(field: "apiKey") }
    }

    public func apiKey(_ apiKey: String) async throws -> ApiKeyRecord? {
        try await database.read { db in
            try await db.select().column("*").from("api_keys").where("api_key", .equal, apiKey).first().map(Self.apiKey)
        }
    }

    public func apiKeys(userId: UInt64) async throws -> [ApiKeyRecord] {
        try await database.read { db in
            try await db.select().column("*").from("api_keys").where("user_id", .equal, Int64(bitPattern: userId))
                .orderBy("created_at").orderBy("api_key").all().map(Self.apiKey)
        }
    }

    public func apiKeyCount(userId: UInt64) async throws -> Int {
        try await database.read { db in
            try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("api_keys")
                .where("user_id", .equal, Int64(bitPattern: userId)).first(decodingColumn: "n", as: Int.self) ?? 0
        }
    }

    public func updateApiKey(_ apiKey: String, userId: UInt64, _ update: ApiKeyUpdate) async throws -> ApiKeyRecord? {
        try await database.transaction { db in
            let owner: [(String, any Encodable & Sendable)] = [("api_key", apiKey), ("user_id", Int64(bitPattern: userId))]
            var sets: [(String, any Encodable & Sendable)] = []
            if let label = update.label { sets.append(("label", label)) }
            if let permissions = update.permissions { sets.append(("permissions", joined(permissions))) }
            if let whitelist = update.ipWhitelist { sets.append(("ip_whitelist", joined(whitelist))) }
            if let status = update.status { sets.append(("status", status.rawValue)) }
            if let expiresAt = update.expiresAt { sets.append(("expires_at", nullable(expiresAt))) }
            if !sets.isEmpty {
                let query = db.update("api_keys")
                for (column, value) in sets { query.set(column, to: value) }
                for (column, value) in owner { query.where(SQLIdentifier(column), .equal, value) }
                try await query.run()
            }
            let select = db.select().column("*").from("api_keys")
            for (column, value) in owner { select.where(SQLIdentifier(column), .equal, value) }
            return try await select.first().map(Self.apiKey)
        }
    }

    public func deleteApiKey(_ apiKey: String, userId: UInt64) async throws -> Bool {
        try await database.transaction { db in
            try await db.delete(from: "api_keys").where("api_key", .equal, apiKey)
                .where("user_id", .equal, Int64(bitPattern: userId)).returning("api_key").all().count == 1
        }
    }

    public func deleteApiKeys(userId: UInt64) async throws -> Int {
        try await database.transaction { db in
            try await db.delete(from: "api_keys").where("user_id", .equal, Int64(bitPattern: userId))
                .returning("api_key").all().count
        }
    }

    public func touchApiKey(_ apiKey: String, at time: Int64) async throws {
        try await database.transaction { db in
            try await db.update("api_keys").set("last_used_at", to: time).where("api_key", .equal, apiKey).run()
        }
    }

    @Sendable static func apiKey(_ row: any SQLRow) throws -> ApiKeyRecord {
        ApiKeyRecord(
            apiKey: try row.text("api_key"), userId: try row.id("user_id"), label: try row.text("label"),
            permissions: split(try row.text("permissions")), ipWhitelist: split(try row.text("ip_whitelist")),
            status: try row.named("status"), encryptedSecret: try row.bytes("encrypted_secret"),
            createdAt: try row.int("created_at"), expiresAt: try row.optionalInt("expires_at"),
            lastUsedAt: try row.optionalInt("last_used_at"))
    }

    // MARK: Listen keys

    public func putListenKey(_ record: ListenKeyRecord) async throws {
        try await database.transaction { db in
            try await db.insert(into: "listen_keys").columns("listen_key", "user_id", "expires_at")
                .values(record.key, Int64(bitPattern: record.userId), record.expiresAt)
                .onConflict(with: ["listen_key"]) { $0.set(excludedValueOf: "user_id").set(excludedValueOf: "expires_at") }
                .run()
        }
    }

    public func listenKey(_ key: String) async throws -> ListenKeyRecord? {
        try await database.read { db in
            try await db.select().column("*").from("listen_keys").where("listen_key", .equal, key).first().map(Self.listenKey)
        }
    }

    public func liveListenKey(userId: UInt64, now: Int64) async throws -> ListenKeyRecord? {
        try await database.read { db in
            try await db.select().column("*").from("listen_keys").where("user_id", .equal, Int64(bitPattern: userId))
                .where("expires_at", .greaterThan, now).orderBy("expires_at", .descending).first().map(Self.listenKey)
        }
    }

    public func extendListenKey(_ key: String, userId: UInt64, expiresAt: Int64) async throws -> Bool {
        try await database.transaction { db in
            try await db.update("listen_keys").set("expires_at", to: expiresAt).where("listen_key", .equal, key)
                .where("user_id", .equal, Int64(bitPattern: userId)).returning("listen_key").all().count == 1
        }
    }

    public func deleteListenKey(_ key: String, userId: UInt64) async throws -> Bool {
        try await database.transaction { db in
            try await db.delete(from: "listen_keys").where("listen_key", .equal, key)
                .where("user_id", .equal, Int64(bitPattern: userId)).returning("listen_key").all().count == 1
        }
    }

    public func deleteExpiredListenKeys(now: Int64) async throws -> Int {
        try await database.transaction { db in
            try await db.delete(from: "listen_keys").where("expires_at", .lessThanOrEqual, now)
                .returning("listen_key").all().count
        }
    }

    @Sendable static func listenKey(_ row: any SQLRow) throws -> ListenKeyRecord {
        ListenKeyRecord(key: try row.text("listen_key"), userId: try row.id("user_id"), expiresAt: try row.int("expires_at"))
    }

    // MARK: Favourites

    public func favouriteSymbols(userId: UInt64) async throws -> [String] {
        try await database.read { db in
            let text = try await db.select().column("symbols").from("favourites")
                .where("user_id", .equal, Int64(bitPattern: userId)).first(decodingColumn: "symbols", as: String.self)
            return text.map(split) ?? []
        }
    }

    public func setFavouriteSymbols(userId: UInt64, symbols: [String]) async throws {
        try await database.transaction { db in
            try await db.insert(into: "favourites").columns("user_id", "symbols")
                .values(Int64(bitPattern: userId), joined(symbols))
                .onConflict(with: ["user_id"]) { $0.set(excludedValueOf: "symbols") }
                .run()
        }
    }

    // MARK: Agent sign-on tokens

    public func createOneTimeToken(_ token: OneTimeTokenRecord) async throws {
        try await database.transaction { db in
            try await db.insert(into: "one_time_tokens")
                .columns("token_hash", "user_id", "kind", "permissions", "label", "created_at", "expires_at")
                .values(
                    token.tokenHash, Int64(bitPattern: token.userId), token.kind.rawValue, joined(token.permissions),
                    nullable(token.label), token.createdAt, token.expiresAt)
                .run()
        }
    }

    public func consumeOneTimeToken(hash: String, kind: OneTimeTokenRecord.Kind, now: Int64) async throws -> OneTimeTokenRecord? {
        try await database.transaction { db in
            // One UPDATE both checks and spends: two concurrent exchanges cannot both match.
            let rows = try await db.update("one_time_tokens").set("used_at", to: now)
                .where("token_hash", .equal, hash).where("kind", .equal, kind.rawValue)
                .where("used_at", .is, SQLLiteral.null).where("expires_at", .greaterThan, now)
                .returning(SQLLiteral.all).all()
            return try rows.first.map { row in
                OneTimeTokenRecord(
                    tokenHash: try row.text("token_hash"), userId: try row.id("user_id"), kind: try row.named("kind"),
                    permissions: split(try row.text("permissions")), label: try row.optionalText("label"),
                    createdAt: try row.int("created_at"), expiresAt: try row.int("expires_at"))
            }
        }
    }
}
