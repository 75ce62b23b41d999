/// The store as the server sees it: identity rows and the read side, behind one handle
/// that owns the connections. ``SQLStore`` is the implementation, on SQLite or PostgreSQL.
public protocol Store: IdentityStore, HistoryStore {
    /// The sequence number of the last command the projector committed: the projector's
    /// position, and with the sequencer's, its lag.
    func projectedSequence() async throws -> UInt64
    /// Closes every connection; the store must not be used afterwards.
    func close() async
}
