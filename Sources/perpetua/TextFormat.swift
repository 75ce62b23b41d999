/// Number formatting for benchmark progress lines, without Foundation's `String(format:)`.
enum TextFormat {
    /// `value` with `decimals` fractional digits.
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int64((value * Double(scale)).rounded())
        let sign = scaled < 0 ? "-" : ""
        let magnitude = scaled.magnitude
        let whole = magnitude / UInt64(scale)
        guard decimals > 0 else { return sign + String(whole) }
        let fraction = String(magnitude % UInt64(scale))
        return sign + String(whole) + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    /// `part` as a percentage of `whole`, two decimals.
    static func percent(_ part: Int, _ whole: Int) -> String {
        fixed(whole == 0 ? 0 : Double(part) * 100 / Double(whole), 2) + " %"
    }
}
