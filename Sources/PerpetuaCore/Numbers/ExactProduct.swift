/// The exact product of two fixed-point values, at 10⁻¹⁶, in 128 bits.
///
/// Notional (price × quantity), fees (notional × rate) and PnL are computed here without
/// loss; the only rounding happens in ``rounded(_:)``, where the caller names the rule.
///
/// The 128 bits are stored as two 64-bit halves, so the type (and every event, order and
/// array element that holds one) is 8-byte aligned. A 16-byte-aligned element type makes
/// the Swift runtime on Linux allocate arrays with `posix_memalign` instead of `malloc`:
/// glibc serves that outside its per-thread cache, and the engine, which builds an event
/// array per command, then spent a third of its time faulting in fresh heap pages.
@frozen
public struct ExactProduct: Hashable, Comparable, Sendable, CustomStringConvertible {
    @usableFromInline var low: UInt64
    @usableFromInline var high: Int64

    /// The raw count of 10⁻¹⁶ units.
    @inlinable public var units: Int128 {
        get { Int128(high) << 64 | Int128(low) }
        set {
            low = UInt64(truncatingIfNeeded: newValue)
            high = Int64(truncatingIfNeeded: newValue >> 64)
        }
    }

    @inlinable public init(units: Int128) {
        low = UInt64(truncatingIfNeeded: units)
        high = Int64(truncatingIfNeeded: units >> 64)
    }

    /// Price × quantity: the notional value, exact.
    @inlinable public init(_ price: Price, _ quantity: Quantity) {
        self.init(units: Int128(price.units) * Int128(quantity.units))
    }

    /// Amount × rate, exact.
    @inlinable public init(_ amount: Amount, _ rate: Rate) {
        self.init(units: Int128(amount.units) * Int128(rate.units))
    }

    /// This product × rate as an amount, rounded once by `rule`. Fees use it: notional ×
    /// rate needs 24 decimals to be exact, so it is rounded straight to the wallet
    /// precision instead of twice.
    @inlinable public func amount(times rate: Rate, rounding rule: RoundingRule) -> Amount {
        let wide = units * Int128(rate.units)
        let unit = Int128(fixedPointOne) * Int128(fixedPointOne)
        return Amount(units: Int64(rule.divide(wide, by: unit)))
    }

    /// Brought back to an amount at 10⁻⁸ by `rule`.
    @inlinable public func rounded(_ rule: RoundingRule) -> Amount {
        Amount(units: Int64(rule.divide(units, by: Int128(fixedPointOne))))
    }

    @inlinable public static func + (lhs: ExactProduct, rhs: ExactProduct) -> ExactProduct {
        ExactProduct(units: lhs.units + rhs.units)
    }
    @inlinable public static func - (lhs: ExactProduct, rhs: ExactProduct) -> ExactProduct {
        ExactProduct(units: lhs.units - rhs.units)
    }
    @inlinable public static func < (lhs: ExactProduct, rhs: ExactProduct) -> Bool { lhs.units < rhs.units }

    /// The exact decimal value, up to sixteen places.
    public var description: String {
        let one = Int128(fixedPointOne) * Int128(fixedPointOne)
        let magnitude = units.magnitude
        let whole = magnitude / UInt128(one)
        var fraction = magnitude % UInt128(one)
        var digits = 16
        while digits > 0, fraction % 10 == 0 { fraction /= 10; digits -= 1 }
        var text = (units < 0 ? "-" : "") + String(whole)
        if digits > 0 {
            let f = String(fraction)
            text += "." + String(repeating: "0", count: digits - f.count) + f
        }
        return text
    }
}
