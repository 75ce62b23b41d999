/// Symbol names as clients type them, and the suggestions of API.md §1.
public enum SymbolName {
    /// The canonical form of a name typed with separators or in lower case:
    /// `btc/usdt`, `BTC-USDT` and `btc_usdt` all become `BTCUSDT`.
    public static func normalize(_ input: String) -> String {
        String(input.uppercased().filter { !"/-_ .:".contains($0) })
    }

    /// The 12002 error for `input`, naming the symbol it normalises to when that one exists.
    public static func notFound(_ input: String, known: some Collection<String>) -> PerpetuaError {
        let normalized = normalize(input)
        if normalized != input, known.contains(normalized) {
            return PerpetuaError(.symbolNotFound,
                message: "instrument does not exist: \(input); did you mean \(normalized)?",
                details: ["symbol": input, "suggestion": normalized])
        }
        return PerpetuaError(.symbolNotFound, ["symbol": input])
    }
}
