/// A user-data stream key (API.md §6.2) and when it expires unless kept alive (ms).
struct ListenKeyResource: Encodable, Sendable {
    var listenKey: String
    var expiresAt: Int64
}
