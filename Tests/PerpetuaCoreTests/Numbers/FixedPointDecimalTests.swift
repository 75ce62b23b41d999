import PerpetuaCore
import Testing

/// The shared decimal representation of `Price`, `Quantity`, `Amount` and `Rate`: the strict
/// parser of API.md §1, the canonical formatter and the helpers built on them.
@Suite struct FixedPointDecimalTests {
    // MARK: Constants

    @Test func scaleIsEightDecimals() {
        #expect(fixedPointScale == 8)
        #expect(fixedPointOne == 100_000_000)
    }

    // MARK: Parsing valid strings

    @Test(arguments: [
        ("65000.5", Int64(6_500_050_000_000)),
        ("0.010", 1_000_000),
        ("0.01", 1_000_000),
        ("0", 0),
        ("0.0", 0),
        ("-1.5", -150_000_000),
        ("00012", 1_200_000_000),
        ("1", 100_000_000),
        ("10", 1_000_000_000),
        ("0.00000001", 1),
        ("-0.00000001", -1),
        ("0.12345678", 12_345_678),
        ("123.45678901", 12_345_678_901),
        ("92000000000", 9_200_000_000_000_000_000),
        // The boundaries of the 64-bit range.
        ("92233720368.54775807", Int64.max),
        ("-92233720368.54775808", Int64.min),
        ("92233720368.54775806", Int64.max - 1),
        ("-92233720368.54775807", Int64.min + 1),
        // Zeros past the eighth decimal carry no precision and are accepted.
        ("1.000000000", 100_000_000),
        ("1.00000000000000000000", 100_000_000),
        ("0.123456780000", 12_345_678),
        ("-2.500000000", -250_000_000),
        ("92233720368.547758070000", Int64.max),
    ] as [(String, Int64)])
    func parsesCanonicalDecimals(text: String, units: Int64) throws {
        #expect(try Price(parsing: text).units == units)
        #expect(try Quantity(parsing: text).units == units)
        #expect(try Amount(parsing: text).units == units)
        #expect(try Rate(parsing: text).units == units)
    }

    @Test func parsesSubstrings() throws {
        let text = "price=65000.5;"
        let start = text.index(text.startIndex, offsetBy: 6)
        let end = text.index(before: text.endIndex)
        #expect(try Price(parsing: text[start..<end]).units == 6_500_050_000_000)
    }

    @Test func acceptsSixtyFourCharacters() throws {
        let text = "1." + String(repeating: "0", count: 62)
        #expect(text.utf8.count == 64)
        #expect(try Quantity(parsing: text).units == fixedPointOne)
    }

    // MARK: Parsing rejections

    @Test(arguments: [
        ("", DecimalParseError.empty),
        ("-", .malformed),
        ("+1", .malformed),
        (".5", .malformed),
        ("-.5", .malformed),
        ("5.", .malformed),
        ("-5.", .malformed),
        ("1e5", .exponent),
        ("1E-3", .exponent),
        ("2.5e3", .exponent),
        ("1,5", .malformed),
        (" 1", .malformed),
        ("1 ", .malformed),
        ("1\n", .malformed),
        ("\t1", .malformed),
        ("abc", .malformed),
        ("1.2.3", .malformed),
        ("1..2", .malformed),
        ("--1", .malformed),
        ("1-", .malformed),
        ("-+1", .malformed),
        ("1_000", .malformed),
        ("0x10", .malformed),
        ("NaN", .malformed),
        ("Infinity", .malformed),
        ("١", .malformed), // ARABIC-INDIC DIGIT ONE is a digit, but not an ASCII one.
        ("１", .malformed), // FULLWIDTH DIGIT ONE.
        ("½", .malformed),
        (".", .malformed),
        ("-0.", .malformed),
        // More than eight significant decimals.
        ("0.000000001", .tooPrecise(maximumDecimals: 8)),
        ("1.123456789", .tooPrecise(maximumDecimals: 8)),
        ("1.0000000010", .tooPrecise(maximumDecimals: 8)),
        ("-0.000000005", .tooPrecise(maximumDecimals: 8)),
        ("65000.000000000000001", .tooPrecise(maximumDecimals: 8)),
        // Just outside the 64-bit range.
        ("92233720368.54775808", .overflow),
        ("-92233720368.54775809", .overflow),
        ("92233720369", .overflow),
        ("-92233720369", .overflow),
        ("92233720368.6", .overflow),
        ("100000000000", .overflow),
        ("99999999999999999999999999", .overflow),
        ("18446744073709551616", .overflow), // 2^64: would wrap a careless UInt64 parser.
    ] as [(String, DecimalParseError)])
    func rejects(text: String, error: DecimalParseError) {
        #expect(throws: error) { try Price(parsing: text) }
        #expect(throws: error) { try Quantity(parsing: text) }
        #expect(throws: error) { try Amount(parsing: text) }
        #expect(throws: error) { try Rate(parsing: text) }
    }

