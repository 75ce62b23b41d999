#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Nanoseconds from the operating system's monotonic clock.
///
/// Benchmarks need a clock that never steps backwards and is cheap enough to read once per
/// operation (`clock_gettime` through the vDSO is about 20 ns on Linux); `ContinuousClock`
/// wraps the same call in `Duration` arithmetic that the latency loop does not need.
public enum MonotonicClock {
    /// The current reading, in nanoseconds since an arbitrary fixed point.
    @inline(__always)
    public static func nanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
    }
}
