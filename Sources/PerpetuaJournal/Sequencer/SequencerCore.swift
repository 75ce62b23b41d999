import Foundation
import Synchronization
import PerpetuaEngine

/// The sequencer's machinery: an engine thread that applies commands one at a time and a
/// journal thread that makes them durable, with a queue between them.
///
/// The engine thread owns the ``Engine`` outright (a local variable of its loop), so no
/// lock ever guards engine state. It takes requests from the inbox in arrival order,
/// stamps each command with the next sequence number and the clock's time, applies it, and
/// hands the entry to the journal queue. The journal thread takes everything queued (up to
/// ``SequencerConfiguration/maxBatchCommands``), appends it to the ``JournalSink``, commits
/// once (one `write`, one `fsync`), and only then answers the submitters and hands the
/// batch to subscribers, in sequence order. While it is flushing, the engine thread keeps
/// applying and queueing: those commands form the next batch. That is group commit.
///
/// `@unchecked Sendable` because its mutable state is split by hand: the inbox under
/// `inboxLock`, the journal queue and lifecycle under `journalLock`, subscribers under
/// `subscriberLock`, and the engine and the sink each confined to one thread.
final class SequencerCore: @unchecked Sendable {
    let configuration: SequencerConfiguration
    let clock: SequencerClock
    let onCommitted: (@Sendable ([CommittedCommand]) -> Void)?

    /// Confined to the journal thread once started.
    private let sink: any JournalSink
    /// Handed to the engine thread at start.
    private var startEngine: Engine?
    private let startSequence: UInt64

    // MARK: Inbox (inboxLock)
    private let inboxLock = NSCondition()
    private var inbox: [SequencerRequest] = []
    private var engineIdle = false
    private var accepting = true
    private var stopRequested = false
    private var refusal = SequencerError.stopped

    // MARK: Journal queue and lifecycle (journalLock)
    private let journalLock = NSCondition()
    private var queue = SequencerQueue()
    private var inFlight = 0
    private var journalIdle = false
    private var engineBlocked = false
    private var engineFinished = false
    private var failure: SequencerError?
    private var durableSequence: UInt64
    private var finished = false
    private var finalEngine: Engine?
    private var shutdownWaiters: [CheckedContinuation<Engine, Never>] = []

    // MARK: Subscribers (subscriberLock)
    private let subscriberLock = NSLock()
    private var subscribers: [Int: AsyncStream<CommittedCommand>.Continuation] = [:]
    private var nextSubscriberId = 0
    private var subscriptionsClosed = false

    /// Entries the engine thread collects before handing them over, so the journal thread
    /// can start on the head of a long burst while the engine applies the rest.
    private static let handOffSize = 256
    /// Events reserved per hand-off block: enough for 256 commands of a few events each.
    private static let blockCapacity = 1024

    /// A manual clock's current time for readers off the engine thread (``Int64/min`` on the
    /// wall clock): the gateway stamps token and key expiry with the same time the engine sees.
    let manualNow = Atomic<Int64>(.min)

    init(
        engine: consuming Engine, lastSequence: UInt64, sink: any JournalSink, configuration: SequencerConfiguration,
        clock: SequencerClock, onCommitted: (@Sendable ([CommittedCommand]) -> Void)?
    ) {
        let engineTime = engine.time
        self.startEngine = engine
        self.startSequence = lastSequence
        self.durableSequence = lastSequence
        self.sink = sink
        self.configuration = configuration
        self.clock = clock
        self.onCommitted = onCommitted
        if case .manual(let start) = clock { manualNow.store(max(start, engineTime), ordering: .relaxed) }
    }

    /// Starts the two threads.
    func start() {
        let engineThread = Thread { [self] in runEngineThread() }
        engineThread.name = "perpetua-engine"
        engineThread.stackSize = 16 << 20
        let journalThread = Thread { [self] in runJournalThread() }
        journalThread.name = "perpetua-journal"
        engineThread.start()
        journalThread.start()
    }

    // MARK: Callers

    /// Queues a request, or answers it at once with the reason when the sequencer no
    /// longer accepts requests.
    func enqueue(_ request: SequencerRequest) {
        inboxLock.lock()
        guard accepting else {
            let error = refusal
            inboxLock.unlock()
            request.refuse(error)
            return
        }
        inbox.append(request)
        if engineIdle { inboxLock.signal() }
        inboxLock.unlock()
    }

