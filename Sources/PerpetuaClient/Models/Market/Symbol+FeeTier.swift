extension Symbol {
    /// One fee tier by 30-day volume; a negative maker rate is a rebate.
    public struct FeeTier: Codable, Sendable, Hashable {
        public var tier: Int
        public var minVolume30d: String
        public var makerRate: String
        public var takerRate: String

        public init(tier: Int, minVolume30d: String, makerRate: String, takerRate: String) {
            self.tier = tier
            self.minVolume30d = minVolume30d
            self.makerRate = makerRate
            self.takerRate = takerRate
        }
    }
}
