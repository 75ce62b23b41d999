import PerpetuaEngine
import SQLKit

/// Turns engine events into store rows (DESIGN.md "Read side from events").
///
/// Each ``apply(_:)`` writes one batch of commands in one transaction, together with the
/// sequence number of its last command in `projector_state`. Commands at or below the
/// stored number are skipped, so feeding the journal again from any earlier point after a
/// crash applies every command exactly once. Rows go in as multi-row INSERTs (a few
/// thousand values per statement, statement text cached per table), which is what lets a
/// single SQLite writer take well over 100,000 fills a second.
///
/// One projector per database: a second one is detected at commit (the stored sequence
/// moved) and its batch rolled back.
public actor Projector {
    private let store: SQLStore
    private var klines = KlineAggregator()
    private var sqlCache: [String: String] = [:]
    private var applying = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// The sequence number of the last command committed to the store: the projector's
    /// position, for the lag metric (sequencer position minus this).
    public private(set) var lastAppliedSequence: UInt64

    /// Rows written since this projector started, for throughput figures.
    public private(set) var fillsWritten = 0

    init(store: SQLStore) async throws {
        self.store = store
        self.lastAppliedSequence = try await store.projectedSequence()
    }

    /// Projects one command.
    public func apply(_ envelope: CommandEnvelope, events: [EngineEvent]) async throws {
        try await apply([ProjectedCommand(envelope, events: events)])
    }

    /// Projects a batch of commands in sequence order, in one transaction. Commands already
    /// applied are skipped; if the batch fails nothing of it is written and it may simply
    /// be retried.
    public func apply(_ commands: [ProjectedCommand]) async throws {
        // Batches must not interleave: the aggregator and the sequence check assume one
        // batch at a time, and an actor alone would interleave them at each await.
        await lock()
        defer { unlock() }

        var previous = lastAppliedSequence
        var pending: [ProjectedCommand] = []
        for command in commands where command.sequence > lastAppliedSequence {
            guard command.sequence > previous else {
                throw ProjectorError.sequenceNotIncreasing(previous: previous, next: command.sequence)
            }
            previous = command.sequence
            pending.append(command)
        }
        guard let last = pending.last else { return }

        try await loadKlineSeries(for: pending)
        var batch = ProjectionBatch()
        for command in pending {
            batch.add(sequence: command.sequence, events: command.events, klines: &klines)
        }
        let statements = batch.statements(flavor: store.database.flavor, klines: &klines, cache: &sqlCache)
        let expected = lastAppliedSequence
        let newSequence = last.sequence
        let time = last.time
        do {
            try await store.database.transaction { db in
                for statement in statements {
                    try await db.execute(sql: statement) { _ in }
                }
                // Compare-and-set: only the projector that read `expected` may move it on.
                let moved = try await db.update("projector_state")
                    .set("last_sequence", to: Int64(bitPattern: newSequence)).set("updated_at", to: time)
                    .where("id", .equal, 1).where("last_sequence", .equal, Int64(bitPattern: expected))
                    .returning("id").all()
                if moved.isEmpty {
                    let found = try await db.select().column("last_sequence").from("projector_state")
                        .where("id", .equal, 1).first(decodingColumn: "last_sequence", as: Int64.self) ?? 0
                    throw ProjectorError.concurrentProjector(expected: expected, found: UInt64(bitPattern: found))
                }
            }
        } catch {
            // The aggregator already holds this batch's bars; the store does not. Start again
            // from what is committed.
            klines.reset()
            throw error
        }
        lastAppliedSequence = newSequence
        fillsWritten += batch.fillCount
    }

    /// Reads the open bars of symbols the aggregator has not seen since start (or since a
    /// failed batch), before the batch touches them.
    private func loadKlineSeries(for commands: [ProjectedCommand]) async throws {
        var symbols: Set<String> = []
        for command in commands {
            for event in command.events {
                switch event {
                case .trade(let t) where klines.needsLoad(t.symbol): symbols.insert(t.symbol)
                case .markPrice(let m) where klines.needsLoad(m.symbol): symbols.insert(m.symbol)
                default: break
                }
            }
        }
        for symbol in symbols.sorted() {
            klines.load(symbol, bars: try await store.latestKlineBars(symbol: symbol))
        }
    }

    private func lock() async {
        while applying {
            await withCheckedContinuation { waiting.append($0) }
        }
        applying = true
    }

    private func unlock() {
        applying = false
        if !waiting.isEmpty { waiting.removeFirst().resume() }
    }
}
