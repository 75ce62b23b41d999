import PerpetuaCore
import Testing

@Suite struct FeeTierTests {
    @Test func initialiserKeepsEveryField() {
        let tier = FeeTier(tier: 2, minVolume30d: whole(100_000_000), makerRate: dec("-0.00005"),
                           takerRate: dec("0.00035"))
        #expect(tier.tier == 2)
        #expect(tier.minVolume30d == whole(100_000_000))
        #expect(tier.makerRate.units == -5_000)
        #expect(tier.takerRate.units == 35_000)
        #expect(tier == FeeTier(tier: 2, minVolume30d: whole(100_000_000), makerRate: Rate(units: -5_000),
                                takerRate: Rate(units: 35_000)))
    }
}
