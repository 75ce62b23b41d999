import PerpetuaCore
import Testing

@Suite struct SelfTradePreventionTests {
    @Test func wireNames() {
        // API.md §5.4: selfTradePrevention CANCEL_TAKER|CANCEL_MAKER|CANCEL_BOTH|NONE.
        #expect(SelfTradePrevention.allCases.map(\.rawValue) == ["CANCEL_TAKER", "CANCEL_MAKER", "CANCEL_BOTH", "NONE"])
        #expect(SelfTradePrevention(rawValue: "CANCEL_BOTH") == .cancelBoth)
        #expect(SelfTradePrevention(rawValue: "EXPIRE_TAKER") == nil)
    }
}
