import Foundation
import PerpetuaCore
import PerpetuaEngine
import PerpetuaJournal
import Testing

@Suite("Snapshot files")
struct SnapshotStoreTests {
    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "perpetua-snapshots-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// An engine with a symbol, two funded accounts and a resting order after `extra` more
    /// deposits, so that consecutive snapshots differ.
    static func engine(extra: Int) -> Engine {
        var engine = Engine()
        var sequence: UInt64 = 0
        func apply(_ command: EngineCommand) {
            sequence += 1
            _ = engine.apply(CommandEnvelope(sequence: sequence, timestamp: 1_763_683_200_000 + Int64(sequence), command: command))
        }
        let spec = SymbolSpec(
            symbol: "BTCUSDT", baseAsset: "BTC", tickSize: Price(units: 10_000_000), stepSize: Quantity(units: 100_000),
            minQty: Quantity(units: 100_000), maxQty: Quantity(units: 100_000_000_000), minNotional: Amount(units: 500_000_000),
            priceBandRate: Rate(units: 5_000_000),
            leverageBrackets: [LeverageBracket(bracket: 1, maxLeverage: 100, notionalFloor: .zero,
                                               notionalCap: Amount(units: 10_000_000 * fixedPointOne), maintMarginRate: Rate(units: 500_000))],
            feeTiers: [FeeTier(tier: 0, minVolume30d: .zero, makerRate: Rate(units: 20_000), takerRate: Rate(units: 50_000))])
        apply(.addSymbol(spec))
        apply(.deposit(account: 1, amount: Amount(units: 10_000 * fixedPointOne)))
        apply(.placeOrder(OrderRequest(account: 1, symbol: "BTCUSDT", side: .buy, type: .limit,
                                       quantity: Quantity(units: 1_000_000), price: Price(units: 50_000 * fixedPointOne))))
        for _ in 0..<extra { apply(.deposit(account: 2, amount: Amount(units: fixedPointOne))) }
        return engine
    }

    @Test("the newest snapshot is loaded and restores the same state hash")
    func newestWins() throws {
        let store = SnapshotStore(directory: Self.temporaryDirectory())
        try store.write(Self.engine(extra: 0))
        let newest = Self.engine(extra: 5)
        try store.write(newest)
        #expect(store.sequences() == [newest.lastSequence, Self.engine(extra: 0).lastSequence])
        let loaded = try #require(store.loadNewest(log: { Issue.record("unexpected log: \($0)") }))
        #expect(loaded.stateHash() == newest.stateHash())
    }

    @Test("a damaged newest snapshot is skipped with a log line; the older one is used")
    func damagedFallsBack() throws {
        let directory = Self.temporaryDirectory()
        let store = SnapshotStore(directory: directory)
        let older = Self.engine(extra: 1)
        try store.write(older)
        let newestPath = try store.write(Self.engine(extra: 4))
        // Flip one payload byte: the checksum no longer matches.
        var bytes = [UInt8](FileManager.default.contents(atPath: newestPath)!)
        bytes[bytes.count - 3] ^= 0xFF
        #expect(FileManager.default.createFile(atPath: newestPath, contents: Data(bytes)))
        var logs: [String] = []
        let loaded = try #require(store.loadNewest(log: { logs.append($0) }))
        #expect(loaded.stateHash() == older.stateHash())
        #expect(logs.count == 1)
        #expect(logs.first?.contains("checksum mismatch") == true)
        #expect(logs.first?.contains(newestPath) == true)
    }

    @Test("a truncated snapshot, a foreign file and an empty directory are handled without a crash")
    func truncatedAndEmpty() throws {
        let directory = Self.temporaryDirectory()
        let store = SnapshotStore(directory: directory)
        #expect(store.loadNewest(log: { _ in }) == nil)
        let path = try store.write(Self.engine(extra: 2))
        let bytes = [UInt8](FileManager.default.contents(atPath: path)!)
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes.prefix(bytes.count / 2))))
        #expect(FileManager.default.createFile(atPath: directory + "/" + SnapshotStore.fileName(sequence: 999_999), contents: Data("hello".utf8)))
        var logs: [String] = []
        #expect(store.loadNewest(log: { logs.append($0) }) == nil)
        #expect(logs.count == 2)
    }

    @Test("an interrupted write leaves only a temporary file, which is ignored and pruned")
    func temporaryIgnored() throws {
        let directory = Self.temporaryDirectory()
        let store = SnapshotStore(directory: directory)
        let complete = Self.engine(extra: 1)
        try store.write(complete)
        let temporary = directory + "/" + SnapshotStore.fileName(sequence: 500) + ".tmp"
        #expect(FileManager.default.createFile(atPath: temporary, contents: Data([1, 2, 3])))
        #expect(store.loadNewest(log: { _ in })?.stateHash() == complete.stateHash())
        store.prune(keeping: 1)
        #expect(!FileManager.default.fileExists(atPath: temporary))
    }

    @Test("pruning keeps the newest snapshots only")
    func pruning() throws {
        let store = SnapshotStore(directory: Self.temporaryDirectory())
        for extra in 0..<4 { try store.write(Self.engine(extra: extra)) }
        store.prune(keeping: 2)
        #expect(store.sequences() == [Self.engine(extra: 3).lastSequence, Self.engine(extra: 2).lastSequence])
    }
}
