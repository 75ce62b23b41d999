#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the sequencer's time comes from: the time stamped on every command and the
/// moments the timer commands fall due.
public enum SequencerClock: Hashable, Sendable {
    /// The system's real-time clock, in milliseconds since the Unix epoch. Stamps never
    /// run backwards even if the system clock is stepped back.
    case wall
    /// A clock that stands still until ``Sequencer/advanceClock(to:)`` moves it, for tests
    /// and for the operator's simulated time. Starts at the given milliseconds since the
    /// Unix epoch (or at the recovered engine's time, if that is later).
    case manual(startingAt: Int64)

    /// The wall clock's current time in milliseconds since the Unix epoch.
    public static func wallMilliseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }
}
