/// `GET|POST /v1/private/user/favorite-symbols`.
public struct FavoriteSymbols: Codable, Sendable, Hashable {
    public var symbols: [String]

    public init(symbols: [String]) { self.symbols = symbols }
}
