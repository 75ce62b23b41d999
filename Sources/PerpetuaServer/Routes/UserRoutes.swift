import PerpetuaCore
import PerpetuaEngine
import PerpetuaStore

/// The profile endpoints of API.md §5.2 (JWT or API key with READ): who the user is and
/// their fee tier, favourite symbols, and the listen key of the private stream (§6.2).
extension APIRouter {
    static let maxFavorites = 50

    func addUserRoutes(_ gateway: Gateway) {
        let exchange = gateway.exchange
        let store = exchange.store
        let listenKeyTTL = gateway.configuration.listenKeyTTLSeconds * 1000
        // Tells open private streams about deletes and extensions (§6.2).
        let streams = exchange.listenKeys
        let read = RouteAccess.user(.read)

        get("/v1/private/user/info", access: read) { request in
            guard let user = try await store.user(id: request.userId) else {
                throw APIError(.authRequired, message: "the account of this credential no longer exists")
            }
            let account = request.userId
            // Fees are charged per symbol; every symbol shares one schedule today, so the
            // first symbol's tiers are the account's.
            let (volume, spec) = try await exchange.read { engine in
                (engine.asset(account: account)?.volume30d ?? .zero, engine.symbolSpecs.first)
            }
            let tier = spec.map { $0.feeTier(forVolume: volume) }
            return UserInfoResource(
                userId: String(user.id), username: user.username, nickname: user.nickname, createdAt: user.createdAt,
                feeTier: tier?.tier ?? 0, makerRate: tier?.makerRate.description, takerRate: tier?.takerRate.description)
        }

        post("/v1/private/user/favorite-symbols", access: read) { request in
            let body = try request.decode(FavoriteSymbolsResource.self)
            guard body.symbols.count <= Self.maxFavorites else {
                throw APIError(
                    .invalidParameter,
                    message: "invalid parameter symbols: at most \(Self.maxFavorites) symbols, got \(body.symbols.count)",
                    data: ["field": "symbols", "max": String(Self.maxFavorites)])
            }
            var symbols: [String] = []
            for name in body.symbols {
                let symbol = try exchange.symbol(name).symbol
                if !symbols.contains(symbol) { symbols.append(symbol) }
            }
            try await store.setFavouriteSymbols(userId: request.userId, symbols: symbols)
            return FavoriteSymbolsResource(symbols: symbols)
        }

        get("/v1/private/user/favorite-symbols", access: read) { request in
            FavoriteSymbolsResource(symbols: try await store.favouriteSymbols(userId: request.userId))
        }

        // One live key per user: asking again extends and returns it, so a client that
        // reconnects does not pile up keys.
        post("/v1/private/user/listen-key", access: read) { request in
            let expiresAt = request.now + listenKeyTTL
            if let live = try await store.liveListenKey(userId: request.userId, now: request.now),
               try await store.extendListenKey(live.key, userId: request.userId, expiresAt: expiresAt) {
                streams.extended(live.key, expiresAt: expiresAt)
                return ListenKeyResource(listenKey: live.key, expiresAt: expiresAt)
            }
            let key = OpaqueToken.make(prefix: "lk_")
            try await store.putListenKey(ListenKeyRecord(key: key, userId: request.userId, expiresAt: expiresAt))
            return ListenKeyResource(listenKey: key, expiresAt: expiresAt)
        }

        put("/v1/private/user/listen-key", access: read) { request in
            let key = try await Self.listenKey(request, store: store)
            guard let record = try await store.listenKey(key), record.userId == request.userId, record.expiresAt > request.now else {
                throw Self.listenKeyInvalid
            }
            let expiresAt = request.now + listenKeyTTL
            guard try await store.extendListenKey(record.key, userId: request.userId, expiresAt: expiresAt) else {
                throw Self.listenKeyInvalid
            }
            streams.extended(record.key, expiresAt: expiresAt)
            return ListenKeyResource(listenKey: record.key, expiresAt: expiresAt)
        }

        delete("/v1/private/user/listen-key", access: read) { request in
            let key = try await Self.listenKey(request, store: store)
            guard let record = try await store.listenKey(key), record.userId == request.userId, record.expiresAt > request.now,
                  try await store.deleteListenKey(key, userId: request.userId) else {
                throw Self.listenKeyInvalid
            }
            streams.closed(key)
            return EmptyResource()
        }
    }

    static var listenKeyInvalid: APIError {
        APIError(.listenKeyInvalid, message: "the listen key is unknown, closed or expired; create one with POST /v1/private/user/listen-key")
    }

    /// `listenKey` from the JSON body, or from the query string for clients that cannot send
    /// a body with DELETE; without either, the user's live key: a user has one at a time
    /// (POST returns it), so a client need not send it back, as on Binance futures.
    static func listenKey(_ request: APIRequest, store: SQLStore) async throws -> String {
        let body = try request.decode(ListenKeyBody.self)
        if let key = body.listenKey ?? request.query("listenKey") {
            guard !key.isEmpty else { throw APIError.invalid("listenKey", "must not be empty; or leave it out to use your live key") }
            return key
        }
        guard let live = try await store.liveListenKey(userId: request.userId, now: request.now) else {
            throw Self.listenKeyInvalid
        }
        return live.key
    }
}