    /// Stops accepting requests; those already queued still run and become durable.
    func requestStop() {
        inboxLock.lock()
        accepting = false
        stopRequested = true
        inboxLock.signal()
        inboxLock.unlock()
    }

    /// Waits until both threads have finished and returns the engine's final state.
    func waitUntilFinished() async -> Engine {
        await withCheckedContinuation { continuation in
            journalLock.lock()
            if finished, let engine = finalEngine {
                journalLock.unlock()
                continuation.resume(returning: engine)
            } else {
                shutdownWaiters.append(continuation)
                journalLock.unlock()
            }
        }
    }

    /// The highest sequence number known durable.
    var lastDurableSequence: UInt64 {
        journalLock.lock()
        defer { journalLock.unlock() }
        return durableSequence
    }

    /// A stream of every command that becomes durable from now on, in sequence order.
    func subscribe() -> AsyncStream<CommittedCommand> {
        let (stream, continuation) = AsyncStream.makeStream(of: CommittedCommand.self, bufferingPolicy: .unbounded)
        subscriberLock.lock()
        if subscriptionsClosed {
            subscriberLock.unlock()
            continuation.finish()
            return stream
        }
        let id = nextSubscriberId
        nextSubscriberId += 1
        subscribers[id] = continuation
        subscriberLock.unlock()
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            self.subscriberLock.lock()
            self.subscribers[id] = nil
            self.subscriberLock.unlock()
        }
        return stream
    }

    // MARK: Engine thread

    private func runEngineThread() {
        var engine = startEngine!
        startEngine = nil
        var nextSequence = startSequence + 1
        var lastStamp = engine.time
        var manual: ManualClock?
        var wallSchedule: TimerSchedule?
        switch clock {
        case .wall:
            // After a restart, timers missed while down fire once at start (funding and the
            // daily rollover must not be skipped); a new exchange starts from now.
            let reference = engine.lastSequence > 0 ? engine.time : SequencerClock.wallMilliseconds()
            wallSchedule = TimerSchedule(after: reference)
        case .manual(let start):
            manual = ManualClock(startingAt: max(start, engine.time))
            lastStamp = max(lastStamp, manual!.now)
        }
        var requests: [SequencerRequest] = []
        var entries: [SequencerEntry] = []
        entries.reserveCapacity(Self.handOffSize)
        var block = SequencerEventBlock(capacity: Self.blockCapacity)

        /// The next sequence number and a timestamp that never goes back.
        func stamp(_ command: EngineCommand, at time: Int64) -> CommandEnvelope {
            lastStamp = max(lastStamp, time)
            defer { nextSequence += 1 }
            return CommandEnvelope(sequence: nextSequence, timestamp: lastStamp, command: command)
        }

        /// Applies a stamped command and queues its entry. The envelope is consumed into the
        /// entry, not copied: this runs for every command, and the copies of commands and
        /// waiters (retains, and enum witnesses to destroy them) were most of the engine
        /// thread's time outside the engine.
        func apply(_ envelope: consuming CommandEnvelope, _ waiter: SequencerWaiter) {
            let start = block.events.count
            let result = engine.apply(envelope, appendingEventsTo: &block.events)
            let end = block.events.count
            entries.append(SequencerEntry(
                envelope: envelope, result: result, waiter: waiter, events: start..<end, block: end > start ? block : nil))
            if entries.count >= Self.handOffSize { handOff() }
        }

        /// Hands the entries to the journal thread; their events block goes with them, and
        /// the next entries get a new one.
        func handOff() {
            if !block.events.isEmpty { block = SequencerEventBlock(capacity: Self.blockCapacity) }
            hand(&entries)
        }

        while true {
            inboxLock.lock()
            while inbox.isEmpty, !stopRequested {
                if let schedule = wallSchedule {
                    let deadline = schedule.earliest
                    if SequencerClock.wallMilliseconds() >= deadline { break }
                    engineIdle = true
                    _ = inboxLock.wait(until: Date(timeIntervalSince1970: Double(deadline) / 1000))
                    engineIdle = false
                } else {
                    engineIdle = true
                    inboxLock.wait()
                    engineIdle = false
                }
            }
            swap(&inbox, &requests)
            let stopping = stopRequested && requests.isEmpty
            inboxLock.unlock()
            if stopping { break }

            if wallSchedule != nil {
                let now = SequencerClock.wallMilliseconds()
                while let (_, command) = wallSchedule!.nextCoalesced(now: now) {
                    apply(stamp(command, at: now), .none)
                }
            }
            for request in requests {
                switch request {
                case .command(let command, let waiter):
                    apply(stamp(command, at: manual?.now ?? SequencerClock.wallMilliseconds()), waiter)
                case .commands(let commands, let collector):
                    // Submitted together, stamped together: one clock read and one waiter
                    // for the whole run.
                    let time = manual?.now ?? SequencerClock.wallMilliseconds()
                    let waiter = SequencerWaiter.collect(collector)
                    for index in commands.indices {
                        apply(stamp(commands[index], at: time), waiter)
                    }
                case .advanceClock(let target, let reply):
                    guard var clock = manual else {
                        reply(.failure(SequencerError.notManualClock))
                        continue
                    }
                    let time: Int64
                    switch target {
                    case .time(let t): time = t
                    case .delta(let d): time = clock.now.addingReportingOverflow(d).overflow ? (d < 0 ? .min : .max) : clock.now + d
                    }
                    var fired: [CommandEnvelope] = []
                    do {
                        try clock.advance(to: time) { due, command in
                            let envelope = stamp(command, at: due)
                            fired.append(envelope)
                            apply(envelope, .none)
                        }
                    } catch {
                        reply(.failure(error))
                        continue
                    }
                    manual = clock
                    lastStamp = max(lastStamp, clock.now)
                    manualNow.store(clock.now, ordering: .relaxed)
                    let envelopes = fired
                    entries.append(SequencerEntry(envelope: nil, result: nil, waiter: .barrier { error in
                        if let error { reply(.failure(error)) } else { reply(.success(envelopes)) }
                    }))
                case .read(let body, _):
                    entries.append(SequencerEntry(envelope: nil, result: nil, waiter: .barrier(body(engine))))
                }
            }
            requests.removeAll(keepingCapacity: true)
            handOff()
        }

        handOff()
        journalLock.lock()
        engineFinished = true
        finalEngine = engine
        journalLock.broadcast()
        journalLock.unlock()
    }

    /// Moves applied entries to the journal queue, pausing first while too many are in
    /// flight. After a journal failure the entries are answered with the failure instead.
    private func hand(_ entries: inout [SequencerEntry]) {
        guard !entries.isEmpty else { return }
        journalLock.lock()
        while inFlight >= configuration.maxInFlightCommands, failure == nil {
            engineBlocked = true
            journalLock.wait()
            engineBlocked = false
        }
        if let failure {
            journalLock.unlock()
            for entry in entries { entry.waiter.fail(failure) }
            entries.removeAll(keepingCapacity: true)
        } else {
            inFlight += entries.count
            queue.append(&entries, capacity: Self.handOffSize)
            if journalIdle { journalLock.broadcast() }
            journalLock.unlock()
        }
    }

    // MARK: Journal thread

    private func runJournalThread() {
        let maxBatch = configuration.maxBatchCommands
        let delay = configuration.maxBatchDelay
        let delaySeconds = Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18
        var batch: [[SequencerEntry]] = []
        var committed: [CommittedCommand] = []
        var commits: [CommittedCommand?] = []
        while true {
            journalLock.lock()
            while queue.isEmpty, !engineFinished {
                journalIdle = true
                journalLock.wait()
                journalIdle = false
            }
            if queue.isEmpty, engineFinished {
                journalLock.unlock()
                break
            }
            if delaySeconds > 0, queue.count < maxBatch, !engineFinished {
                let deadline = Date(timeIntervalSinceNow: delaySeconds)
                journalIdle = true
                // Loop on the clock, not on wait's answer: it can return early (an
                // interrupted wait reads as a timeout), which ended the delay at once under load.
                while queue.count < maxBatch, !engineFinished, Date() < deadline { _ = journalLock.wait(until: deadline) }
                journalIdle = false
            }
            queue.take(upTo: maxBatch, into: &batch)
            let failed = failure
            journalLock.unlock()
            commit(batch, failed: failed, commits: &commits, committed: &committed)

            // Destroy the entries here rather than on the engine thread, and give the
            // arrays back for its next hand-offs.
            var count = 0
            for index in batch.indices {
                count += batch[index].count
                batch[index].removeAll(keepingCapacity: true)
            }
            journalLock.lock()
            inFlight -= count
            if engineBlocked { journalLock.broadcast() }
            queue.recycle(&batch)
            journalLock.unlock()
        }
        finish()
    }

    /// Appends a batch to the journal and commits it once, then hands it on, records it as
    /// durable and answers its waiters; after a failure (now or earlier) fails them all
    /// instead.
    private func commit(
        _ batch: [[SequencerEntry]], failed: SequencerError?, commits: inout [CommittedCommand?],
        committed: inout [CommittedCommand]
    ) {
        // Entries are read where they lie, by index: an entry is a few hundred bytes, and
        // every copy of one retains, and later releases, all it holds. Iterating
        // `batch.joined()` copied each entry three times on this thread, which sets the
        // durable rate in `bench journal`.
        var error = failed
        if error == nil {
            do {
                var appended = false
                for part in batch.indices {
                    for index in batch[part].indices where batch[part][index].envelope != nil {
                        try sink.append(batch[part][index].envelope!)
                        appended = true
                    }
                }
                if appended { try sink.commit() }
            } catch let journalError {
                error = .journalFailed(reason: "\(journalError)")
                recordFailure(error!)
            }
        }
        if let error {
            for part in batch.indices {
                for index in batch[part].indices { batch[part][index].waiter.fail(error) }
            }
            return
        }
        var lastSequence: UInt64?
        commits.removeAll(keepingCapacity: true)
        for part in batch.indices {
            for index in batch[part].indices {
                commits.append(batch[part][index].committed)
                if let sequence = batch[part][index].envelope?.sequence { lastSequence = sequence }
            }
        }
        deliver(commits, into: &committed)
        // Known durable before any caller hears back: a caller's next read (the server's
        // `waitForProjection`) takes this number as its target and must include its own
        // command.
        if let lastSequence {
            journalLock.lock()
            durableSequence = lastSequence
            journalLock.unlock()
        }
        var position = commits.startIndex
        for part in batch.indices {
            for index in batch[part].indices {
                batch[part][index].waiter.succeed(commits[position])
                position += 1
            }
        }
    }

    /// Hands a durable batch to the callback and the subscribers, in order.
    private func deliver(_ commits: [CommittedCommand?], into committed: inout [CommittedCommand]) {
        subscriberLock.lock()
        let streams = subscribers.isEmpty ? [] : subscribers.sorted { $0.key < $1.key }.map(\.value)
        subscriberLock.unlock()
        guard onCommitted != nil || !streams.isEmpty else { return }
        committed.removeAll(keepingCapacity: true)
        for case let command? in commits { committed.append(command) }
        guard !committed.isEmpty else { return }
        onCommitted?(committed)
        for stream in streams {
            for command in committed { stream.yield(command) }
        }
    }

    /// Stops everything after a failed commit: the engine has applied commands that are not
    /// durable, so nothing more may be acknowledged.
    private func recordFailure(_ error: SequencerError) {
        journalLock.lock()
        if failure == nil { failure = error }
        journalLock.broadcast()
        journalLock.unlock()
        inboxLock.lock()
        accepting = false
        refusal = error
        inboxLock.unlock()
    }

    /// Marks the sequencer finished and wakes everyone waiting for that.
    private func finish() {
        subscriberLock.lock()
        subscriptionsClosed = true
        let streams = Array(subscribers.values)
        subscribers.removeAll()
        subscriberLock.unlock()
        for stream in streams { stream.finish() }

        journalLock.lock()
        finished = true
        let engine = finalEngine!
        let waiters = shutdownWaiters
        shutdownWaiters.removeAll()
        journalLock.unlock()
        for waiter in waiters { waiter.resume(returning: engine) }
    }
}
