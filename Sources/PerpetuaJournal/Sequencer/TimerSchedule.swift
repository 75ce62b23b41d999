import PerpetuaEngine

/// When each timer command falls due next. Pure arithmetic, shared by the wall and the
/// manual clock, so the timers fire at the same instants in tests and in production.
///
/// Timers fall on whole multiples of their period since the Unix epoch: mark-price ticks
/// every second, premium samples every five seconds, funding every whole hour (the engine
/// settles only the symbols whose funding time has come) and the daily rollover at 00:00
/// UTC. Timers due at the same instant fire in that order, so that the premium sample at
/// a funding time counts toward the settlement, and the day closes after its last funding.
public struct TimerSchedule: Hashable, Sendable {
    /// The timers in the order they fire at a shared instant, with their periods in ms.
    public static let timers: [(command: EngineCommand, period: Int64)] = [
        (.markPriceTick, 1000),
        (.premiumSample, 5000),
        (.settleFunding(symbol: nil), 3_600_000),
        (.dailyRollover, 86_400_000),
    ]

    /// The next due time of each timer of ``timers``.
    public private(set) var nextDue: [Int64]

    /// A schedule whose timers fall due at their first boundaries strictly after `time`.
    public init(after time: Int64) {
        nextDue = Self.timers.map { Self.boundary(after: time, period: $0.period) }
    }

    /// The earliest due time of any timer.
    public var earliest: Int64 { nextDue.min()! }

    /// The first multiple of `period` strictly after `time`.
    public static func boundary(after time: Int64, period: Int64) -> Int64 {
        let floor = time >= 0 ? time / period : (time - period + 1) / period
        return (floor + 1) * period
    }

    /// Takes the earliest timer due at or before `limit` (ties in ``timers`` order) and
    /// schedules its next occurrence one period later: every occurrence fires, as a manual
    /// clock's advance requires.
    public mutating func next(through limit: Int64) -> (time: Int64, command: EngineCommand)? {
        guard let index = earliestIndex(through: limit) else { return nil }
        let due = nextDue[index]
        nextDue[index] += Self.timers[index].period
        return (due, Self.timers[index].command)
    }

    /// Takes the earliest timer due at or before `now` and schedules its next occurrence
    /// after `now`: occurrences missed while the process was down or busy collapse into
    /// one, as the wall clock needs (a thousand catch-up mark ticks would say nothing new,
    /// and funding settles whatever is due in one pass). The daily rollover is the
    /// exception: each missed midnight still fires, because each one shifts the 30-day
    /// volume window by a day.
    public mutating func nextCoalesced(now: Int64) -> (time: Int64, command: EngineCommand)? {
        guard let index = earliestIndex(through: now) else { return nil }
        let due = nextDue[index]
        let period = Self.timers[index].period
        if case .dailyRollover = Self.timers[index].command {
            nextDue[index] += period
        } else {
            nextDue[index] = Self.boundary(after: now, period: period)
        }
        return (due, Self.timers[index].command)
    }

    private func earliestIndex(through limit: Int64) -> Int? {
        var best: Int?
        for index in nextDue.indices where nextDue[index] <= limit {
            if let current = best, nextDue[current] <= nextDue[index] { continue }
            best = index
        }
        return best
    }
}
