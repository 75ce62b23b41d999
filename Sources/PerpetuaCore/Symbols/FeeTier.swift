/// A fee tier: accounts whose 30-day volume reaches `minVolume30d` pay these rates.
/// A negative maker rate is a rebate.
public struct FeeTier: Hashable, Sendable {
    /// 0-based tier number, increasing with volume.
    public var tier: Int
    /// The 30-day traded notional needed for this tier.
    public var minVolume30d: Amount
    /// The rate charged on fills that made liquidity (negative: a rebate).
    public var makerRate: Rate
    /// The rate charged on fills that took liquidity.
    public var takerRate: Rate

    public init(tier: Int, minVolume30d: Amount, makerRate: Rate, takerRate: Rate) {
        self.tier = tier
        self.minVolume30d = minVolume30d
        self.makerRate = makerRate
        self.takerRate = takerRate
    }
}
