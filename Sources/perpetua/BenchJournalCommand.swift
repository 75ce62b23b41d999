import ArgumentParser
import Foundation
import PerpetuaCore
import PerpetuaEngine
import PerpetuaJournal
import PerpetuaStore
import PerpetuaWorkloads
import Synchronization

/// `perpetua bench journal`: what durability costs. The same exchange-core engine workload
/// runs in memory, then through the sequencer with the fsync'd journal (group commit),
/// then is recovered from that journal, and the committed commands are projected into a
/// fresh SQLite store; the last line is one JSON object with `inMemoryOpsPerSec`,
/// `durableOpsPerSec`, `durableRatio` (same run), `recoveryOpsPerSec`,
/// `projectorFillsPerSec` and `projectorCommandsPerSec` (the same projection: every command
/// is projected, and most in this mix do not trade).
struct BenchJournalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal",
        abstract: "Journal group commit, recovery and projection throughput.",
        discussion: "Example:\n  perpetua bench journal --commands 1000000"
    )

    @Option(help: ArgumentHelp("Measured commands, after the warm-up.", valueName: "n"))
    var commands = 1_000_000

    @Option(help: ArgumentHelp("Accounts the orders are spread over.", valueName: "n"))
    var accounts = 1_000

    @Option(help: ArgumentHelp("Commands handed to the sequencer per call.", valueName: "n"))
    var chunk = 512

    @Flag(help: "Turn fsync off (never the default: only to see what fsync costs).")
    var noFsync = false

    @Option(help: ArgumentHelp("Where to write the journal (default: a temporary directory, removed afterwards).", valueName: "dir"))
    var directory: String?

    func validate() throws {
        if commands < 1 { throw ValidationError("--commands must be at least 1, got \(commands).") }
        if chunk < 1 { throw ValidationError("--chunk must be at least 1, got \(chunk).") }
    }

    func run() async throws {
        var configuration = ExchangeCoreWorkload.Configuration()
        configuration.accounts = accounts
        let workload = EngineWorkload(ExchangeCoreWorkload(commandCount: commands, seed: 1, configuration: configuration))
        let prelude = (workload.setup + workload.warmUp).map(\.command)
        let measured = workload.commands.map(\.command)

        // 1. In memory: the engine alone.
        var engine = Engine(configuration: workload.configuration)
        var sequence: UInt64 = 0
        for command in prelude {
            sequence += 1
            _ = engine.apply(CommandEnvelope(sequence: sequence, timestamp: EngineWorkload.startTime, command: command))
        }
        let memoryStart = MonotonicClock.nanoseconds()
        for command in measured {
            sequence += 1
            _ = engine.apply(CommandEnvelope(sequence: sequence, timestamp: EngineWorkload.startTime, command: command))
        }
        let memoryNs = MonotonicClock.nanoseconds() - memoryStart
        let memoryHash = engine.stateHash()

        // 2. Durable: the sequencer with the journal, fsync on unless told otherwise.
        let data = directory ?? NSTemporaryDirectory() + "perpetua-bench-journal-" + UUID().uuidString
        defer { if directory == nil { try? FileManager.default.removeItem(atPath: data) } }
        let journalDirectory = data + "/journal"
        let writer = try JournalWriter(directory: journalDirectory, nextSequence: 1, configuration: JournalConfiguration(fsync: !noFsync))
        let sequencer = Sequencer(
            engine: Engine(configuration: workload.configuration), lastSequence: 0, journal: writer,
            clock: .manual(startingAt: EngineWorkload.startTime))
        _ = try await sequencer.submit(contentsOf: prelude)
        let chunks = stride(from: 0, to: measured.count, by: chunk).map { Array(measured[$0..<min(measured.count, $0 + chunk)]) }
        let durableStart = MonotonicClock.nanoseconds()
        let durableNs = try await submit(chunks, to: sequencer, window: 64) - durableStart
        let durableEngine = await sequencer.shutdown()

        // 3. Recovery from the journal alone.
        let recoveryStart = MonotonicClock.nanoseconds()
        let recovered = try JournalRecovery.recover(directory: journalDirectory, configuration: workload.configuration)
        let recoveryNs = MonotonicClock.nanoseconds() - recoveryStart
        let records = Double(recovered.lastSequence)

        guard durableEngine.stateHash() == memoryHash, recovered.engine.stateHash() == memoryHash else {
            StandardError.line("bench journal: the durable or recovered state differs from the in-memory run")
            throw ExitCode.failure
        }

        // 4. Projection of the same commands into a fresh SQLite store.
        let projection = try await project(prelude + measured, configuration: workload.configuration)
        guard projection.lastSequence == recovered.lastSequence, projection.stateHash == memoryHash else {
            StandardError.line("bench journal: the projected stream (to \(projection.lastSequence)) is not the one the journal holds")
            throw ExitCode.failure
        }

        let memoryRate = Double(measured.count) / (Double(memoryNs) / 1e9)
        let durableRate = Double(measured.count) / (Double(durableNs) / 1e9)
        let recoveryRate = records / (Double(recoveryNs) / 1e9)
        let projectorRate = Double(projection.fills) / (Double(projection.nanoseconds) / 1e9)
        let projectorCommandRate = Double(projection.lastSequence) / (Double(projection.nanoseconds) / 1e9)
        print("in memory \(Int(memoryRate))/s, durable \(Int(durableRate))/s (fsync \(noFsync ? "off" : "on")), "
            + "recovery \(Int(recoveryRate)) records/s over \(Int(records)) records; states equal; "
            + "projector \(Int(projectorRate)) fills/s over \(projection.fills) fills, \(Int(projectorCommandRate)) commands/s (SQLite)")
        let json: [String: any Sendable] = [
            "workload": "exchange-core", "commands": measured.count, "fsync": !noFsync,
            "inMemoryOpsPerSec": Int(memoryRate), "durableOpsPerSec": Int(durableRate),
            "durableRatio": (durableRate / memoryRate * 1000).rounded() / 1000,
            "recoveryOpsPerSec": Int(recoveryRate), "recoveredRecords": Int(records),
            "projectorFillsPerSec": Int(projectorRate), "projectedFills": projection.fills,
            "projectorCommandsPerSec": Int(projectorCommandRate),
        ]
        let body = json.keys.sorted().map { key -> String in
            let value = json[key]!
            if let text = value as? String { return "\"\(key)\":\"\(text)\"" }
            return "\"\(key)\":\(value)"
        }.joined(separator: ",")
        print("{" + body + "}")
    }

    /// Projects `commands` as the durable run committed them (sequence numbers from 1, all
    /// at the workload's start time, no timers: the manual clock never moved; the caller
    /// checks that the engine fed this stream ends in the journal's state) into a fresh SQLite store
    /// in a temporary directory. Only the time inside `Projector.apply` is counted, not the
    /// engine run that makes the events. Calls carry 524,288 commands, four times the
    /// transaction size (five transactions, as a call's first is a quarter of it): the
    /// server's feed hands the projector everything buffered at once, so a projector
    /// that cannot keep up gets calls this large and larger, and within a call it builds each
    /// transaction's rows while the previous one is written. The rate measured is that
    /// sustained one; small calls would mostly measure the first build and the last write of
    /// each call, which overlap with nothing.
    func project(_ commands: [EngineCommand], configuration: EngineConfiguration) async throws
        -> (lastSequence: UInt64, fills: Int, nanoseconds: UInt64, stateHash: UInt64)
    {
        let directory = NSTemporaryDirectory() + "perpetua-bench-store-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try await SQLStore.open(databaseURL: nil, dataDirectory: directory)
        do {
            let projector = try await store.makeProjector()
            var engine = Engine(configuration: configuration)
            var nanoseconds: UInt64 = 0
            let callSize = 4 * Projector.commandsPerTransaction
            for start in stride(from: 0, to: commands.count, by: callSize) {
                var batch: [ProjectedCommand] = []
                batch.reserveCapacity(callSize)
                for index in start..<min(commands.count, start + callSize) {
                    let envelope = CommandEnvelope(sequence: UInt64(index + 1), timestamp: EngineWorkload.startTime, command: commands[index])
                    batch.append(ProjectedCommand(envelope, events: engine.apply(envelope).events))
                }
                let begin = MonotonicClock.nanoseconds()
                try await projector.apply(batch)
                nanoseconds += MonotonicClock.nanoseconds() - begin
            }
            let result = (await projector.lastAppliedSequence, await projector.fillsWritten, nanoseconds, engine.stateHash())
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }

    /// Submits the chunks keeping up to `window` in flight (each completion submits the
    /// next), so group commit batches freely while the load stays what a steady client
    /// sends: submitting all million commands at once made the run mostly measure the
    /// kernel handing out fresh pages for a million pending results. Returns the monotonic
    /// time when the last one was durable.
    func submit(_ chunks: [[EngineCommand]], to sequencer: Sequencer, window: Int) async throws -> UInt64 {
        struct Progress {
            var next = 0
            var remaining: Int
            var failure: (any Error)?
        }
        let progress = Mutex(Progress(remaining: chunks.count))
        return try await withCheckedThrowingContinuation { continuation in
            @Sendable func submitNext() {
                let index: Int? = progress.withLock { state in
                    guard state.next < chunks.count else { return nil }
                    state.next += 1
                    return state.next - 1
                }
                guard let index else { return }
                sequencer.submit(contentsOf: chunks[index]) { result in
                    let left = progress.withLock { state -> Int in
                        if case .failure(let error) = result { state.failure = state.failure ?? error }
                        state.remaining -= 1
                        return state.remaining
                    }
                    if left == 0 {
                        if let error = progress.withLock({ $0.failure }) {
                            continuation.resume(throwing: error)
                        } else {
                            continuation.resume(returning: MonotonicClock.nanoseconds())
                        }
                    } else {
                        submitNext()
                    }
                }
            }
            for _ in 0..<min(window, chunks.count) { submitNext() }
        }
    }
}
