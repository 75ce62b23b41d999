/// A dimensionless rate (fee, margin, funding, band), to 10⁻⁸: `0.0005` is 0.05 %.
public struct Rate: FixedPointDecimal {
    public var units: Int64
    @inlinable public init(units: Int64) { self.units = units }
}
