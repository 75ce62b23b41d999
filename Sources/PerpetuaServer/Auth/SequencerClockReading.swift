import PerpetuaJournal

/// Wall-clock readings for what stays on wall time whatever the exchange clock (request
/// timestamps, rate limits).
enum SequencerClockReading {
    static func wall() -> Int64 { SequencerClock.wallMilliseconds() }
}
