import PerpetuaCore

/// How decimals go on the wire (API.md §1): strings in canonical form. Prices carry the
/// decimals of the symbol's tick, quantities those of its step (`"65000.5"`, `"0.010"`),
/// so that a client sees one fixed form per symbol and the depth checksum is computed over
/// exactly the strings sent; amounts and rates carry no trailing zeros.
extension SymbolSpec {
    /// A price with the tick's decimals.
    func text(_ price: Price) -> String { price.formatted(decimals: tickSize.decimalPlaces) }
    func text(_ price: Price?) -> String? { price.map { text($0) } }
    /// A quantity with the step's decimals.
    func text(_ quantity: Quantity) -> String { quantity.formatted(decimals: stepSize.decimalPlaces) }
}

extension Amount {
    /// The canonical API text of an exact product at 10⁻¹⁶, rounded half away from zero to
    /// 10⁻⁸ for display.
    static func display(exact units: Int128) -> Amount {
        Amount(units: Int64(clamping: RoundingRule.halfAwayFromZero.divide(units, by: Int128(fixedPointOne))))
    }
}