    @Test func rejectsOverLongStrings() {
        // A value that would be fine but is written with more than 64 characters.
        let longZeros = "1." + String(repeating: "0", count: 63)
        #expect(longZeros.utf8.count == 65)
        #expect(throws: DecimalParseError.malformed) { try Price(parsing: longZeros) }
        // A hostile megabyte of digits is refused without being read as a number.
        let huge = String(repeating: "9", count: 1 << 20)
        #expect(throws: DecimalParseError.malformed) { try Amount(parsing: huge) }
        let longLeadingZeros = String(repeating: "0", count: 100) + "1"
        #expect(throws: DecimalParseError.malformed) { try Quantity(parsing: longLeadingZeros) }
    }

    @Test func explanationsSayWhatToFix() {
        #expect(DecimalParseError.tooPrecise(maximumDecimals: 8).explanation == "has more than 8 decimal places")
        #expect(DecimalParseError.empty.explanation == "must not be empty")
        #expect(DecimalParseError.malformed.explanation.contains("\"65000.5\""))
        #expect(DecimalParseError.exponent.explanation.contains("exponent"))
        #expect(DecimalParseError.overflow.explanation == "is too large")
    }

    // MARK: Canonical formatting

    @Test(arguments: [
        (Int64(6_500_050_000_000), "65000.5"),
        (1_000_000, "0.01"),
        (0, "0"),
        (-150_000_000, "-1.5"),
        (-50_000_000, "-0.5"),
        (1, "0.00000001"),
        (-1, "-0.00000001"),
        (10, "0.0000001"),
        (12_345_678, "0.12345678"),
        (100_000_000, "1"),
        (-100_000_000, "-1"),
        (100_000_000_000, "1000"),
        (1_200_000_000, "12"),
        (100_000_001, "1.00000001"),
        (Int64.max, "92233720368.54775807"),
        (Int64.min, "-92233720368.54775808"),
    ] as [(Int64, String)])
    func descriptionIsShortestCanonicalForm(units: Int64, text: String) {
        #expect(Price(units: units).description == text)
        #expect(Quantity(units: units).description == text)
        #expect(Amount(units: units).description == text)
        #expect(Rate(units: units).description == text)
        #expect("\(Amount(units: units))" == text)
    }

    @Test(arguments: [
        (Int64(1_000_000), 3, "0.010"),
        (1_000_000, 2, "0.01"),
        (1_000_000, 0, "0.01"), // never cuts a non-zero digit
        (6_500_050_000_000, 1, "65000.5"),
        (6_500_050_000_000, 0, "65000.5"),
        (6_500_050_000_000, 3, "65000.500"),
        (6_500_000_000_000, 2, "65000.00"),
        (6_500_000_000_000, 0, "65000"),
        (12_345_678, 2, "0.12345678"),
        (12_345_678, 8, "0.12345678"),
        (0, 0, "0"),
        (0, 3, "0.000"),
        (-150_000_000, 4, "-1.5000"),
        (-1, 2, "-0.00000001"),
        (100_000_000, 8, "1.00000000"),
        (700_000_000, 1, "7.0"),
        (Int64.max, 2, "92233720368.54775807"),
        (Int64.min, 8, "-92233720368.54775808"),
    ] as [(Int64, Int, String)])
    func formattedPadsButNeverCuts(units: Int64, decimals: Int, text: String) {
        #expect(Price(units: units).formatted(decimals: decimals) == text)
        #expect(Quantity(units: units).formatted(decimals: decimals) == text)
    }

    @Test(arguments: [
        ("0", 0),
        ("10", 0),
        ("1000", 0),
        ("-7", 0),
        ("0.1", 1),
        ("0.01", 2),
        ("0.010", 2),
        ("0.001", 3),
        ("65000.5", 1),
        ("-1.5", 1),
        ("0.00000001", 8),
        ("1.00000001", 8),
        ("0.12345678", 8),
        ("92233720368.54775807", 8),
        ("-92233720368.54775808", 8),
        ("92233720368", 0),
    ] as [(String, Int)])
    func decimalPlaces(text: String, places: Int) throws {
        #expect(try Price(parsing: text).decimalPlaces == places)
        #expect(try Quantity(parsing: text).decimalPlaces == places)
    }

    // MARK: Round trips (property style, deterministic)

