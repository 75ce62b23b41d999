import PerpetuaCore
import Testing

@Suite struct OrderTypeTests {
    @Test func wireNames() {
        // API.md §5.4: type LIMIT|MARKET.
        #expect(OrderType.allCases.map(\.rawValue) == ["LIMIT", "MARKET"])
        #expect(OrderType(rawValue: "MARKET") == .market)
        #expect(OrderType(rawValue: "STOP_MARKET") == nil, "condition types are not normal order types")
    }
}
