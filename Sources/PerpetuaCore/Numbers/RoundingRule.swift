/// How an exact product is brought back to the 10⁻⁸ grid. Every place that rounds names
/// its rule, so that the direction (and who it favours) is visible in the code.
public enum RoundingRule: Sendable {
    /// Towards negative infinity.
    case down
    /// Towards positive infinity. A fee computed with `.up` favours the exchange both as a
    /// charge (it grows) and as a rebate (a negative fee shrinks towards zero).
    case up
    /// Towards zero.
    case towardZero
    /// To the nearest value, halves away from zero.
    case halfAwayFromZero

    /// Divides exactly and rounds by this rule; `divisor` must be positive.
    @inlinable
    public func divide(_ value: Int128, by divisor: Int128) -> Int128 {
        precondition(divisor > 0, "rounding divisor must be positive")
        // Nearly every value the engine divides fits in 64 bits, and a 64-bit division is a
        // single instruction where the 128-bit one is a library call several times slower.
        if let small = Int64(exactly: value), let smallDivisor = Int64(exactly: divisor) {
            return Int128(divideTruncating(small, by: smallDivisor))
        }
        // Notionals at 10⁻¹⁶ rarely fit in 64 bits, but divisors (leverage, quantities,
        // 10⁸) do: two hardware 128-by-64 divisions replace the generic 128-bit routine.
        if let wordDivisor = UInt64(exactly: divisor) {
            return divide(value, byWord: wordDivisor)
        }
        return divideTruncating(value, by: divisor)
    }

    /// ``divide(_:by:)`` for a divisor that fits in one machine word: long division of
    /// the magnitude in two 128-by-64-bit steps (the second cannot overflow, since its
    /// high half is the first step's remainder), then the sign and the rounding.
    @inlinable
    func divide(_ value: Int128, byWord divisor: UInt64) -> Int128 {
        let negative = value < 0
        let magnitude = value.magnitude
        let (highQuotient, highRemainder) = UInt64(truncatingIfNeeded: magnitude >> 64).quotientAndRemainder(dividingBy: divisor)
        let (lowQuotient, remainder) = divisor.dividingFullWidth((highRemainder, UInt64(truncatingIfNeeded: magnitude)))
        var quotient = UInt128(highQuotient) << 64 | UInt128(lowQuotient)
        if remainder != 0 {
            switch self {
            case .towardZero: break
            case .down: if negative { quotient += 1 }
            case .up: if !negative { quotient += 1 }
            case .halfAwayFromZero: if remainder >= divisor - remainder { quotient += 1 }
            }
        }
        // Wrapping negation keeps Int128.min (a magnitude of 2¹²⁷ over 1) representable.
        return negative ? Int128(truncatingIfNeeded: 0 &- quotient) : Int128(quotient)
    }

    /// The truncating division of the integer type, then this rule's correction of the
    /// quotient; specialised for each caller's type.
    @inlinable
    func divideTruncating<T: SignedInteger & FixedWidthInteger>(_ value: T, by divisor: T) -> T {
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        if remainder == 0 { return quotient }
        switch self {
        case .towardZero:
            return quotient
        case .down:
            return value < 0 ? quotient - 1 : quotient
        case .up:
            return value > 0 ? quotient + 1 : quotient
        case .halfAwayFromZero:
            // |remainder| < divisor, so comparing with what is left of the divisor cannot
            // overflow where doubling the remainder could.
            let rest = remainder.magnitude
            if rest >= divisor.magnitude - rest { return value < 0 ? quotient - 1 : quotient + 1 }
            return quotient
        }
    }
}
