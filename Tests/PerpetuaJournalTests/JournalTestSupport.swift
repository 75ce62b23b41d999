import Foundation
import PerpetuaCore
import PerpetuaEngine
@testable import PerpetuaJournal
import Testing

/// Values and a symbol for the journal tests (copied from the engine tests' fixtures:
/// tick 0.1, step 0.001, three brackets from 125x, two fee tiers).
enum JournalFixtures {
    static func amount(_ text: String) -> Amount { try! Amount(parsing: text) }
    static func price(_ text: String) -> Price { try! Price(parsing: text) }
    static func quantity(_ text: String) -> Quantity { try! Quantity(parsing: text) }
    static func rate(_ text: String) -> Rate { try! Rate(parsing: text) }

    /// 2025-11-21 00:00 UTC.
    static let startTime: Int64 = 1_763_683_200_000

    static var btc: SymbolSpec {
        SymbolSpec(
            symbol: "BTCUSDT", baseAsset: "BTC", tickSize: price("0.1"), stepSize: quantity("0.001"),
            minQty: quantity("0.001"), maxQty: quantity("1000"), minNotional: amount("5"), priceBandRate: rate("0.05"),
            leverageBrackets: [
                LeverageBracket(bracket: 1, maxLeverage: 125, notionalFloor: .zero, notionalCap: amount("50000"), maintMarginRate: rate("0.004")),
                LeverageBracket(bracket: 2, maxLeverage: 100, notionalFloor: amount("50000"), notionalCap: amount("250000"), maintMarginRate: rate("0.005")),
                LeverageBracket(bracket: 3, maxLeverage: 50, notionalFloor: amount("250000"), notionalCap: amount("1000000"), maintMarginRate: rate("0.01")),
            ],
            feeTiers: [
                FeeTier(tier: 0, minVolume30d: .zero, makerRate: rate("0.0002"), takerRate: rate("0.0005")),
                FeeTier(tier: 1, minVolume30d: amount("1000000"), makerRate: rate("-0.0001"), takerRate: rate("0.0004")),
            ])
    }

    /// A deposit envelope, the simplest valid record.
    static func deposit(_ sequence: UInt64, account: UInt64 = 1, amount units: Int64 = 100 * fixedPointOne) -> CommandEnvelope {
        CommandEnvelope(sequence: sequence, timestamp: startTime + Int64(sequence), command: .deposit(account: account, amount: Amount(units: units)))
    }
}

/// A directory under the system's temporary directory, removed by ``remove()``.
struct TemporaryDirectory {
    let path: String

    init(_ label: String = "journal") {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("perpetua-\(label)-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// The segment files, sorted.
    func segments() -> [String] { Self.segments(in: path) }

    /// The segment files of any directory, sorted.
    static func segments(in path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [])
            .filter { $0.hasSuffix(".seg") }.sorted().map { path + "/" + $0 }
    }
}

/// Collects log lines from any thread.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    var logger: JournalLogger {
        { [self] line in
            lock.lock()
            stored.append(line)
            lock.unlock()
        }
    }
}

/// Writes `envelopes` with a real writer, one commit per `batch` records.
func writeJournal(_ envelopes: [CommandEnvelope], to directory: String, batch: Int = 1, maxSegmentBytes: Int = 64 << 20) throws {
    let writer = try JournalWriter(
        directory: directory, nextSequence: envelopes.first?.sequence ?? 1,
        configuration: JournalConfiguration(maxSegmentBytes: maxSegmentBytes, fsync: false))
    for (index, envelope) in envelopes.enumerated() {
        try writer.append(envelope)
        if (index + 1) % batch == 0 { try writer.commit() }
    }
    try writer.commit()
    writer.close()
}

/// Reads every envelope of a journal.
func readJournal(_ directory: String, after sequence: UInt64 = 0, logger: @escaping JournalLogger = { _ in }) throws -> (envelopes: [CommandEnvelope], summary: JournalReadSummary) {
    var envelopes: [CommandEnvelope] = []
    let summary = try JournalReader(directory: directory, logger: logger).read(after: sequence) { envelopes.append($0) }
    return (envelopes, summary)
}

/// A journal sink that records each batch and can hold a commit open until released, to
/// watch what the sequencer does while a flush is in progress.
final class GatedJournalSink: JournalSink, @unchecked Sendable {
    private let condition = NSCondition()
    private var pending: [CommandEnvelope] = []
    private var batches: [[CommandEnvelope]] = []
    private var held = false
    private var waitingCommits = 0

    /// Makes the next commits block until ``release()``.
    func hold() {
        condition.lock()
        held = true
        condition.unlock()
    }

    func release() {
        condition.lock()
        held = false
        condition.broadcast()
        condition.unlock()
    }

    /// The committed batches so far.
    var committedBatches: [[CommandEnvelope]] {
        condition.lock()
        defer { condition.unlock() }
        return batches
    }

    /// Whether a commit is blocked in ``hold()``.
    var isBlocked: Bool {
        condition.lock()
        defer { condition.unlock() }
        return waitingCommits > 0
    }

    func append(_ envelope: CommandEnvelope) throws {
        condition.lock()
        pending.append(envelope)
        condition.unlock()
    }

    func commit() throws {
        condition.lock()
        waitingCommits += 1
        while held { condition.wait() }
        waitingCommits -= 1
        batches.append(pending)
        pending.removeAll()
        condition.unlock()
    }
}

/// Waits (polling) until `condition` holds, up to `seconds`.
/// Waits until `condition` holds. The timeout is generous on purpose: it only matters when
/// the condition never holds, and under a loaded test run the CPU-heavy property suites can
/// keep the cooperative pool from running the task under test for many seconds.
func eventually(_ seconds: Double = 180, _ condition: () -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return condition()
}

/// SplitMix64: a small, seedable generator, so a failing random run can be repeated.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A value shared between a test and the tasks or threads it starts.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    var value: Value {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    func mutate<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&stored)
    }
}

/// A journal sink whose commits fail, as a full disk would.
final class FailingJournalSink: JournalSink, @unchecked Sendable {
    struct DiskFull: Error {}

    func append(_ envelope: CommandEnvelope) throws {}
    func commit() throws { throw DiskFull() }
}
