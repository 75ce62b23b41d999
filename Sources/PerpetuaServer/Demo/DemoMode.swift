import Logging
import PerpetuaCore
import PerpetuaEngine
import PerpetuaJournal
import PerpetuaStore
import ServiceLifecycle
import Synchronization

/// What a newcomer sees on `swift run perpetua serve`: three contracts, a funded demo user
/// with an API key, an index price per symbol that follows a seeded random walk, and a
/// market maker that keeps a two-sided book several levels deep while a taker trades now
/// and then. Runs inside the server and submits commands like any client would, through
/// the sequencer, so everything it does is journaled and replayable.
public final class DemoMode: Service {
    /// The demo user's credentials, printed at start-up.
    public struct DemoCredentials: Sendable {
        public var username: String
        public var password: String
        public var apiKey: String
        public var apiSecret: String
    }

    /// BTCUSDT as the demo lists it, for benchmarks that need a realistic contract.
    public static var benchmarkSymbol: SymbolSpec { DemoSymbols.btc }

    public static let username = "demo"
    public static let password = "demo-password-1"
    static let makerName = "demo-market-maker"
    static let takerName = "demo-taker"

    let gateway: Gateway
    let makerId: UInt64
    let takerId: UInt64
    let state: Mutex<DemoRandom>

    private init(gateway: Gateway, makerId: UInt64, takerId: UInt64, seed: UInt64) {
        self.gateway = gateway
        self.makerId = makerId
        self.takerId = takerId
        self.state = Mutex(DemoRandom(seed: seed))
    }

    /// Creates the demo symbols, users and key on a fresh exchange (no symbols, no users),
    /// or finds them on a restart; returns the running demo and the credentials to print.
    public static func start(_ gateway: Gateway, seed: UInt64 = 42) async throws -> (DemoMode, DemoCredentials) {
        let exchange = gateway.exchange
        if exchange.market.allSpecs.isEmpty {
            for (spec, index) in DemoSymbols.all {
                let result = try await exchange.submit(.addSymbol(spec)).result
                if let error = result.error { throw error }
                exchange.market.update(spec)
                _ = try await exchange.submit(.setIndexPrice(symbol: spec.symbol, price: index))
            }
        }
        let demo = try await user(DemoMode.username, password: DemoMode.password, deposit: "100000", gateway: gateway)
        let maker = try await user(makerName, password: nil, deposit: "100000000", gateway: gateway)
        let taker = try await user(takerName, password: nil, deposit: "10000000", gateway: gateway)
        let key = try await apiKey(for: demo, gateway: gateway)
        let mode = DemoMode(gateway: gateway, makerId: maker, takerId: taker, seed: seed)
        return (mode, DemoCredentials(username: DemoMode.username, password: DemoMode.password, apiKey: key.0, apiSecret: key.1))
    }

    /// The user's id, creating and funding the user on first start.
    static func user(_ name: String, password: String?, deposit: String, gateway: Gateway) async throws -> UInt64 {
        let exchange = gateway.exchange
        if let existing = try await exchange.store.user(username: name) { return existing.id }
        let secret = password ?? String(SystemRandomNumberGenerator.hexToken(24))
        let hash = try await gateway.passwords.hash(secret)
        let user = try await exchange.store.createUser(username: name, passwordHash: hash, nickname: nil, createdAt: exchange.now)
        _ = try await exchange.submit(.deposit(account: user.id, amount: try Amount(parsing: deposit)))
        return user.id
    }

    /// The demo user's first key (decrypted again on a restart), or a new READ+TRADE key.
    static func apiKey(for userId: UInt64, gateway: Gateway) async throws -> (String, String) {
        let store = gateway.exchange.store
        if let existing = try await store.apiKeys(userId: userId).first, let secret = gateway.secretBox.open(existing.encryptedSecret) {
            return (existing.apiKey, secret)
        }
        let key = "pk_demo_" + SystemRandomNumberGenerator.hexToken(8)
        let secret = SystemRandomNumberGenerator.hexToken(32)
        let now = gateway.exchange.now
        try await store.createApiKey(ApiKeyRecord(
            apiKey: key, userId: userId, label: "demo", permissions: ["READ", "TRADE"], ipWhitelist: [],
            encryptedSecret: try gateway.secretBox.seal(secret), createdAt: now,
            expiresAt: now + Int64(gateway.configuration.auth.apiKeyExpiryDays) * 86_400_000))
        return (key, secret)
    }

