/// Which price a kline follows (API.md §5.1 `priceType`).
public enum KlinePriceType: String, Hashable, Sendable, CaseIterable {
    /// Last trade prices, with volume and trade count.
    case trade = "TRADE"
    /// Mark prices from the mark-price ticks; volume "0".
    case mark = "MARK"
    /// Index prices from the same ticks; volume "0".
    case index = "INDEX"

    var ordinal: Int {
        switch self {
        case .trade: 0
        case .mark: 1
        case .index: 2
        }
    }
}
