import Synchronization

/// Process-wide observers of the journal's flushes, for the server's metrics
/// (`perpetua_journal_fsync_seconds`). The writer calls them once per committed batch, on
/// the journal thread, after `fsync` returns: never on the engine thread, and with no
/// observer installed it costs one atomic load.
public enum JournalInstrumentation {
    /// Identifies an installed observer, to remove it.
    public struct Token: Hashable, Sendable {
        let id: Int
    }

    private static let installed = Atomic<Int>(0)
    private static let observers = Mutex<(next: Int, list: [Int: @Sendable (Duration) -> Void])>((0, [:]))

    /// Installs `body` to hear every fsync's duration. Keep it short: it delays the
    /// acknowledgement of the batch.
    public static func addSyncObserver(_ body: @escaping @Sendable (Duration) -> Void) -> Token {
        observers.withLock { state in
            let id = state.next
            state.next += 1
            state.list[id] = body
            installed.store(state.list.count, ordering: .releasing)
            return Token(id: id)
        }
    }

    /// Removes an observer.
    public static func removeSyncObserver(_ token: Token) {
        observers.withLock { state in
            state.list[token.id] = nil
            installed.store(state.list.count, ordering: .releasing)
        }
    }

    static func recordSync(_ duration: Duration) {
        guard installed.load(ordering: .acquiring) > 0 else { return }
        for observer in observers.withLock({ Array($0.list.values) }) { observer(duration) }
    }
}
