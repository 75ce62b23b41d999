import Foundation
import PerpetuaCore
import PerpetuaEngine
import PerpetuaStore
import Testing

/// The projector's write rate on a realistic event stream from the real engine. Not part
/// of the normal run (DESIGN.md: targets are measured, never asserted in unit tests):
/// `PERPETUA_STORE_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter ProjectorThroughput`.
@Suite("Projector throughput", .enabled(if: ProcessInfo.processInfo.environment["PERPETUA_STORE_BENCH"] != nil))
struct ProjectorThroughputTests {
    /// Trades between 100 accounts at one price, sides alternating in runs so that positions
    /// open and close: per trade two order finals, two fills, fee and PnL changes.
    static func workload(trades: Int) -> [ProjectedCommand] {
        var run = EngineRun()
        run.ok(.addSymbol(F.btc))
        run.ok(.setIndexPrice(symbol: "BTCUSDT", price: F.price("50000")))
        for account: UInt64 in 1...100 { run.ok(.deposit(account: account, amount: F.amount("100000000"))) }
        for i in 0..<trades {
            let maker = UInt64(i % 100 + 1)
            let taker = UInt64((i * 7 + 3) % 100 + 1) == maker ? maker % 100 + 1 : UInt64((i * 7 + 3) % 100 + 1)
            let side: Side = (i / 1_000) % 2 == 0 ? .sell : .buy
            run.time += 1
            run.ok(.placeOrder(OrderRequest(account: maker, symbol: "BTCUSDT", side: side, type: .limit, quantity: F.quantity("0.001"), price: F.price("50000"))))
            run.ok(.placeOrder(OrderRequest(account: taker, symbol: "BTCUSDT", side: side.opposite, type: .limit, quantity: F.quantity("0.001"), price: F.price("50000"))))
        }
        return run.commands
    }

    @Test("fills per second", arguments: Backend.available)
    func throughput(_ backend: Backend) async throws {
        let trades = Int(ProcessInfo.processInfo.environment["PERPETUA_STORE_BENCH_TRADES"] ?? "") ?? 200_000
        let batchCommands = Int(ProcessInfo.processInfo.environment["PERPETUA_STORE_BENCH_BATCH"] ?? "") ?? 4_000
        let commands = Self.workload(trades: trades)
        let eventCount = commands.reduce(0) { $0 + $1.events.count }
        try await backend.withStore { store, _ in
            let projector = try await store.makeProjector()
            let clock = ContinuousClock()
            let elapsed = try await clock.measure {
                var start = 0
                while start < commands.count {
                    let end = min(start + batchCommands, commands.count)
                    try await projector.apply(Array(commands[start..<end]))
                    start = end
                }
            }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let fills = await projector.fillsWritten
            #expect(fills == 2 * trades)
            print("""
                projector \(backend.rawValue): \(fills) fills (\(trades) trades, \(commands.count) commands, \(eventCount) events) \
                in \(String(format: "%.3f", seconds)) s, batches of \(batchCommands) commands: \
                \(Int(Double(fills) / seconds)) fills/s, \(Int(Double(trades) / seconds)) trades/s
                """)
        }
    }
}
