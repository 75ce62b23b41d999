/// A kline interval of API.md §5.1, aligned to UTC: minutes, hours and days from the Unix
/// epoch, weeks from Monday 00:00 UTC, months on calendar months.
public enum KlineInterval: String, Hashable, Sendable, CaseIterable {
    case oneMinute = "1m"
    case threeMinutes = "3m"
    case fiveMinutes = "5m"
    case fifteenMinutes = "15m"
    case thirtyMinutes = "30m"
    case oneHour = "1h"
    case twoHours = "2h"
    case fourHours = "4h"
    case sixHours = "6h"
    case eightHours = "8h"
    case twelveHours = "12h"
    case oneDay = "1d"
    case oneWeek = "1w"
    case oneMonth = "1M"

    static let minute: Int64 = 60_000
    static let day: Int64 = 86_400_000
    /// 1970-01-01 was a Thursday; the first Monday 00:00 UTC is four days later.
    static let firstMonday: Int64 = 4 * day

    /// The length of a fixed interval in ms; nil for a calendar month.
    public var fixedLength: Int64? {
        switch self {
        case .oneMinute: Self.minute
        case .threeMinutes: 3 * Self.minute
        case .fiveMinutes: 5 * Self.minute
        case .fifteenMinutes: 15 * Self.minute
        case .thirtyMinutes: 30 * Self.minute
        case .oneHour: 60 * Self.minute
        case .twoHours: 120 * Self.minute
        case .fourHours: 240 * Self.minute
        case .sixHours: 360 * Self.minute
        case .eightHours: 480 * Self.minute
        case .twelveHours: 720 * Self.minute
        case .oneDay: Self.day
        case .oneWeek: 7 * Self.day
        case .oneMonth: nil
        }
    }

    /// The open time of the bar that contains `time`.
    public func openTime(containing time: Int64) -> Int64 {
        switch self {
        case .oneMonth:
            let (year, month, _) = CivilDate.from(days: Self.floorDiv(time, Self.day))
            return CivilDate.days(year: year, month: month, day: 1) * Self.day
        case .oneWeek:
            let week = 7 * Self.day
            return Self.floorDiv(time - Self.firstMonday, week) * week + Self.firstMonday
        default:
            let length = fixedLength!
            return Self.floorDiv(time, length) * length
        }
    }

    /// The open time `count` bars after the bar opening at `openTime` (before it when
    /// negative). `openTime` must be aligned.
    public func advance(_ openTime: Int64, by count: Int64) -> Int64 {
        if let length = fixedLength { return openTime + count * length }
        let (year, month, _) = CivilDate.from(days: Self.floorDiv(openTime, Self.day))
        let total = Int64(year) * 12 + Int64(month - 1) + count
        let newYear = Int(Self.floorDiv(total, 12))
        let newMonth = Int(total - Int64(newYear) * 12) + 1
        return CivilDate.days(year: newYear, month: newMonth, day: 1) * Self.day
    }

    /// The last millisecond of the bar opening at `openTime`.
    public func closeTime(ofBarOpeningAt openTime: Int64) -> Int64 {
        advance(openTime, by: 1) - 1
    }

    /// The number of whole bars from the bar at `from` to the bar at `to` (both aligned).
    func bars(from: Int64, to: Int64) -> Int64 {
        if let length = fixedLength { return (to - from) / length }
        let a = CivilDate.from(days: Self.floorDiv(from, Self.day))
        let b = CivilDate.from(days: Self.floorDiv(to, Self.day))
        return Int64(b.year - a.year) * 12 + Int64(b.month - a.month)
    }

    var ordinal: Int { Self.allCases.firstIndex(of: self)! }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}

/// Proleptic Gregorian calendar arithmetic on days since 1970-01-01 (Howard Hinnant's
/// `days_from_civil` and `civil_from_days`), exact for every Int64 millisecond we meet,
/// with no Foundation calendar or time zone involved.
enum CivilDate {
    static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func from(days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(m <= 2 ? y + 1 : y), Int(m), Int(d))
    }
}
