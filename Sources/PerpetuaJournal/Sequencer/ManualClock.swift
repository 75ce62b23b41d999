import PerpetuaEngine

/// A clock that moves only when told to, firing on the way every timer that falls due.
///
/// Tests drive time-dependent behaviour (funding, mark prices, the daily rollover) with it,
/// and the operator API will use it for a simulated exchange. It never moves back: a
/// replay must see time in the order it was stamped.
public struct ManualClock: Hashable, Sendable {
    /// The current time, ms since the Unix epoch.
    public private(set) var now: Int64
    /// The timers still to come.
    public private(set) var schedule: TimerSchedule

    /// A clock at `time`, whose first timers fall due after it.
    public init(startingAt time: Int64) {
        now = time
        schedule = TimerSchedule(after: time)
    }

    /// Moves the clock to `time`, calling `fire` with each timer that falls due on the
    /// way (due time at or before `time`), in time order; the clock reads each timer's due
    /// time while it fires. Throws ``SequencerError/clockMovedBack(current:requested:)``
    /// when `time` is before ``now``, without moving.
    public mutating func advance(to time: Int64, _ fire: (_ time: Int64, _ command: EngineCommand) throws -> Void) throws {
        guard time >= now else { throw SequencerError.clockMovedBack(current: now, requested: time) }
        while let (due, command) = schedule.next(through: time) {
            now = due
            try fire(due, command)
        }
        now = time
    }
}
