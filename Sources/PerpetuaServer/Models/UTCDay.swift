/// UTC calendar days for the daily figures of API.md §5.2 (`date` fields as `YYYY-MM-DD`).
enum UTCDay {
    static let milliseconds: Int64 = 86_400_000

    /// The midnight (ms) that starts the day containing `time`.
    static func start(of time: Int64) -> Int64 {
        time >= 0 ? time / milliseconds * milliseconds : ((time - milliseconds + 1) / milliseconds) * milliseconds
    }

    /// `YYYY-MM-DD` of the day containing `time` (Howard Hinnant's civil-from-days).
    static func string(_ time: Int64) -> String {
        let days = start(of: time) / milliseconds
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day))"
    }
}

/// A look-back period of the analytics endpoints (`7d`, `30d`, `90d`).
enum Period: String, CaseIterable, Sendable {
    case week = "7d"
    case month = "30d"
    case quarter = "90d"

    var days: Int64 {
        switch self {
        case .week: 7
        case .month: 30
        case .quarter: 90
        }
    }
}
