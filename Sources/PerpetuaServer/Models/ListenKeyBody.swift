/// `{listenKey}` of keeping a listen key alive or closing it.
struct ListenKeyBody: Decodable, Sendable {
    var listenKey: String?
}
