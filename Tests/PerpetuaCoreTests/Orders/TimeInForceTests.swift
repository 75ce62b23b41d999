import PerpetuaCore
import Testing

@Suite struct TimeInForceTests {
    @Test func wireNames() {
        // API.md §5.4: timeInForce GTC|IOC|FOK|POST_ONLY.
        #expect(TimeInForce.allCases.map(\.rawValue) == ["GTC", "IOC", "FOK", "POST_ONLY"])
        #expect(TimeInForce(rawValue: "POST_ONLY") == .postOnly)
        #expect(TimeInForce(rawValue: "GTX") == nil)
    }
}
