import PerpetuaStore

/// A public channel of one symbol (API.md §6.1), as subscribed.
struct StreamChannelKey: Hashable, Sendable {
    enum Kind: String, Hashable, Sendable, CaseIterable {
        case depth
        case depth5
        case depth20
        case trades
        case ticker
        case kline
        case markPrice
    }

    var kind: Kind
    var symbol: String
    /// For `kline` only.
    var interval: KlineInterval?
    var priceType: KlinePriceType?

    /// The `arg` object echoed in replies.
    var argJSON: String {
        if kind == .kline, let interval, let priceType {
            return #"{"channel":"kline","symbol":"\#(symbol)","interval":"\#(interval.rawValue)","priceType":"\#(priceType.rawValue)"}"#
        }
        return #"{"channel":"\#(kind.rawValue)","symbol":"\#(symbol)"}"#
    }

    /// The top-N level count of `depth5`/`depth20`.
    var topLevels: Int? {
        switch kind {
        case .depth5: 5
        case .depth20: 20
        default: nil
        }
    }
}
