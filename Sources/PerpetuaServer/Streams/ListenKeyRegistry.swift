/// What the listen-key endpoints tell the private streams (API.md §6.2). `DELETE
/// /v1/private/user/listen-key` calls ``closed(_:)`` so that the key's connections close at
/// once; `POST`/`PUT` call ``extended(_:expiresAt:)`` after storing the new expiry (the
/// streams would also find it in the store when the old expiry passes).
public struct ListenKeyRegistry: Sendable {
    let hub: StreamHub

    /// The key was deleted: its connections close (1000, "listen key closed").
    public func closed(_ listenKey: String) { hub.closeListenKey(listenKey) }

    /// The key now expires at `expiresAt` (exchange clock, ms).
    public func extended(_ listenKey: String, expiresAt: Int64) { hub.extendListenKey(listenKey, expiresAt: expiresAt) }
}

extension Exchange {
    /// The hook for the listen-key endpoints.
    public var listenKeys: ListenKeyRegistry { ListenKeyRegistry(hub: streams) }
}
