@testable import PerpetuaStore
import Testing

@Suite("Kline intervals: UTC alignment")
struct KlineIntervalTests {
    static let day: Int64 = 86_400_000
    /// 2025-11-21 13:37:05.123 UTC, a Friday.
    static let friday: Int64 = 1_763_683_200_000 + 13 * 3_600_000 + 37 * 60_000 + 5_123

    @Test("fixed intervals align on the epoch")
    func fixed() {
        let midnight: Int64 = 1_763_683_200_000
        #expect(KlineInterval.oneMinute.openTime(containing: Self.friday) == midnight + 13 * 3_600_000 + 37 * 60_000)
        #expect(KlineInterval.threeMinutes.openTime(containing: Self.friday) == midnight + 13 * 3_600_000 + 36 * 60_000)
        #expect(KlineInterval.fifteenMinutes.openTime(containing: Self.friday) == midnight + 13 * 3_600_000 + 30 * 60_000)
        #expect(KlineInterval.fourHours.openTime(containing: Self.friday) == midnight + 12 * 3_600_000)
        #expect(KlineInterval.eightHours.openTime(containing: Self.friday) == midnight + 8 * 3_600_000)
        #expect(KlineInterval.twelveHours.openTime(containing: Self.friday) == midnight + 12 * 3_600_000)
        #expect(KlineInterval.oneDay.openTime(containing: Self.friday) == midnight)
        #expect(KlineInterval.oneDay.openTime(containing: midnight) == midnight)
        #expect(KlineInterval.oneDay.openTime(containing: midnight - 1) == midnight - Self.day)
        #expect(KlineInterval.oneHour.closeTime(ofBarOpeningAt: midnight) == midnight + 3_600_000 - 1)
        // Before the epoch, floor not truncation.
        #expect(KlineInterval.oneMinute.openTime(containing: -1) == -60_000)
    }

    @Test("weeks start on Monday 00:00 UTC")
    func weeks() {
        let monday: Int64 = 1_763_683_200_000 - 4 * Self.day  // 2025-11-17
        #expect(KlineInterval.oneWeek.openTime(containing: Self.friday) == monday)
        #expect(KlineInterval.oneWeek.openTime(containing: monday) == monday)
        #expect(KlineInterval.oneWeek.openTime(containing: monday - 1) == monday - 7 * Self.day)
        #expect(KlineInterval.oneWeek.advance(monday, by: 1) == monday + 7 * Self.day)
        // 1970-01-01 was a Thursday: its week began on Monday 1969-12-29.
        #expect(KlineInterval.oneWeek.openTime(containing: 0) == -3 * Self.day)
    }

    @Test("months are calendar months, leap years included")
    func months() {
        let november: Int64 = 1_761_955_200_000  // 2025-11-01
        #expect(KlineInterval.oneMonth.openTime(containing: Self.friday) == november)
        #expect(KlineInterval.oneMonth.advance(november, by: 1) == november + 30 * Self.day)  // 2025-12-01
        #expect(KlineInterval.oneMonth.advance(november, by: 2) == november + 61 * Self.day)  // 2026-01-01
        #expect(KlineInterval.oneMonth.advance(november, by: -10) == 1_735_689_600_000)  // 2025-01-01
        let february2024: Int64 = 1_706_745_600_000
        #expect(KlineInterval.oneMonth.closeTime(ofBarOpeningAt: february2024) == february2024 + 29 * Self.day - 1)
        #expect(KlineInterval.oneMonth.openTime(containing: -1) == -31 * Self.day)  // 1969-12-01
        #expect(KlineInterval.oneMonth.bars(from: 1_735_689_600_000, to: november) == 10)
        for (y, m, d) in [(1970, 1, 1), (2000, 2, 29), (2024, 12, 31), (1969, 12, 31), (2100, 3, 1)] {
            let days = CivilDate.days(year: y, month: m, day: d)
            #expect(CivilDate.from(days: days) == (y, m, d))
        }
    }

    @Test("every interval's bars tile time: each bar closes one ms before the next opens", arguments: KlineInterval.allCases)
    func tiling(_ interval: KlineInterval) {
        var open = interval.openTime(containing: Self.friday - 400 * Self.day)
        for _ in 0..<50 {
            let next = interval.advance(open, by: 1)
            #expect(next > open)
            #expect(interval.openTime(containing: next - 1) == open)
            #expect(interval.openTime(containing: next) == next)
            open = next
        }
    }
}
