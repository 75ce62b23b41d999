/// A decimal number stored as a signed 64-bit count of 10⁻⁸ units.
///
/// Prices, quantities, money and rates all share this representation so that they convert
/// into one another without rounding, while their distinct types keep a price from being
/// added to a quantity by mistake. Parsing accepts only the canonical decimal string of
/// API.md §1 and never rounds: a value that needs more than ``scale`` decimals is rejected.
public protocol FixedPointDecimal: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The raw count of 10⁻⁸ units.
    var units: Int64 { get }
    /// Creates a value from a raw count of 10⁻⁸ units.
    init(units: Int64)
}

/// The number of decimal places every ``FixedPointDecimal`` carries.
public let fixedPointScale = 8
/// 10^``fixedPointScale``: the number of units in one whole.
public let fixedPointOne: Int64 = 100_000_000

extension FixedPointDecimal {
    /// Zero.
    @inlinable public static var zero: Self { Self(units: 0) }

    /// Creates a whole-number value, or `nil` when it does not fit.
    @inlinable public init?(exactly whole: Int64) {
        let (product, overflow) = whole.multipliedReportingOverflow(by: fixedPointOne)
        if overflow { return nil }
        self.init(units: product)
    }

    /// Parses the canonical decimal form: an optional `-`, one or more digits, and an
    /// optional `.` followed by one or more digits. Exponents, signs other than a leading
    /// `-`, whitespace and more than eight significant decimals are rejected; zeros past
    /// the eighth decimal are accepted because they carry no precision.
    public init(parsing text: some StringProtocol) throws(DecimalParseError) {
        self.init(units: try DecimalParser.parse(text))
    }

    @inlinable public static func < (lhs: Self, rhs: Self) -> Bool { lhs.units < rhs.units }

    /// The shortest canonical form: no exponent, no trailing fractional zeros (`65000.5`).
    public var description: String { DecimalFormatter.format(units, minimumDecimals: 0) }

    /// The canonical form padded to `decimals` fractional digits (`0.010` for three), as a
    /// symbol's precision prescribes. Digits that are not zero are never cut.
    public func formatted(decimals: Int) -> String {
        DecimalFormatter.format(units, minimumDecimals: decimals)
    }

    /// The number of fractional digits this value needs (`0.01` needs two, `10` none).
    public var decimalPlaces: Int {
        if units == 0 { return 0 }
        var v = units.magnitude
        var places = fixedPointScale
        while places > 0, v % 10 == 0 { v /= 10; places -= 1 }
        return places
    }

    /// Whether the value is strictly greater than zero.
    @inlinable public var isPositive: Bool { units > 0 }
    /// Whether the value is strictly less than zero.
    @inlinable public var isNegative: Bool { units < 0 }
}

/// Why a decimal string was not accepted. The API maps ``tooPrecise`` to 13003 for a
/// price and 13004 for a quantity, and every other case to 12001.
public enum DecimalParseError: Error, Equatable, Sendable {
    /// The string is empty.
    case empty
    /// The string is not a decimal number (`1,5`, `.5`, `+1`, ` 1`, `abc`).
    case malformed
    /// The string uses scientific notation (`1e5`), which the API never accepts.
    case exponent
    /// The value has significant digits past the eighth decimal.
    case tooPrecise(maximumDecimals: Int)
    /// The value does not fit the 64-bit fixed-point range.
    case overflow

    /// A sentence that tells the client what to fix.
    public var explanation: String {
        switch self {
        case .empty: "must not be empty"
        case .malformed: "must be a decimal string such as \"65000.5\""
        case .exponent: "must be written without an exponent, such as \"0.00001\""
        case .tooPrecise(let d): "has more than \(d) decimal places"
        case .overflow: "is too large"
        }
    }
}

/// Parses the canonical decimal form into 10⁻⁸ units without any floating point.
@usableFromInline
enum DecimalParser {
    /// Longer strings are malformed: nothing the API accepts needs more characters, and the
    /// bound keeps a hostile input from costing time.
    static let maximumLength = 64

    static func parse(_ text: some StringProtocol) throws(DecimalParseError) -> Int64 {
        let bytes = text.utf8
        if bytes.isEmpty { throw .empty }
        if bytes.count > maximumLength { throw .malformed }
        var negative = false
        var magnitude: UInt64 = 0
        var integerDigits = 0
        var fractionDigits = 0
        var seenPoint = false
        var index = bytes.startIndex
        if bytes[index] == UInt8(ascii: "-") {
            negative = true
            index = bytes.index(after: index)
            if index == bytes.endIndex { throw .malformed }
        }
        let limit = UInt64(Int64.max) + (negative ? 1 : 0)
        while index != bytes.endIndex {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = UInt64(byte &- UInt8(ascii: "0"))
                if seenPoint {
                    fractionDigits += 1
                    if fractionDigits > fixedPointScale {
                        if digit != 0 { throw .tooPrecise(maximumDecimals: fixedPointScale) }
                        break
                    }
                } else {
                    integerDigits += 1
                }
                let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(digit)
                if o1 || o2 || sum > limit { throw .overflow }
                magnitude = sum
            case UInt8(ascii: "."):
                if seenPoint || integerDigits == 0 { throw .malformed }
                seenPoint = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                throw .exponent
            default:
                throw .malformed
            }
            index = bytes.index(after: index)
        }
        if integerDigits == 0 || (seenPoint && fractionDigits == 0) { throw .malformed }
        var remaining = fixedPointScale - min(fractionDigits, fixedPointScale)
        while remaining > 0 {
            let (times10, overflow) = magnitude.multipliedReportingOverflow(by: 10)
            if overflow || times10 > limit { throw .overflow }
            magnitude = times10
            remaining -= 1
        }
        if negative {
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        return Int64(magnitude)
    }
}

/// Formats 10⁻⁸ units as a canonical decimal string.
enum DecimalFormatter {
    static func format(_ units: Int64, minimumDecimals: Int) -> String {
        let magnitude = units.magnitude
        let whole = magnitude / UInt64(fixedPointOne)
        var fraction = magnitude % UInt64(fixedPointOne)
        var digits = fixedPointScale
        let keep = max(0, min(minimumDecimals, fixedPointScale))
        while digits > keep, fraction % 10 == 0 { fraction /= 10; digits -= 1 }
        var result = units < 0 ? "-" : ""
        result += String(whole)
        if digits > 0 {
            let text = String(fraction)
            result += "."
            result += String(repeating: "0", count: digits - text.count)
            result += text
        }
        return result
    }
}
