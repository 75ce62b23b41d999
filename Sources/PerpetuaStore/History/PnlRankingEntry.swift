import PerpetuaCore

/// One account's realised result over a period, for the PnL leaderboard.
public struct PnlRankingEntry: Hashable, Sendable {
    public var account: UInt64
    /// Realised PnL minus trading fees plus funding received, from the account change log.
    public var pnl: Amount
    /// Quote volume over the same days, from the daily volume rows.
    public var volume: Amount

    public init(account: UInt64, pnl: Amount, volume: Amount) {
        self.account = account
        self.pnl = pnl
        self.volume = volume
    }
}
