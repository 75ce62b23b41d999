import Foundation
import PerpetuaCore
import PerpetuaEngine
import PerpetuaStore
import Testing

/// The projector's write rate on an event stream from the real engine. Not part of the
/// normal run (DESIGN.md: targets are measured, never asserted in unit tests):
///
///     PERPETUA_STORE_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter ProjectorThroughput
///
/// `PERPETUA_STORE_BENCH_TRADES` (default 200,000), `PERPETUA_STORE_BENCH_BATCH` (commands
/// per `apply`, default 4,000; a larger number exercises the pipelined catch-up) and
/// `PERPETUA_STORE_BENCH_SYNC_FULL` (SQLite `synchronous = FULL`, the store's default; the
/// bench defaults to NORMAL) vary it.
@Suite("Projector throughput", .enabled(if: ProcessInfo.processInfo.environment["PERPETUA_STORE_BENCH"] != nil))
struct ProjectorThroughputTests {
    static func setting(_ name: String, _ fallback: Int) -> Int {
        Int(ProcessInfo.processInfo.environment[name] ?? "") ?? fallback
    }

    /// Trades between 100 accounts at one price. Makers come from accounts 1-50 and takers
    /// from 51-100, and the flow turns every 5,000 trades, so positions build up, shrink
    /// (realised PnL) and flip. Per trade: two fills, two final orders, two fee changes,
    /// realised PnL on the reducing half, a position close now and then, klines.
    static func workload(trades: Int) -> [ProjectedCommand] {
        var run = EngineRun()
        run.ok(.addSymbol(F.btc))
        run.ok(.setIndexPrice(symbol: "BTCUSDT", price: F.price("50000")))
        for account: UInt64 in 1...100 { run.ok(.deposit(account: account, amount: F.amount("100000000"))) }
        for i in 0..<trades {
            let maker = UInt64(i % 50 + 1)
            let taker = UInt64((i * 7 + 3) % 50 + 51)
            let side: Side = (i / 5_000) % 2 == 0 ? .sell : .buy
            run.time += 1
            run.ok(.placeOrder(OrderRequest(account: maker, symbol: "BTCUSDT", side: side, type: .limit, quantity: F.quantity("0.001"), price: F.price("50000"))))
            run.ok(.placeOrder(OrderRequest(account: taker, symbol: "BTCUSDT", side: side.opposite, type: .limit, quantity: F.quantity("0.001"), price: F.price("50000"))))
        }
        return run.commands
    }

    @Test("fills per second", arguments: Backend.available)
    func throughput(_ backend: Backend) async throws {
        let trades = Self.setting("PERPETUA_STORE_BENCH_TRADES", 200_000)
        let batch = Self.setting("PERPETUA_STORE_BENCH_BATCH", 4_000)
        let full = ProcessInfo.processInfo.environment["PERPETUA_STORE_BENCH_SYNC_FULL"] != nil
        let commands = Self.workload(trades: trades)
        let events = commands.reduce(0) { $0 + $1.events.count }
        try await backend.withStore(options: StoreOptions(sqliteSynchronousFull: full)) { store, _ in
            let projector = try await store.makeProjector()
            let elapsed = try await ContinuousClock().measure {
                var start = 0
                while start < commands.count {
                    let end = min(start + batch, commands.count)
                    try await projector.apply(Array(commands[start..<end]))
                    start = end
                }
            }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let fills = await projector.fillsWritten
            #expect(fills == 2 * trades)
            print("""
                projector \(backend.rawValue)\(backend == .sqlite ? (full ? " synchronous=FULL" : " synchronous=NORMAL") : ""): \
                \(fills) fills (\(trades) trades, \(commands.count) commands, \(events) events) in \
                \(String(format: "%.3f", seconds)) s, \(batch) commands per apply: \
                \(Int(Double(fills) / seconds)) fills/s, \(Int(Double(trades) / seconds)) trades/s
                """)
        }
    }
}
