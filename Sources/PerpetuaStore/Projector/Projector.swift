import PerpetuaEngine
import SQLKit

/// Turns engine events into store rows (DESIGN.md "Read side from events").
///
/// Each transaction writes a run of commands together with the sequence number of its
/// last command in `projector_state`. Commands at or below the stored number are skipped,
/// so feeding the journal again from any earlier point after a crash applies every
/// command exactly once. Rows go in as multi-row INSERTs of about 4,000 values: on
/// PostgreSQL through the store's pool, on SQLite through the projector's own connection
/// (``SQLiteBulkWriter``, which keeps the prepared statements), whose thread is then the
/// limit (README "Storage" has the measured rate).
///
/// One ``apply(_:)`` is one transaction, unless it carries more than
/// ``commandsPerTransaction`` commands (a catch-up after a restart, or a projector that
/// fell behind and is handed everything buffered at once): then it commits in consecutive
/// transactions of that size (the first a quarter of it, ``firstTransactionSize(_:)``),
/// each atomic with its own sequence number, and builds the rows of the next while the
/// database writes the previous one. On SQLite only the last of them waits for the disk;
/// that wait covers the ones before it.
///
/// One projector per database: a second one is detected at commit (the stored sequence
/// moved) and its transaction rolled back.
public actor Projector {
    /// The most commands one transaction carries. Each commit writes every page the
    /// transaction dirtied to the WAL, and the account-keyed history indexes put each
    /// active account's rows on its own leaf page, so a commit costs about one page per
    /// account touched however few rows it carries. Larger transactions write those pages
    /// less often, and the larger the store the more that counts. On the exchange-core mix
    /// (1,000 accounts, `perpetua bench journal`, calls of 524,288 commands, alternating
    /// runs): with 1,000,000 commands 78,000 to 93,000 fills/s at 131,072 against 67,000 to
    /// 77,000 at 65,536 and 66,000 to 77,000 at 262,144 (three runs each), and with 300,000
    /// commands 99,800 to 132,500 against 70,000 to 116,700 at 65,536 (four each). At
    /// 262,144 building and holding the rows costs more than the commits save. Other
    /// writers (sessions, keys) wait for the transaction in progress: at 65,536 commands one
    /// took 50 to 90 ms to write in those runs; at 131,072 expect about twice that (not
    /// measured on its own).
    public static let commandsPerTransaction = 131_072

    /// The first transaction of a call that holds more than one is a quarter of the size.
    /// Every later transaction's rows are built while the one before it is written, but the
    /// first one's are built while the writer has nothing to do, so a smaller first one
    /// starts the writer sooner; the one commit more costs less than that wait. On the
    /// exchange-core mix (`perpetua bench journal`, 1,000,000 commands, calls of 524,288,
    /// eleven alternating runs each): 89,000 to 132,000 fills/s, median 109,000, against
    /// 92,000 to 115,000, median 100,500, with every transaction full size.
    static func firstTransactionSize(_ transactionSize: Int) -> Int { max(1, transactionSize / 4) }

    private let store: SQLStore
    /// ``commandsPerTransaction`` unless a test asks for smaller transactions.
    private let transactionSize: Int
    private var klines = KlineAggregator()
    private var sqlCache: [String: String] = [:]
    private var applying = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// The sequence number of the last command committed to the store: the projector's
    /// position, for the lag metric (sequencer position minus this).
    public private(set) var lastAppliedSequence: UInt64

    /// Fill rows written since this projector started, for throughput figures.
    public private(set) var fillsWritten = 0

    /// The last sequence number whose commit is known to be on disk. When a call returns
    /// normally it equals ``lastAppliedSequence``; within a call, or after one that failed,
    /// it may trail it.
    private var durableSequence: UInt64
    /// `updated_at` of the last commit, for a commit that only makes earlier ones durable.
    private var lastAppliedTime: Int64 = 0

    init(store: SQLStore, commandsPerTransaction: Int = Projector.commandsPerTransaction) async throws {
        precondition(commandsPerTransaction > 0)
        self.store = store
        self.transactionSize = commandsPerTransaction
        self.lastAppliedSequence = try await store.projectedSequence()
        self.durableSequence = lastAppliedSequence
    }

    /// Projects one command.
    public func apply(_ envelope: CommandEnvelope, events: [EngineEvent]) async throws {
        try await apply([ProjectedCommand(envelope, events: events)])
    }

    /// Projects commands in sequence order. Commands already applied are skipped; when a
    /// transaction fails, nothing of it is written, ``lastAppliedSequence`` tells how far
    /// the projector got, and the same commands may simply be applied again. When the call
    /// returns, everything up to ``lastAppliedSequence`` is on disk, as far as the store's
    /// `synchronous` setting puts it there, so the journal may drop the commands before it.
    public func apply(_ commands: [ProjectedCommand]) async throws {
        // Calls must not interleave: the aggregator and the sequence check assume one at a
        // time, and an actor alone would interleave them at each await.
        await lock()
        defer { unlock() }

        // Commands already applied come first, if any (a replay after a restart); the rest
        // are taken as a slice of the caller's array, not copied. A command at or below the
        // applied sequence after a newer one is out of order like any other.
        let skip = commands.firstIndex { $0.sequence > lastAppliedSequence } ?? commands.endIndex
        let pending = commands[skip...]
        var previous = lastAppliedSequence
        for command in pending {
            guard command.sequence > previous else {
                throw ProjectorError.sequenceNotIncreasing(previous: previous, next: command.sequence)
            }
            previous = command.sequence
        }
        let database = store.database
        guard !pending.isEmpty else {
            // A failed call may have left commits that did not wait for the disk: wait now,
            // so that what this call returns with is durable.
            if durableSequence < lastAppliedSequence {
                try await Self.write(
                    [], from: lastAppliedSequence, to: lastAppliedSequence, time: lastAppliedTime, final: true, in: database)
                durableSequence = lastAppliedSequence
            }
            return
        }

        var inFlight: (task: Task<Void, any Error>, sequence: UInt64, time: Int64, final: Bool, fills: Int)?
        var expected = lastAppliedSequence
        do {
            var start = pending.startIndex
            while start < pending.endIndex {
                let size = start == pending.startIndex && pending.count > transactionSize
                    ? Self.firstTransactionSize(transactionSize) : transactionSize
                let end = min(start + size, pending.endIndex)
                defer { start = end }
                let chunk = pending[start..<end]
                let final = end == pending.endIndex
                // Build these rows while the previous transaction is being written.
                var batch = ProjectionBatch(reservingFor: chunk)
                try await loadKlineSeries(batch.klineSymbols)
                for command in chunk {
                    batch.add(sequence: command.sequence, events: command.events, klines: &klines)
                }
                let statements = batch.statements(flavor: database.flavor, klines: &klines, cache: &sqlCache)
                let last = chunk.last!
                if let previous = inFlight {
                    try await previous.task.value
                    committed(previous.sequence, time: previous.time, final: previous.final, fills: previous.fills)
                }
                let from = expected
                inFlight = (
                    // High priority: the writer is the bottleneck, and each of its statements
                    // resumes on the shared executor, where it should not queue behind the
                    // next batch's row building.
                    Task.detached(priority: .high) {
                        try await Self.write(statements, from: from, to: last.sequence, time: last.time, final: final, in: database)
                    },
                    last.sequence, last.time, final, batch.fillCount
                )
                expected = last.sequence
            }
            if let last = inFlight {
                try await last.task.value
                committed(last.sequence, time: last.time, final: last.final, fills: last.fills)
            }
        } catch {
            // A transaction still being written may yet commit; count it if it does.
            if let flight = inFlight, (try? await flight.task.value) != nil, flight.sequence > lastAppliedSequence {
                committed(flight.sequence, time: flight.time, final: flight.final, fills: flight.fills)
            }
            // The aggregator holds bars the store may not: start again from what is
            // committed.
            klines.reset()
            throw error
        }
    }

    private func committed(_ sequence: UInt64, time: Int64, final: Bool, fills: Int) {
        lastAppliedSequence = sequence
        lastAppliedTime = time
        // On PostgreSQL every commit is as durable as the server is set to make it.
        if final || store.database.flavor == .postgres { durableSequence = sequence }
        fillsWritten += fills
    }

    /// One transaction: the statements, then the compare-and-set of the sequence number
    /// that only the projector which read `from` can win. On SQLite only a `final` one waits
    /// for the disk (``SQLiteBulkWriter/transaction(_:from:to:time:final:)``).
    private static func write(
        _ statements: [BulkStatement], from expected: UInt64, to sequence: UInt64, time: Int64, final: Bool,
        in database: StoreDatabase
    ) async throws {
        if database.projectorWriter != nil {
            try await database.projectorTransaction(statements, from: expected, to: sequence, time: time, final: final)
            return
        }
        try await database.writeTransaction { connection in
            guard let bulk = connection.bulk else { preconditionFailure("a pooled connection without a bulk path") }
            for statement in statements {
                try await bulk(statement)
            }
            let db = connection.sql
            let moved = try await db.update("projector_state")
                .set("last_sequence", to: Int64(bitPattern: sequence)).set("updated_at", to: time)
                .where("id", .equal, 1).where("last_sequence", .equal, Int64(bitPattern: expected))
                .returning("id").all()
            if moved.isEmpty {
                let found = try await db.select().column("last_sequence").from("projector_state")
                    .where("id", .equal, 1).first(decodingColumn: "last_sequence", as: Int64.self) ?? 0
                throw ProjectorError.concurrentProjector(expected: expected, found: UInt64(bitPattern: found))
            }
        }
    }

    /// Reads the open bars of symbols the aggregator has not seen since start (or since a
    /// failed transaction), before the commands touch them. A symbol first seen here is
    /// not in any transaction still being written, so the committed bars are current.
    private func loadKlineSeries(_ symbols: Set<String>) async throws {
        for symbol in symbols.sorted() where klines.needsLoad(symbol) {
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

