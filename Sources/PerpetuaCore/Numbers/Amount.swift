/// An amount of money in the settlement asset (USDT), to 10⁻⁸, the wallet precision.
///
/// Amounts add and subtract exactly; anything that multiplies goes through
/// ``ExactProduct`` and names its rounding when it comes back to an `Amount`.
public struct Amount: FixedPointDecimal {
    public var units: Int64
    @inlinable public init(units: Int64) { self.units = units }

    /// The sum, trapping on overflow: 92 billion USDT in one wallet is a bug, not a state.
    @inlinable public static func + (lhs: Amount, rhs: Amount) -> Amount { Amount(units: lhs.units + rhs.units) }
    /// The difference, trapping on overflow.
    @inlinable public static func - (lhs: Amount, rhs: Amount) -> Amount { Amount(units: lhs.units - rhs.units) }
    /// The negation.
    @inlinable public static prefix func - (value: Amount) -> Amount { Amount(units: -value.units) }
    @inlinable public static func += (lhs: inout Amount, rhs: Amount) { lhs.units += rhs.units }
    @inlinable public static func -= (lhs: inout Amount, rhs: Amount) { lhs.units -= rhs.units }
}
