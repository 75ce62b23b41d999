import Logging
import PerpetuaCore
import PerpetuaEngine
import PerpetuaJournal
import PerpetuaStore
import Synchronization

/// The exchange behind the routes: the durable engine, the store, the projector that keeps
/// the store's read side in step with the journal, and the in-memory market data (recent
/// trades, 24-hour statistics). Routes call ``submit(_:)`` for every change and ``read(_:)``
/// for live state; history comes from ``store``.
public final class Exchange: Sendable {
    /// The way into the engine.
    public let durable: DurableEngine
    /// Identity rows and history.
    public let store: SQLStore
    /// Recent public trades and rolling 24-hour statistics, fed by committed commands.
    public let market: MarketData
    /// The WebSocket fan-out, fed the same committed commands right after ``market``.
    public let streams: StreamHub
    /// Committed commands in sequence order, for the projector.
    let committed: CommitQueue
    /// The same commands for market data and the stream hub: their own consumer, so that
    /// the fan-out never waits for the projector's SQLite transactions.
    let fanOut: CommitQueue
    let fanOutPump = Mutex<Task<Void, Never>?>(nil)
    /// The last sequence market data and the streams have applied.
    let publishedSequence = Atomic<UInt64>(0)
    let pump = Mutex<Task<Void, Never>?>(nil)
    let projectedSequence = Atomic<UInt64>(0)
    /// Commands submitted through ``submit(_:)`` and not yet answered (the queue depth metric).
    let pendingCommands = Atomic<Int>(0)
    /// How long the projector waits to gather a small run into a larger transaction.
    let projectorSettings: ProjectorSettings
    let logger: Logger

    /// The sequencer (for clock control and its sequence numbers).
    public var sequencer: Sequencer { durable.sequencer }

    /// The clock the engine sees: tokens, keys and listen keys expire on it.
    public var now: Int64 { durable.sequencer.now }

    /// The last sequence number the projector committed to the store.
    public var lastProjectedSequence: UInt64 { projectedSequence.load(ordering: .relaxed) }

    /// Commands submitted and waiting for the engine and the journal (queue depth).
    public var commandsInFlight: Int { pendingCommands.load(ordering: .relaxed) }

    /// Opens the store and the durable engine in the configured data directory, replays what
    /// the projector has not stored yet, and starts projecting new commands.
    public static func open(configuration: ServerConfiguration, logger: Logger) async throws -> Exchange {
        let store = try await SQLStore.open(databaseURL: configuration.databaseURL, dataDirectory: configuration.dataDirectory)
        do {
            let projected = try await store.projectedSequence()
            let queue = CommitQueue()
            let fanOut = CommitQueue()
            let replayed = ReplayCollector()
            let journalLogger = logger
            let durable = try DurableEngine.open(
                dataDirectory: configuration.dataDirectory, settings: configuration.durability,
                engineConfiguration: configuration.engine, journal: configuration.journal,
                sequencer: configuration.sequencer, clock: configuration.clock, consumerSequence: projected,
                logger: { journalLogger.info("\($0)") },
                replayed: { envelope, result in replayed.append(CommittedCommand(envelope: envelope, result: result)) },
                onCommitted: { batch in
                    queue.append(batch)
                    fanOut.append(batch)
                })
            let specs = try await durable.sequencer.read { $0.symbolSpecs }
            let market = MarketData()
            for spec in specs { market.update(spec) }
            try await market.seed(from: store, symbols: specs.map(\.symbol), now: durable.sequencer.now)
            let sequencer = durable.sequencer
            let streams = StreamHub(
                settings: configuration.streams, market: market, store: store, logger: logger, clock: { sequencer.now })
            streams.seed(try await sequencer.read { StreamSeed.read($0) })
            let exchange = Exchange(
                durable: durable, store: store, market: market, streams: streams, committed: queue, fanOut: fanOut,
                projectorSettings: configuration.projector, logger: logger)
            exchange.projectedSequence.store(projected, ordering: .relaxed)
            // Replayed commands are in the market data's and the streams' seeds.
            exchange.publishedSequence.store(durable.sequencer.lastDurableSequence, ordering: .relaxed)
            try await exchange.startProjecting(replayed: replayed.take())
            return exchange
        } catch {
            await store.close()
            throw error
        }
    }

    init(
        durable: DurableEngine, store: SQLStore, market: MarketData, streams: StreamHub, committed: CommitQueue,
        fanOut: CommitQueue, projectorSettings: ProjectorSettings, logger: Logger
    ) {
        self.projectorSettings = projectorSettings
        self.durable = durable
        self.store = store
        self.market = market
        self.streams = streams
        self.committed = committed
        self.fanOut = fanOut
        self.logger = logger
    }

    /// Applies `command` and returns its outcome once it is durable. A stopped sequencer
    /// answers 90001: the caller cannot know whether an earlier request took effect.
    public func submit(_ command: EngineCommand) async throws -> CommittedCommand {
        pendingCommands.add(1, ordering: .relaxed)
        defer { pendingCommands.subtract(1, ordering: .relaxed) }
        do {
            return try await durable.sequencer.submit(command)
        } catch let error as SequencerError {
            throw Self.unavailable(error)
        }
    }

