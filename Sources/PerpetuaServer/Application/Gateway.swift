import Foundation
import HTTPTypes
import NIOCore
import ServiceLifecycle
import Synchronization
import Hummingbird
import HummingbirdWebSocket
import Logging
import PerpetuaCore
import PerpetuaEngine
import PerpetuaJournal
import PerpetuaStore

/// The server's parts, built once at start: the exchange, the authenticator, the rate
/// limiter and the secrets. Routes capture it; ``makeApplication()`` serves it.
public final class Gateway: Sendable {
    public let configuration: ServerConfiguration
    public let exchange: Exchange
    public let authenticator: Authenticator
    public let limiter: RateLimiter
    public let tokens: AccessTokens
    public let secretBox: SecretBox
    public let secrets: ServerSecrets
    /// bcrypt for logins, registration and operator-created users.
    public let passwords: PasswordHasher
    /// Failed-login lock-outs per username and per address.
    public let loginThrottle: LoginThrottle
    public let logger: Logger
    /// Metrics, the graceful-shutdown drain and its hooks.
    public let operations = GatewayOperations()

    /// Opens the exchange in the configured data directory and prepares authentication.
    public static func start(
        configuration: ServerConfiguration, logger: Logger = Logger(label: "perpetua"),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> Gateway {
        let secrets = try ServerSecrets.load(configuration: configuration, environment: environment)
        let box = try SecretBox(masterKey: secrets.masterKey)
        let tokens = await AccessTokens(key: secrets.jwtKey, lifetimeSeconds: configuration.auth.accessTokenSeconds)
        let passwords = try PasswordHasher(cost: configuration.auth.bcryptCost)
        try await passwords.prepare()
        let exchange = try await Exchange.open(configuration: configuration, logger: logger)
        do {
            let authenticator = try Authenticator(
                store: exchange.store, tokens: tokens, secrets: box, settings: configuration.auth, adminToken: secrets.adminToken)
            let gateway = Gateway(
                configuration: configuration, exchange: exchange, authenticator: authenticator,
                limiter: RateLimiter(settings: configuration.rateLimits), tokens: tokens, secretBox: box, secrets: secrets,
                passwords: passwords, logger: logger)
            gateway.operations.startObservingJournal()
            // SIGTERM's drain closes every stream with 1001 "server shutting down".
            let streams = exchange.streams
            gateway.operations.onDrain { _ in streams.stop() }
            return gateway
        } catch {
            await exchange.shutdown()
            throw error
        }
    }

    init(
        configuration: ServerConfiguration, exchange: Exchange, authenticator: Authenticator, limiter: RateLimiter,
        tokens: AccessTokens, secretBox: SecretBox, secrets: ServerSecrets, passwords: PasswordHasher, logger: Logger
    ) {
        self.configuration = configuration
        self.exchange = exchange
        self.authenticator = authenticator
        self.limiter = limiter
        self.tokens = tokens
        self.secretBox = secretBox
        self.secrets = secrets
        self.passwords = passwords
        self.loginThrottle = LoginThrottle(
            maxFailures: configuration.auth.maxLoginFailures, windowSeconds: configuration.auth.loginFailureWindowSeconds)
        self.logger = logger
    }

    /// The router with every route of the API, and the list of what it registered.
    ///
    /// - Parameter prelude: adds routes before any middleware (the benchmark's bare route,
    ///   which must measure Hummingbird alone).
    public func makeRouter(
        prelude: ((Router<APIRequestContext>) -> Void)? = nil
    ) -> (router: Router<APIRequestContext>, routes: [RouteDescriptor]) {
        let router = Router(context: APIRequestContext.self)
        prelude?(router)
        let exchange = exchange
        let operations = operations
        var gate = RequestGate(
            authenticator: authenticator, limiter: limiter, maxBodyBytes: configuration.maxBodyBytes,
            clock: { exchange.now })
        gate.isDraining = { operations.isDraining }
        let api = APIRouter(router: router, gate: gate)
        let table = RouteTable()
        let limiter = limiter
        let authenticator = authenticator
        router.add(middleware: RequestMetricsMiddleware(metrics: operations.metrics))
        router.add(middleware: APIResponseMiddleware(
            methodsByPath: { table.methodsByPath },
            chargeUnrouted: { request, context in
                try limiter.consumePublic(
                    ip: authenticator.clientAddress(request, context: context), weight: 1, headers: context.responseHeaders)
            }))
        api.addSystemRoutes(self)
        api.addMarketRoutes(self)
        api.addOrderRoutes(self)
        api.addPositionRoutes(self)
        api.addAccountRoutes(self)
        api.addAdminRoutes(self)
        api.addSessionRoutes(self)
        api.addApiKeyRoutes(self)
        api.addAgentSignOnRoutes(self)
        api.addUserRoutes(self)
        api.addOpenAPIRoutes(self)
        api.addOperationsRoutes(self)
        addStreamFallbackRoutes(api)
        table.set(api.methodsByPath)
        return (router, api.routes)
    }

    /// The Hummingbird application listening where the configuration says.
    public func makeApplication(
        services: [any Service] = [], prelude: ((Router<APIRequestContext>) -> Void)? = nil,
        onServerRunning: (@Sendable (any Channel) async -> Void)? = nil
    ) -> some ApplicationProtocol {
        let (router, _) = makeRouter(prelude: prelude)
        return Application(
            router: router,
            server: .answeringHTTP1WebSocketUpgrade(
                webSocketRouter: makeWebSocketRouter(),
                // The stream hub sends the pings: Hummingbird's would close a connection
                // whose pong is late at twice their period, before the idle rule's 60 s.
                // Messages over 16 KiB are answered with an error (StreamSession); a frame
                // over 64 KiB is not read at all: the connection closes with 1009.
                configuration: .init(ws: .init(maxFrameSize: 64 << 10, autoPing: .disabled))),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "perpetua"),
            services: services,
            onServerRunning: onServerRunning ?? { _ in },
            logger: logger)
    }

    /// Stops the exchange: everything accepted becomes durable, a final snapshot is written.
    /// Stream connections are closed first (1001).
    public func shutdown() async {
        exchange.streams.stop()
        await exchange.shutdown()
        operations.stopObservingJournal()
    }
}

/// The registered methods per path, filled once the routes exist; read by the middleware.
final class RouteTable: Sendable {
    private let table = Mutex<[String: [HTTPRequest.Method]]>([:])

    func set(_ value: [String: [HTTPRequest.Method]]) { table.withLock { $0 = value } }
    var methodsByPath: [String: [HTTPRequest.Method]] { table.withLock { $0 } }
}
