extension KeyedDecodingContainer {
    /// A day of the daily series (`date`): ms of the UTC day's start as API.md §1 says for
    /// times, also accepted as a string, either of digits or `YYYY-MM-DD`.
    func decodeDay(forKey key: Key) throws -> Int64 {
        if let millis = try? decode(Int64.self, forKey: key) { return millis }
        let text = try decode(String.self, forKey: key)
        if let millis = Int64(text) { return millis }
        let parts = text.split(separator: "-")
        guard parts.count == 3, let year = Int64(parts[0]), let month = Int64(parts[1]), let day = Int64(parts[2]),
            (1...12).contains(month), (1...31).contains(day)
        else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "expected ms or YYYY-MM-DD, got \(text)")
        }
        return Self.daysFromCivil(year: year, month: month, day: day) * 86_400_000
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
