import PerpetuaCore

/// An account's balances at the close of one UTC day (balance history, API.md §5.2).
public struct DailyBalance: Hashable, Sendable {
    /// The midnight (UTC, ms) that started the day.
    public var day: Int64
    public var walletBalance: Amount
    public var marginBalance: Amount

    public init(day: Int64, walletBalance: Amount, marginBalance: Amount) {
        self.day = day
        self.walletBalance = walletBalance
        self.marginBalance = marginBalance
    }
}
