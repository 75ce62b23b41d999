/// A single-use embed token and when it stops being accepted (ms).
struct EmbedTokenResource: Encodable, Sendable {
    var embedToken: String
    var expiresAt: Int64
}
