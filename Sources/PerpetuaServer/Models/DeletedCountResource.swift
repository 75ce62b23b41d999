/// `{deleted}`: how many API keys a delete removed.
struct DeletedCountResource: Encodable, Sendable {
    var deleted: Int
}
