import Foundation

/// What one `perpetua admin` command prints: a text for people, and a JSON document
/// (`--json`) for scripts, with the fields of the operator API's answer.
public struct AdminOutput: Sendable {
    /// The human-readable text.
    public var text: String
    /// The JSON document, one line, keys sorted.
    public var json: String

    public init(text: String, json: String) {
        self.text = text
        self.json = json
    }

    /// `json` is a `JSONSerialization` object (dictionaries, arrays, strings, integers).
    init(text: String, json object: [String: Any]) {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        self.init(text: text, json: String(decoding: data, as: UTF8.self))
    }

    /// `value` encoded as the JSON document.
    init(text: String, encodable value: some Encodable) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        self.init(text: text, json: String(decoding: data, as: UTF8.self))
    }

    /// The text to print.
    public func rendered(json asJSON: Bool) -> String { asJSON ? json : text }
}

/// Tables and times for the human-readable output.
enum AdminFormat {
    /// Left-aligned columns two spaces apart.
    static func table(_ rows: [[String]]) -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// `2026-01-05 00:00:00.000` for milliseconds since the epoch, UTC.
    static func time(_ milliseconds: Int64) -> String {
        let seconds = milliseconds / 1000
        let millis = Int(milliseconds % 1000)
        let days = seconds / 86_400
        let secondOfDay = Int(seconds % 86_400)
        let (year, month, day) = civil(fromDays: days)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2)) \(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2)).\(pad(millis, 3))"
    }

    /// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian, days since 1970-01-01).
    static func civil(fromDays days: Int64) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(m <= 2 ? y + 1 : y), Int(m), Int(d))
    }
}
