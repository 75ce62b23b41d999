import Foundation
import PerpetuaCore
import PerpetuaEngine
import PerpetuaJournal
import Synchronization
import Testing

@Suite("Durable engine: snapshots, journal and sequencer together")
struct DurableEngineTests {
    static func directory() -> String {
        NSTemporaryDirectory() + "perpetua-durable-" + UUID().uuidString
    }

    static let spec = SymbolSpec(
        symbol: "BTCUSDT", baseAsset: "BTC", tickSize: Price(units: 10_000_000), stepSize: Quantity(units: 100_000),
        minQty: Quantity(units: 100_000), maxQty: Quantity(units: 100_000_000_000), minNotional: Amount(units: 500_000_000),
        priceBandRate: Rate(units: 5_000_000),
        leverageBrackets: [LeverageBracket(bracket: 1, maxLeverage: 100, notionalFloor: .zero,
                                           notionalCap: Amount(units: 10_000_000 * fixedPointOne), maintMarginRate: Rate(units: 500_000))],
        feeTiers: [FeeTier(tier: 0, minVolume30d: .zero, makerRate: Rate(units: 20_000), takerRate: Rate(units: 50_000))])

    /// Orders that rest and trade between four funded accounts.
    static func commands(_ range: Range<Int>) -> [EngineCommand] {
        range.map { i in
            let account = UInt64(i % 4 + 1)
            let side: Side = i % 2 == 0 ? .buy : .sell
            let price = Price(units: (50_000 + Int64(i % 7) - 3) * fixedPointOne)
            return .placeOrder(OrderRequest(account: account, symbol: "BTCUSDT", side: side, type: .limit,
                                            quantity: Quantity(units: Int64(i % 5 + 1) * 100_000), price: price))
        }
    }

    static let setup: [EngineCommand] = [.addSymbol(spec), .setIndexPrice(symbol: "BTCUSDT", price: Price(units: 50_000 * fixedPointOne))]
        + (1...4).map { .deposit(account: UInt64($0), amount: Amount(units: 1_000_000 * fixedPointOne)) }

    @Test("a restart loads the newest snapshot, replays the journal after it and matches the live state")
    func restartFromSnapshot() async throws {
        let data = Self.directory()
        let settings = DurabilitySettings(snapshotEveryCommands: 500, snapshotsToKeep: 2, pruneJournal: true)
        let first = try DurableEngine.open(dataDirectory: data, settings: settings, clock: .manual(startingAt: 1_763_683_200_000))
        _ = try await first.sequencer.submit(contentsOf: Self.setup + Self.commands(0..<1_200))
        let snapshotAt = try #require(try await first.snapshotIfDue())
        #expect(try await first.snapshotIfDue() == nil)  // not due again yet
        _ = try await first.sequencer.submit(contentsOf: Self.commands(1_200..<1_500))
        let live = try await first.shutdown(finalSnapshot: false)
        #expect(live.lastSequence > snapshotAt)

        let logs = Mutex<[String]>([])
        let second = try DurableEngine.open(dataDirectory: data, settings: settings, clock: .manual(startingAt: 1_763_683_200_000),
                                            logger: { line in logs.withLock { $0.append(line) } })
        let recovered = try await second.sequencer.read { $0 }
        #expect(recovered.stateHash() == live.stateHash())
        #expect(logs.withLock { $0.contains { $0.contains("loaded snapshot") && $0.contains(String(snapshotAt)) } })
        _ = try await second.shutdown()
    }

