import PerpetuaCore

/// One account's position and open-order totals on one symbol (one-way mode).
///
/// Sizes are in 10⁻⁸ quantity units (signed: long positive), notionals are exact 10⁻¹⁶
/// amounts in `Int128`. The entry price is kept as the entry notional and the size, never
/// as a rounded price (MECHANICS.md).
struct PositionState: Hashable, Sendable {
    var size: Int64 = 0
    /// |size| × entry price, exact.
    var entryNotional: Int128 = 0
    /// Realised PnL since the position opened.
    var realizedPnl: Amount = .zero
    var leverage: Int
    var marginMode: MarginMode = .cross
    /// The part of the wallet set aside for an isolated position.
    var isolatedMargin: Amount = .zero

    // Open orders on this symbol, split by side, for the order margin.
    var openBuyQuantity: Int64 = 0
    var openBuyNotional: Int128 = 0
    var openSellQuantity: Int64 = 0
    var openSellNotional: Int128 = 0
    var openOrderCount = 0
    /// Resting reduce-only quantity per side, trimmed when the position shrinks.
    var reduceOnlyBuyQuantity: Int64 = 0
    var reduceOnlySellQuantity: Int64 = 0

    // Position history of the current position.
    var openTime: Int64 = 0
    var maxSize: Int64 = 0
    var fees: Amount = .zero
    var funding: Amount = .zero
    var updateTime: Int64 = 0
    /// Quantity closed since the position opened, and Σ quantity × fill price of those
    /// closes, exact: the history's close price is their average, as exchanges report it,
    /// not the price of whichever fill happened to close the rest.
    var closedQuantity: Int64 = 0
    var closedNotional: Int128 = 0

    init(leverage: Int) { self.leverage = leverage }

    var isFlat: Bool { size == 0 }
    var hasExposure: Bool { size != 0 || openOrderCount > 0 }
    var side: Side? { size > 0 ? .buy : size < 0 ? .sell : nil }
    var absoluteSize: Int64 { size.magnitude > UInt64(Int64.max) ? .max : abs(size) }

    /// The entry price, rounded half away from zero to 10⁻⁸ for display.
    var entryPrice: Price {
        size == 0 ? .zero : Price(units: Int64(RoundingRule.halfAwayFromZero.divide(entryNotional, by: Int128(absoluteSize))))
    }

    /// |size| × mark, exact.
    func notional(mark: Price) -> Int128 { Int128(absoluteSize) * Int128(mark.units) }

    /// side × (|size| × mark − entry notional), exact.
    func unrealizedPnl(mark: Price) -> Int128 {
        let value = notional(mark: mark) - entryNotional
        return size >= 0 ? value : -value
    }

    /// Position initial margin: notional at mark / leverage, rounded up.
    func initialMargin(mark: Price) -> Int128 {
        RoundingRule.up.divide(notional(mark: mark), by: Int128(leverage))
    }

    /// The margin open orders tie up: the larger of the two sides' notional that would
    /// increase the position (orders that only close it need none), at the orders' prices,
    /// over the leverage. In one-way mode both sides cannot add to the position at once,
    /// so the larger side covers the worst case.
    func orderInitialMargin() -> Int128 {
        let long = max(0, size), short = max(0, -size)
        let buyOpening = Self.openingNotional(quantity: openBuyQuantity, notional: openBuyNotional, closable: short)
        let sellOpening = Self.openingNotional(quantity: openSellQuantity, notional: openSellNotional, closable: long)
        return RoundingRule.up.divide(max(buyOpening, sellOpening), by: Int128(leverage))
    }

    /// The notional of the part of `quantity` beyond what closes `closable`, at the side's
    /// average order price.
    static func openingNotional(quantity: Int64, notional: Int128, closable: Int64) -> Int128 {
        guard quantity > closable, quantity > 0 else { return 0 }
        // Nothing to close (the usual case): the whole notional opens, with no division.
        if closable <= 0 { return notional }
        return RoundingRule.up.divide(notional * Int128(quantity - closable), by: Int128(quantity))
    }
}
