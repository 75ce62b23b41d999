/// The result of a call whose `data` carries nothing the client reads (`null`, `{}`, or
/// anything else, which is ignored).
public struct EmptyResponse: Decodable, Sendable, Hashable {
    public init() {}
    public init(from decoder: any Decoder) throws {}
}