    @Test("one process per data directory: a second open is refused, naming the holder, until the first shuts down")
    func dataDirectoryLock() async throws {
        let data = Self.directory()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let first = try DurableEngine.open(dataDirectory: data, clock: .manual(startingAt: 1_763_683_200_000))
        _ = try await first.sequencer.submit(contentsOf: Self.setup)
        #expect(throws: DataDirectoryLockError.inUse(dataDirectory: data, holder: String(getpid()))) {
            _ = try DurableEngine.open(dataDirectory: data, clock: .manual(startingAt: 1_763_683_200_000))
        }
        let refusal = DataDirectoryLockError.inUse(dataDirectory: data, holder: "42").description
        #expect(refusal.contains("in use by another perpetua process (pid 42)") && refusal.contains("another --data"))
        // The refused open changed nothing: the first keeps going, and after its shutdown the
        // directory opens again, with everything the first acknowledged.
        let ack = try await first.sequencer.submit(contentsOf: Self.commands(0..<100))
        let live = try await first.shutdown(finalSnapshot: false)
        #expect(ack.last?.envelope.sequence == live.lastSequence)
        let second = try DurableEngine.open(dataDirectory: data, clock: .manual(startingAt: 1_763_683_200_000))
        #expect(try await second.sequencer.read { $0.stateHash() } == live.stateHash())
        // Kept past the shutdown when asked, until released.
        _ = try await second.shutdown(releasingLock: false)
        #expect(throws: DataDirectoryLockError.self) { _ = try DataDirectoryLock(dataDirectory: data) }
        second.releaseLock()
        let third = try DataDirectoryLock(dataDirectory: data)
        third.release()
    }

    @Test("a manual clock set between two timers restarts where it was, not at the last timer's second")
    func manualClockSurvivesRestart() async throws {
        let data = Self.directory()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let start: Int64 = 1_763_683_200_000
        let first = try DurableEngine.open(dataDirectory: data, clock: .manual(startingAt: start))
        _ = try await first.sequencer.submit(contentsOf: Self.setup)
        try await first.advanceClock(to: start + 5_777)
        #expect(first.sequencer.now == start + 5_777)
        _ = try await first.shutdown(finalSnapshot: false)
        let second = try DurableEngine.open(dataDirectory: data, clock: .manual(startingAt: start))
        // The journal's last command is the 5 s timer; the clock was at 5.777 s.
        #expect(second.sequencer.now == start + 5_777)
        await #expect(throws: SequencerError.self) { try await second.advanceClock(to: start + 5_500) }
        _ = try await second.shutdown()
        // A later configured start still wins over the saved reading.
        let third = try DurableEngine.open(dataDirectory: data, clock: .manual(startingAt: start + 60_000))
        #expect(third.sequencer.now == start + 60_000)
        _ = try await third.shutdown()
    }

    @Test("a consumer behind the snapshot gets exactly the commands it has not stored, in order")
    func consumerCatchUp() async throws {
        let data = Self.directory()
        let settings = DurabilitySettings(snapshotEveryCommands: 200, snapshotsToKeep: 2, pruneJournal: true)
        let first = try DurableEngine.open(dataDirectory: data, settings: settings, clock: .manual(startingAt: 1_763_683_200_000),
                                           consumerSequence: 0)
        let consumer: UInt64 = 150
        first.consumerReached(consumer)
        for chunk in stride(from: 0, to: 1_000, by: 100) {
            _ = try await first.sequencer.submit(contentsOf: Self.commands(chunk..<chunk + 100))
            try await first.snapshotIfDue()
        }
        let live = try await first.shutdown(finalSnapshot: false)
        let replayed = Mutex<[UInt64]>([])
        let second = try DurableEngine.open(dataDirectory: data, settings: settings, clock: .manual(startingAt: 1_763_683_200_000),
                                            consumerSequence: consumer,
                                            replayed: { envelope, _ in replayed.withLock { $0.append(envelope.sequence) } })
        #expect(replayed.withLock { $0 } == Array((consumer + 1)...live.lastSequence))
        #expect(try await second.sequencer.read { $0.stateHash() } == live.stateHash())
        _ = try await second.shutdown()
    }

    @Test("with pruning off the journal alone rebuilds the live state")
    func journalAlone() async throws {
        let data = Self.directory()
        let settings = DurabilitySettings(snapshotEveryCommands: 100, snapshotsToKeep: 1, pruneJournal: false)
        let engine = try DurableEngine.open(dataDirectory: data, settings: settings, clock: .manual(startingAt: 1_763_683_200_000))
        for chunk in stride(from: 0, to: 600, by: 100) {
            _ = try await engine.sequencer.submit(contentsOf: Self.setup.filter { _ in chunk == 0 } + Self.commands(chunk..<chunk + 100))
            try await engine.snapshotIfDue()
        }
        let live = try await engine.shutdown()
        let rebuilt = try JournalRecovery.recover(directory: data + "/journal")
        #expect(rebuilt.engine.stateHash() == live.stateHash())
    }
}
