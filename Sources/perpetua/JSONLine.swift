/// A one-line JSON object built field by field, in insertion order.
///
/// Benchmarks end with one such line that scripts parse; keeping the keys in a fixed order
/// also makes two runs easy to compare by eye. Only what the benchmarks need: integers,
/// finite doubles, strings and nested objects. A non-finite double is written as `null`.
struct JSONLine {
    private var fields: [String] = []

    init() {}

    mutating func add(_ key: String, _ value: Int) { fields.append("\(Self.quoted(key)):\(value)") }
    mutating func add(_ key: String, _ value: UInt64) { fields.append("\(Self.quoted(key)):\(value)") }
    mutating func add(_ key: String, _ value: String) { fields.append("\(Self.quoted(key)):\(Self.quoted(value))") }
    mutating func add(_ key: String, _ value: Bool) { fields.append("\(Self.quoted(key)):\(value)") }
    mutating func add(_ key: String, _ value: JSONLine) { fields.append("\(Self.quoted(key)):\(value.text)") }

    /// A double rounded to `decimals` places (timing statistics, ratios; never money).
    mutating func add(_ key: String, _ value: Double, decimals: Int) {
        guard value.isFinite else {
            fields.append("\(Self.quoted(key)):null")
            return
        }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        let text = decimals == 0 ? String(Int64(rounded)) : String(rounded)
        fields.append("\(Self.quoted(key)):\(text)")
    }

    /// The object's text.
    var text: String { "{" + fields.joined(separator: ",") + "}" }

    private static func quoted(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
