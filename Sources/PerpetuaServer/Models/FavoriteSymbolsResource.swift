/// `{symbols}`: the body of setting favourites and the answer of reading them.
struct FavoriteSymbolsResource: Codable, Sendable {
    var symbols: [String]
}
