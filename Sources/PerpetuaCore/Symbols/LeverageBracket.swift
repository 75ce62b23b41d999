/// One notional bracket of a symbol's leverage schedule (MECHANICS.md).
///
/// A position whose notional lies in `[notionalFloor, notionalCap)` may use at most
/// `maxLeverage` and pays maintenance margin `notional × maintMarginRate − cum`.
public struct LeverageBracket: Hashable, Sendable {
    /// 1-based position in the schedule.
    public var bracket: Int
    /// The highest leverage allowed in this bracket.
    public var maxLeverage: Int
    /// The lowest notional of the bracket (inclusive).
    public var notionalFloor: Amount
    /// The notional where the next bracket starts (exclusive).
    public var notionalCap: Amount
    /// The maintenance margin rate.
    public var maintMarginRate: Rate
    /// The maintenance amount that keeps the maintenance margin continuous across the
    /// bracket edges; derived by ``SymbolSpec/withDerivedMaintenanceAmounts()``.
    public var cum: Amount

    public init(
        bracket: Int, maxLeverage: Int, notionalFloor: Amount, notionalCap: Amount,
        maintMarginRate: Rate, cum: Amount = .zero
    ) {
        self.bracket = bracket
        self.maxLeverage = maxLeverage
        self.notionalFloor = notionalFloor
        self.notionalCap = notionalCap
        self.maintMarginRate = maintMarginRate
        self.cum = cum
    }
}
