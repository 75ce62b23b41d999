import PerpetuaCore
import Testing

@Suite struct SideTests {
    @Test func wireNames() {
        #expect(Side.allCases.map(\.rawValue) == ["BUY", "SELL"])
        #expect(Side(rawValue: "BUY") == .buy)
        #expect(Side(rawValue: "buy") == nil)
    }

    @Test func oppositeAndSign() {
        #expect(Side.buy.opposite == .sell)
        #expect(Side.sell.opposite == .buy)
        #expect(Side.buy.sign == 1)
        #expect(Side.sell.sign == -1)
        for side in Side.allCases {
            #expect(side.opposite.opposite == side)
            #expect(side.sign + side.opposite.sign == 0)
        }
    }
}
