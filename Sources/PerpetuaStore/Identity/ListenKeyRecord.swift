/// A user-data stream key (API.md §6.2), valid until `expiresAt`.
public struct ListenKeyRecord: Hashable, Sendable {
    public var key: String
    public var userId: UInt64
    public var expiresAt: Int64

    public init(key: String, userId: UInt64, expiresAt: Int64) {
        self.key = key
        self.userId = userId
        self.expiresAt = expiresAt
    }
}
