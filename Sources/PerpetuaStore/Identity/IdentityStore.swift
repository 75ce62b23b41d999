/// Users, sessions, refresh tokens, API keys, listen keys, favourites and agent tokens:
/// the rows that exist only in the store (DESIGN.md "Identity lives in the store").
/// Every method is one transaction; times are ms the caller reads from its clock.
public protocol IdentityStore: Sendable {
    // MARK: Users

    /// Creates a user with the next id; ``StoreError/duplicate(field:)`` ("username") when
    /// the name is taken.
    func createUser(username: String, passwordHash: String, nickname: String?, createdAt: Int64) async throws -> UserRecord
    func user(id: UInt64) async throws -> UserRecord?
    func user(username: String) async throws -> UserRecord?
    /// Sets or clears the public nickname; false when there is no such user.
    func setNickname(userId: UInt64, nickname: String?) async throws -> Bool
    /// Users, newest first (API.md §8 `GET /v1/admin/users`).
    func users(page: PageRequest) async throws -> Page<UserRecord>

    // MARK: Sessions and refresh tokens

    /// Stores a new session and its first refresh token (by hash).
    func createSession(_ session: SessionRecord, refreshTokenHash: String?) async throws
    func session(id: String) async throws -> SessionRecord?
    /// Marks the session revoked (idempotent); false when there is no such session.
    func revokeSession(id: String, at time: Int64) async throws -> Bool
    /// Spends `presentedHash` and stores `newHash` in its place, atomically. A token that
    /// was already spent revokes its session (API.md §2.1 reuse detection).
    func rotateRefreshToken(presentedHash: String, newHash: String, at time: Int64) async throws -> RefreshTokenRotation
    /// The session a refresh token (by hash) was issued to, spent or not; nil for a token
    /// this store never issued.
    func refreshTokenSession(hash: String) async throws -> String?

    // MARK: API keys

    /// ``StoreError/duplicate(field:)`` ("apiKey") when the key exists, and
    /// ``StoreError/apiKeyLimit(count:maximum:)`` when the user already has `limit` keys
    /// (nil: no limit). The count and the insert are one transaction that holds the user's
    /// row, so concurrent creations cannot both take the last free place.
    func createApiKey(_ key: ApiKeyRecord, limit: Int?) async throws
    func apiKey(_ apiKey: String) async throws -> ApiKeyRecord?
    /// A user's keys, oldest first.
    func apiKeys(userId: UInt64) async throws -> [ApiKeyRecord]
    func apiKeyCount(userId: UInt64) async throws -> Int
    /// Applies `update` to the user's key and returns the result; nil when the user has no
    /// such key.
    func updateApiKey(_ apiKey: String, userId: UInt64, _ update: ApiKeyUpdate) async throws -> ApiKeyRecord?
    func deleteApiKey(_ apiKey: String, userId: UInt64) async throws -> Bool
    /// Deletes every key of the user; returns how many.
    func deleteApiKeys(userId: UInt64) async throws -> Int
    /// Records a use of the key (`lastUsedAt`).
    func touchApiKey(_ apiKey: String, at time: Int64) async throws

    // MARK: Listen keys

    /// Inserts or replaces a listen key.
    func putListenKey(_ record: ListenKeyRecord) async throws
    func listenKey(_ key: String) async throws -> ListenKeyRecord?
    /// The user's key that is still valid at `now`, if any.
    func liveListenKey(userId: UInt64, now: Int64) async throws -> ListenKeyRecord?
    /// Moves the expiry of the user's key; false when the user has no such key.
    func extendListenKey(_ key: String, userId: UInt64, expiresAt: Int64) async throws -> Bool
    func deleteListenKey(_ key: String, userId: UInt64) async throws -> Bool
    /// Removes keys expired before `now`; returns how many.
    func deleteExpiredListenKeys(now: Int64) async throws -> Int

    // MARK: Favourites

    func favouriteSymbols(userId: UInt64) async throws -> [String]
    /// Replaces the user's list.
    func setFavouriteSymbols(userId: UInt64, symbols: [String]) async throws

    // MARK: Agent sign-on tokens

    func createOneTimeToken(_ token: OneTimeTokenRecord) async throws
    /// Spends the token if it exists, is of `kind`, unspent and unexpired at `now`;
    /// returns it then, nil otherwise. Two concurrent exchanges cannot both succeed.
    func consumeOneTimeToken(hash: String, kind: OneTimeTokenRecord.Kind, now: Int64) async throws -> OneTimeTokenRecord?
}
