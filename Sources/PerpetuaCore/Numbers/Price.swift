/// A price in the quote asset (USDT per contract unit), to 10⁻⁸.
public struct Price: FixedPointDecimal {
    public var units: Int64
    @inlinable public init(units: Int64) { self.units = units }
}
