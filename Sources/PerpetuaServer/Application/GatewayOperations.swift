import PerpetuaJournal
import Synchronization

/// What running the server needs beside the API: the metrics, whether a graceful shutdown
/// is draining it, and the hooks to run when the drain begins (the WebSocket server
/// registers one that closes every socket with a reason).
public final class GatewayOperations: Sendable {
    /// Metrics served at `/metrics`.
    public let metrics = ServerMetrics()
    private let drainingFlag = Atomic<Bool>(false)
    private let hooks = Mutex<[@Sendable (String) async -> Void]>([])
    private let journalObserver = Mutex<JournalInstrumentation.Token?>(nil)

    public init() {}

    /// Records journal fsyncs into ``metrics`` (every journal of the process: one in production).
    func startObservingJournal() {
        let metrics = metrics
        let token = JournalInstrumentation.addSyncObserver { metrics.recordFsync($0) }
        journalObserver.withLock { $0 = token }
    }

    func stopObservingJournal() {
        if let token = journalObserver.withLock({ $0.take() }) { JournalInstrumentation.removeSyncObserver(token) }
    }

    /// Whether the drain has begun: new order requests answer 90001.
    public var isDraining: Bool { drainingFlag.load(ordering: .relaxed) }

    /// Registers `hook`, called once with the reason when the drain begins (for example to
    /// close WebSockets with a close frame carrying it).
    public func onDrain(_ hook: @escaping @Sendable (String) async -> Void) {
        hooks.withLock { $0.append(hook) }
    }

    /// Begins the drain: from now on order requests answer 90001; the hooks run in the
    /// order they were registered. Only the first call does anything.
    public func beginDrain(reason: String) async {
        guard drainingFlag.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged else { return }
        metrics.markDraining()
        for hook in hooks.withLock({ $0 }) { await hook(reason) }
    }
}
