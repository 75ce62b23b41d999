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
// Traits: MallocInterposer gives allocation counts on Swift 6.3 with no system library
// (jemalloc is only the backend on Swift 6.2 and older). Listing traits explicitly also
// leaves out the default RuntimeInterposer trait, whose swift-runtime-interposer package
// (ARC counts on Linux with Swift 6.3) is not in this environment's package mirror. To
// build without the interposer, make the list empty: the BENCHMARK_DISABLE_* environment
// variables only change the benchmark package's default traits, which this list replaces.

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
