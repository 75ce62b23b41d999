import PerpetuaCore

extension ExactProduct {
    /// Parses the canonical text that `description` writes (up to sixteen decimals), as
    /// stored in the TEXT columns that hold exact products.
    init?(storedText text: String) {
        var bytes = Substring(text).utf8[...]
        var negative = false
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            bytes = bytes.dropFirst()
        }
        var value: Int128 = 0
        var fraction = -1
        var digits = 0
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard fraction < 0 else { return nil }
                fraction = 0
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int128(byte - UInt8(ascii: "0")))
            guard !o1, !o2 else { return nil }
            value = s
            digits += 1
            if fraction >= 0 { fraction += 1 }
        }
        guard digits > 0, fraction <= 16 else { return nil }
        for _ in 0..<(16 - max(fraction, 0)) {
            let (m, o) = value.multipliedReportingOverflow(by: 10)
            guard !o else { return nil }
            value = m
        }
        self.init(units: negative ? -value : value)
    }
}
