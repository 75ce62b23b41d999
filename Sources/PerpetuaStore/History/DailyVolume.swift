import PerpetuaCore

/// An account's trading over one UTC day (volume stats, fee tiers, API.md §5.2).
public struct DailyVolume: Hashable, Sendable {
    /// The midnight (UTC, ms) that started the day.
    public var day: Int64
    /// Quote notional traded, maker and taker.
    public var volume: Amount
    public var makerVolume: Amount
    public var fees: Amount

    public init(day: Int64, volume: Amount, makerVolume: Amount, fees: Amount) {
        self.day = day
        self.volume = volume
        self.makerVolume = makerVolume
        self.fees = fees
    }

    /// The taker part of the volume.
    public var takerVolume: Amount { volume - makerVolume }
}
