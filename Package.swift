// swift-tools-version: 6.1
import PackageDescription

/// Settings shared by every target: Swift 6 language mode (strict concurrency) plus the
/// upcoming features that keep imports and existentials explicit.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Perpetua",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "perpetua", targets: ["perpetua"]),
        .library(name: "PerpetuaCore", targets: ["PerpetuaCore"]),
        .library(name: "PerpetuaEngine", targets: ["PerpetuaEngine"]),
        .library(name: "PerpetuaWorkloads", targets: ["PerpetuaWorkloads"]),
        .library(name: "PerpetuaJournal", targets: ["PerpetuaJournal"]),
        .library(name: "PerpetuaStore", targets: ["PerpetuaStore"]),
        .library(name: "PerpetuaServer", targets: ["PerpetuaServer"]),
        .library(name: "PerpetuaClient", targets: ["PerpetuaClient"]),
        .library(name: "PerpetuaOperator", targets: ["PerpetuaOperator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // One SQL layer over both dialects (README "Storage"): SQLKit, with its SQLite and
        // PostgreSQL drivers.
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
        // The HTTP server (routes, middleware, in-process testing) and bcrypt.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        // WebSocket streams (§6): the server upgrade and the client.
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        // JWT access tokens (HS256).
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
        // HMAC-SHA256 request signing and AES-GCM for API secrets at rest.
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // The Swift client's HTTP transport (end-to-end tests, the load generator).
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // Already in the graph through Hummingbird; named because the client and tests use
        // NIO types directly (MemberImportVisibility).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.100.0"),
        // Start-up order and graceful shutdown of the server's services (SIGTERM drains).
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // Metrics (`/metrics`): the swift-metrics API, exported in the Prometheus text format.
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        .target(name: "PerpetuaCore", swiftSettings: swiftSettings),
        .target(name: "PerpetuaEngine", dependencies: ["PerpetuaCore"], swiftSettings: swiftSettings),
        .target(
            name: "PerpetuaWorkloads",
            dependencies: ["PerpetuaCore", "PerpetuaEngine"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PerpetuaJournal",
            dependencies: ["PerpetuaCore", "PerpetuaEngine"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PerpetuaStore",
            dependencies: [
                "PerpetuaCore",
                "PerpetuaEngine",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PerpetuaServer",
            dependencies: [
                "PerpetuaCore",
                "PerpetuaEngine",
                "PerpetuaJournal",
                "PerpetuaStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PerpetuaClient",
            dependencies: [
                "PerpetuaCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // `perpetua admin …`: the operator API's calls and their human and JSON output, as a
        // library so that tests run them against a live server.
        .target(
            name: "PerpetuaOperator",
            dependencies: ["PerpetuaCore", "PerpetuaClient", .product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "perpetua",
            dependencies: [
                "PerpetuaCore",
                "PerpetuaEngine",
                "PerpetuaWorkloads",
                "PerpetuaJournal",
                "PerpetuaStore",
                "PerpetuaServer",
                "PerpetuaClient",
                "PerpetuaOperator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                // `bench ws`'s subscribers are bare NIO WebSocket clients.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "PerpetuaCoreTests", dependencies: ["PerpetuaCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "PerpetuaEngineTests",
            dependencies: ["PerpetuaCore", "PerpetuaEngine"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PerpetuaStoreTests",
            dependencies: [
                "PerpetuaCore",
                "PerpetuaEngine",
                "PerpetuaStore",
                // To create and drop a scratch database per PostgreSQL test.
                .product(name: "PostgresKit", package: "postgres-kit"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PerpetuaWorkloadsTests",
            dependencies: ["PerpetuaCore", "PerpetuaEngine", "PerpetuaWorkloads"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PerpetuaJournalTests",
            dependencies: ["PerpetuaCore", "PerpetuaEngine", "PerpetuaJournal"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PerpetuaServerTests",
            dependencies: [
                "PerpetuaCore",
                "PerpetuaEngine",
                "PerpetuaJournal",
                "PerpetuaStore",
                "PerpetuaServer",
                "PerpetuaClient",
                "PerpetuaOperator",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PerpetuaClientTests",
            dependencies: ["PerpetuaCore", "PerpetuaClient", .product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),
    ]
)
