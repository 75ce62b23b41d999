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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // One SQL layer over both dialects (README "Storage"): SQLKit, with its SQLite and
        // PostgreSQL drivers.
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
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
        .executableTarget(
            name: "perpetua",
            dependencies: [
                "PerpetuaCore",
                "PerpetuaEngine",
                "PerpetuaWorkloads",
                "PerpetuaJournal",
                "PerpetuaStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
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
    ]
)
