extension Symbol {
    /// One notional bracket `[notionalFloor, notionalCap)` of a symbol's leverage schedule.
    public struct LeverageBracket: Codable, Sendable, Hashable {
        /// 1-based position in the schedule.
        public var bracket: Int
        public var maxLeverage: Int
        public var notionalFloor: String
        public var notionalCap: String
        public var maintMarginRate: String
        /// The maintenance amount (derived by the server; may be left out when creating).
        public var cum: String?

        public init(
            bracket: Int, maxLeverage: Int, notionalFloor: String, notionalCap: String,
            maintMarginRate: String, cum: String? = nil
        ) {
            self.bracket = bracket
            self.maxLeverage = maxLeverage
            self.notionalFloor = notionalFloor
            self.notionalCap = notionalCap
            self.maintMarginRate = maintMarginRate
            self.cum = cum
        }
    }
}
