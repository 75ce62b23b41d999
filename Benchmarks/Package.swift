// swift-tools-version: 6.1
import PackageDescription

// Perpetua's benchmarks for `swift package benchmark` (ordo-one/benchmark). A separate
// package, as swift-nio does it, so that `swift test` of the main package never builds
// them or their dependencies. The workloads themselves live in the main package's
// PerpetuaWorkloads module, shared with `perpetua bench`.
//
// Run from this directory:
//   swift package benchmark
//   swift package benchmark --target MatchingBenchmarks
//
// The MallocInterposer trait gives allocation counts on Swift 6.3 without any system
// library. Set BENCHMARK_DISABLE_MALLOC_INTERPOSER (or BENCHMARK_DISABLE_JEMALLOC) to
// build without it.

let package = Package(
    name: "PerpetuaBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        // Named, so the products resolve whatever the checkout directory is called (a
        // path dependency's identity is otherwise its directory name).
        .package(name: "Perpetua", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "MatchingBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "PerpetuaEngine", package: "Perpetua"),
                .product(name: "PerpetuaWorkloads", package: "Perpetua"),
            ],
            path: "MatchingBenchmarks",
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
            ],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