    /// Applies `commands` back to back and returns their outcomes once all are durable.
    public func submit(contentsOf commands: [EngineCommand]) async throws -> [CommittedCommand] {
        pendingCommands.add(commands.count, ordering: .relaxed)
        defer { pendingCommands.subtract(commands.count, ordering: .relaxed) }
        do {
            return try await durable.sequencer.submit(contentsOf: commands)
        } catch let error as SequencerError {
            throw Self.unavailable(error)
        }
    }

    /// Reads live state after every command before it is durable.
    public func read<T: Sendable>(_ body: @escaping @Sendable (Engine) -> T) async throws -> T {
        do {
            return try await durable.sequencer.read(body)
        } catch let error as SequencerError {
            throw Self.unavailable(error)
        }
    }

    static func unavailable(_ error: SequencerError) -> PerpetuaError {
        switch error {
        case .stopped: PerpetuaError(.serviceUnavailable, message: "the exchange is shutting down; retry shortly")
        default: PerpetuaError(.serviceUnavailable, message: "the exchange cannot accept commands: \(error)")
        }
    }

    /// Projects the replayed commands, then whatever has been committed since the last
    /// transaction, as one run.
    func startProjecting(replayed: [CommittedCommand]) async throws {
        let projector = try await store.makeProjector()
        if !replayed.isEmpty {
            try await projector.apply(replayed.map { ProjectedCommand($0.envelope, events: $0.result.events) })
            projectedSequence.store(await projector.lastAppliedSequence, ordering: .relaxed)
            durable.consumerReached(await projector.lastAppliedSequence)
            logger.info("projected \(replayed.count) replayed commands")
        }
        let queue = committed
        let durable = durable
        let progress = self
        let logger = logger
        let linger = Duration.milliseconds(projectorSettings.lingerMilliseconds)
        let lingerBelow = projectorSettings.lingerBelowCommands
        startFanOut()
        let task = Task {
            while var batch = await queue.next() {
                // A small run waits a little for company (ProjectorSettings).
                if linger > .zero, batch.count < lingerBelow, let first = batch.first {
                    await queue.linger(holding: first.sequence, until: lingerBelow - batch.count, atMost: linger)
                    batch += queue.takeQueued()
                }
                let commands = batch.map { ProjectedCommand($0.envelope, events: $0.result.events) }
                // A failed transaction writes nothing; retry it until the store comes back, so
                // that the read side never skips a command.
                var attempt = 0
                while true {
                    do {
                        try await projector.apply(commands)
                        break
                    } catch {
                        attempt += 1
                        logger.error("projector: \(error); retry \(attempt)")
                        try? await Task.sleep(for: .milliseconds(min(5000, 50 * attempt)))
                    }
                }
                let last = await projector.lastAppliedSequence
                progress.projectedSequence.store(last, ordering: .relaxed)
                durable.consumerReached(last)
                if (try? await durable.snapshotIfDue()) == nil {}
            }
        }
        pump.withLock { $0 = task }
    }

    /// Market data and the stream hub take whatever has been committed since their last
    /// run, on their own task: a WebSocket message never waits for a projector transaction.
    /// Market data is applied first, so a channel message never runs ahead of it.
    func startFanOut() {
        let queue = fanOut
        let market = market
        let streams = streams
        let progress = self
        let task = Task {
            while let batch = await queue.next() {
                market.apply(batch)
                await streams.prepare(
                    projected: { progress.lastProjectedSequence }, urge: { progress.committed.urge(through: $0) })
                streams.publish(batch)
                if let last = batch.last { progress.publishedSequence.store(last.sequence, ordering: .releasing) }
            }
        }
        fanOutPump.withLock { $0 = task }
        streams.startTimers()
    }

    /// Waits until the projector has stored every command durable now: history routes call
    /// it before reading the store, so a client reads its own writes (the sequencer counts a
    /// command durable before it answers). The projector does not linger over the commands
    /// waited for (``ProjectorSettings``).
    /// Market data (recent trades, 24-hour statistics) has caught up by then too.
    public func waitForProjection() async {
        let target = durable.sequencer.lastDurableSequence
        while lastProjectedSequence < target || publishedSequence.load(ordering: .acquiring) < target {
            if lastProjectedSequence < target { committed.urge(through: target) }
            try? await Task.sleep(for: .milliseconds(2))
        }
    }

    /// Stops the engine (everything submitted becomes durable), lets the projector store
    /// the rest, writes a final snapshot, and closes the store.
    public func shutdown() async {
        do {
            // The lock stays until the store is closed too: the projector still writes.
            _ = try await durable.shutdown(finalSnapshot: true, releasingLock: false)
        } catch {
            logger.error("final snapshot failed: \(error)")
        }
        streams.stop()
        // The sequencer has published its last batch: let the projector and the fan-out
        // drain their queues.
        committed.finish()
        fanOut.finish()
        if let task = fanOutPump.withLock({ $0 }) { await task.value }
        if let task = pump.withLock({ $0 }) { await task.value }
        await store.close()
        durable.releaseLock()
    }
}

/// Collects the commands recovery replays (on the opening thread) for the projector.
final class ReplayCollector: Sendable {
    private let items = Mutex<[CommittedCommand]>([])

    func append(_ command: CommittedCommand) { items.withLock { $0.append(command) } }
    func take() -> [CommittedCommand] { items.withLock { $0 } }
}
