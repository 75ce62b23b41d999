import PerpetuaCore
import Testing

@Suite struct SymbolStatusTests {
    @Test func wireNames() {
        // API.md §5.1: status TRADING|SUSPENDED|REDUCE_ONLY.
        #expect(SymbolStatus.allCases.map(\.rawValue) == ["TRADING", "SUSPENDED", "REDUCE_ONLY"])
        #expect(SymbolStatus(rawValue: "REDUCE_ONLY") == .reduceOnly)
        #expect(SymbolStatus(rawValue: "trading") == nil)
    }
}
