/// A quantity of the base asset (contracts), to 10⁻⁸.
public struct Quantity: FixedPointDecimal {
    public var units: Int64
    @inlinable public init(units: Int64) { self.units = units }
}