    @Test func formatThenParseGivesTheSameUnits() throws {
        var rng = SplitMix64(seed: 0x5EED_0001)
        for _ in 0..<20_000 {
            let units = rng.nextUnits()
            let text = Price(units: units).description
            let parsed = try Price(parsing: text)
            #expect(parsed.units == units, "\(units) → \(text) → \(parsed.units)")
            // Canonical: no exponent, no trailing fractional zero, no leading zero before a
            // digit, and its decimal places are what decimalPlaces says.
            #expect(!text.contains("e") && !text.contains("E") && !text.contains("+"))
            if let point = text.firstIndex(of: ".") {
                #expect(text.last != "0", "\(text) has a trailing zero")
                #expect(text.distance(from: point, to: text.endIndex) - 1 == parsed.decimalPlaces)
            } else {
                #expect(parsed.decimalPlaces == 0)
            }
            let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
            #expect(!(digits.hasPrefix("0") && digits.count > 1 && !digits.hasPrefix("0.")), "\(text)")
            // Padded forms parse back to the same value as well, and are never shorter.
            let decimals = Int(rng.next() % 9)
            let padded = Price(units: units).formatted(decimals: decimals)
            #expect(try Price(parsing: padded).units == units, "\(padded)")
            #expect(padded.hasPrefix(text), "\(padded) does not extend \(text)")
            let paddedPlaces = padded.firstIndex(of: ".").map { padded.distance(from: $0, to: padded.endIndex) - 1 } ?? 0
            #expect(paddedPlaces == max(decimals, parsed.decimalPlaces), "\(padded) for \(decimals)")
        }
    }

    @Test func parseThenFormatGivesTheCanonicalString() throws {
        // Random strings built digit by digit; the expected units are computed here with
        // integer arithmetic, independently of the parser.
        var rng = SplitMix64(seed: 0x5EED_0002)
        for _ in 0..<20_000 {
            let whole = Int64(rng.next() % 92_233_720_368) >> Int64(rng.next() % 37)
            let fractionDigits = Int(rng.next() % 9)
            var fraction: Int64 = 0
            var fractionText = ""
            for _ in 0..<fractionDigits {
                let digit = Int64(rng.next() % 10)
                fraction = fraction * 10 + digit
                fractionText += String(digit)
            }
            var scaledFraction = fraction
            for _ in fractionDigits..<8 { scaledFraction *= 10 }
            let magnitude = whole * fixedPointOne + scaledFraction
            // A zero is written without a sign: whether "-0" is canonical is not this test's question.
            let negative = magnitude != 0 && rng.next() % 2 == 0
            let expected = negative ? -magnitude : magnitude
            let extraZeros = String(repeating: "0", count: Int(rng.next() % 4))
            var text = (negative ? "-" : "") + String(whole)
            if fractionDigits > 0 { text += "." + fractionText + (fractionDigits == 8 ? extraZeros : "") }
            let parsed = try Amount(parsing: text)
            #expect(parsed.units == expected, "\(text)")
            // Formatting the parsed value gives the input minus its trailing fractional zeros
            // (and without the sign of a zero).
            var canonical = text
            if canonical.contains(".") {
                while canonical.hasSuffix("0") { canonical.removeLast() }
                if canonical.hasSuffix(".") { canonical.removeLast() }
            }
            #expect(parsed.description == canonical, "\(text)")
        }
    }

    // MARK: Helpers

    @Test func comparisonFollowsTheValue() throws {
        let values = try ["-92233720368.54775808", "-1.5", "-0.00000001", "0", "0.00000001", "0.1", "1", "65000.5",
                          "92233720368.54775807"].map { try Price(parsing: $0) }
        for (i, a) in values.enumerated() {
            for (j, b) in values.enumerated() {
                #expect((a < b) == (i < j), "\(a) < \(b)")
                #expect((a == b) == (i == j), "\(a) == \(b)")
            }
        }
        var rng = SplitMix64(seed: 42)
        #expect(values.shuffled(using: &rng).sorted() == values)
        #expect(values.min() == Price(units: Int64.min) && values.max() == Price(units: Int64.max))
    }

    @Test func signPredicates() {
        #expect(Price(units: 1).isPositive && !Price(units: 1).isNegative)
        #expect(Price(units: -1).isNegative && !Price(units: -1).isPositive)
        #expect(!Price.zero.isPositive && !Price.zero.isNegative)
        #expect(Amount.zero.units == 0 && Rate.zero.units == 0 && Quantity.zero.units == 0)
    }

    @Test func wholeNumbers() {
        #expect(Amount(exactly: 50_000)?.units == 5_000_000_000_000)
        #expect(Amount(exactly: 0)?.units == 0)
        #expect(Amount(exactly: -3)?.units == -300_000_000)
        #expect(Price(exactly: 92_233_720_368)?.units == 9_223_372_036_800_000_000)
        #expect(Price(exactly: -92_233_720_368)?.units == -9_223_372_036_800_000_000)
        #expect(Price(exactly: 92_233_720_369) == nil)
        #expect(Price(exactly: -92_233_720_369) == nil)
        #expect(Quantity(exactly: Int64.max) == nil)
        #expect(Quantity(exactly: Int64.min) == nil)
    }

    @Test func valuesAreHashableByUnits() {
        let set: Set<Rate> = [Rate(units: 5), Rate(units: 5), Rate(units: -5)]
        #expect(set.count == 2)
        #expect(Rate(units: 5) == Rate(units: 5))
        #expect(Rate(units: 5) != Rate(units: 6))
    }
}
