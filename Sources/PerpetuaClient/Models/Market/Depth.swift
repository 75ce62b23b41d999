/// `GET /v1/public/market/depth`: the top of a book, best levels first, with the sequence
/// number that lines up with the `depth` stream and the §6.1 checksum.
public struct Depth: Codable, Sendable, Hashable {
    public var symbol: String
    public var seq: Int64
    public var bids: [DepthLevel]
    public var asks: [DepthLevel]
    public var checksum: Int32
}
