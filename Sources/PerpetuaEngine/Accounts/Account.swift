import PerpetuaCore

/// One user's USDT wallet, positions and trading statistics.
struct Account: Hashable, Sendable {
    let id: UInt64
    /// All the account's cash, including the margin set aside for isolated positions.
    var wallet: Amount = .zero
    /// Indexed by symbol index; grown when symbols are added.
    var positions: [PositionState]
    /// Traded notional of the current UTC day and of the 30 days before, newest first.
    var volumeToday: Amount = .zero
    var makerVolumeToday: Amount = .zero
    var feesToday: Amount = .zero
    var dailyVolumes: [Amount] = []
    /// Σ of `dailyVolumes`: the 30-day volume that selects the fee tier.
    var volume30d: Amount = .zero

    init(id: UInt64, positions: [PositionState]) {
        self.id = id
        self.positions = positions
    }

    /// Σ isolated margins.
    var isolatedMargins: Amount {
        var total = Amount.zero
        for p in positions where p.marginMode == .isolated { total += p.isolatedMargin }
        return total
    }
}
