import PerpetuaCore

/// One bar (API.md §5.1 `Kline`). MARK and INDEX bars have zero volume and trade count; a
/// bar of an interval without trades or ticks repeats the previous close with zero volume.
public struct Kline: Hashable, Sendable {
    public var openTime: Int64
    /// The last millisecond of the bar.
    public var closeTime: Int64
    public var open: Price
    public var high: Price
    public var low: Price
    public var close: Price
    /// Base quantity traded.
    public var volume: Quantity
    /// Σ price × quantity, exact.
    public var quoteVolume: ExactProduct
    public var tradeCount: Int64

    public init(
        openTime: Int64, closeTime: Int64, open: Price, high: Price, low: Price, close: Price, volume: Quantity,
        quoteVolume: ExactProduct, tradeCount: Int64
    ) {
        self.openTime = openTime
        self.closeTime = closeTime
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
        self.quoteVolume = quoteVolume
        self.tradeCount = tradeCount
    }

    /// The bar of an interval in which nothing happened: flat at the previous close.
    static func flat(openTime: Int64, closeTime: Int64, at close: Price) -> Kline {
        Kline(
            openTime: openTime, closeTime: closeTime, open: close, high: close, low: close, close: close,
            volume: .zero, quoteVolume: ExactProduct(units: 0), tradeCount: 0)
    }
}