    /// Runs until graceful shutdown begins (the service lifecycle's SIGTERM).
    public func run() async {
        await cancelWhenGracefulShutdown { await self.simulate() }
    }

    /// Moves the index prices and requotes every second, and sends a taker order every
    /// few seconds, until the task is cancelled or the exchange stops.
    func simulate() async {
        var tick = 0
        while !Task.isCancelled {
            do {
                try await step(tick)
            } catch {
                if let error = error as? PerpetuaError, error.code == .serviceUnavailable { return }
                gateway.logger.warning("demo: \(error)")
            }
            tick += 1
            try? await Task.sleep(for: .seconds(1))
        }
    }

    /// One second of the demo: walk each index, requote, maybe trade.
    func step(_ tick: Int) async throws {
        let exchange = gateway.exchange
        for spec in exchange.market.allSpecs where spec.status == .trading {
            guard let market = try await exchange.read({ $0.market(spec.symbol) }), let index = market.indexPrice else { continue }
            // A symbol on a simulated or replayed feed gets its index from the IndexFeed service.
            let feedOwnsIndex = gateway.configuration.indexFeeds.mode(of: spec.symbol) != .operator
            let next = feedOwnsIndex ? index : walk(index, spec: spec)
            if !feedOwnsIndex { _ = try await exchange.submit(.setIndexPrice(symbol: spec.symbol, price: next)) }
            try await requote(spec, around: next)
            let trade = state.withLock { $0.below(3) == 0 }
            if trade { try await takeLiquidity(spec) }
        }
    }

    /// About 0.01 % a second (a yearly volatility near 60 %), on the tick grid.
    func walk(_ price: Price, spec: SymbolSpec) -> Price {
        let z = state.withLock { $0.normalMillis() }
        return IndexRandomWalk.next(after: price, tick: spec.tickSize.units, normalMillis: z)
    }

    /// Five levels a side, 0.02 % apart from a 0.01 % half-spread, sizes of a few thousand USDT.
    func requote(_ spec: SymbolSpec, around index: Price) async throws {
        let exchange = gateway.exchange
        _ = try await exchange.submit(.cancelAll(account: makerId, symbol: spec.symbol, scope: .normal))
        let tick = spec.tickSize.units
        let gap = max(tick, index.units / 5000 / tick * tick)
        let half = max(tick, index.units / 10000 / tick * tick)
        let step = spec.stepSize.units
        var orders: [OrderRequest] = []
        for level in 0..<5 {
            let size = state.withLock { 2_000 + Int64($0.below(8_000)) }  // USDT notional
            let lots = max(spec.minQty.units, Int64(Int128(size) * Int128(fixedPointOne) * Int128(fixedPointOne) / Int128(index.units)) / step * step)
            let offset = half + Int64(level) * gap
            orders.append(OrderRequest(
                account: makerId, symbol: spec.symbol, side: .buy, type: .limit, quantity: Quantity(units: lots),
                price: Price(units: (index.units - offset) / tick * tick), timeInForce: .postOnly))
            orders.append(OrderRequest(
                account: makerId, symbol: spec.symbol, side: .sell, type: .limit, quantity: Quantity(units: lots),
                price: Price(units: (index.units + offset + tick - 1) / tick * tick), timeInForce: .postOnly))
        }
        _ = try await exchange.submit(.batchPlace(orders))
    }

    /// A small market order on a random side.
    func takeLiquidity(_ spec: SymbolSpec) async throws {
        let (buy, lots) = state.withLock { random -> (Bool, Int64) in
            (random.below(2) == 0, spec.minQty.units * Int64(1 + random.below(5)))
        }
        _ = try await gateway.exchange.submit(.placeOrder(OrderRequest(
            account: takerId, symbol: spec.symbol, side: buy ? .buy : .sell, type: .market, quantity: Quantity(units: lots),
            timeInForce: .ioc)))
    }
}

extension SystemRandomNumberGenerator {
    /// `count` random bytes as lower-case hex.
    static func hexToken(_ count: Int) -> String { hex(ServerSecrets.random(count)) }
}
