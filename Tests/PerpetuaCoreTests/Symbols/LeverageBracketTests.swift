import PerpetuaCore
import Testing

@Suite struct LeverageBracketTests {
    @Test func initialiserKeepsEveryFieldAndDefaultsCumToZero() {
        let bracket = LeverageBracket(bracket: 2, maxLeverage: 100, notionalFloor: whole(50_000),
                                      notionalCap: whole(250_000), maintMarginRate: dec("0.005"))
        #expect(bracket.bracket == 2)
        #expect(bracket.maxLeverage == 100)
        #expect(bracket.notionalFloor == whole(50_000))
        #expect(bracket.notionalCap == whole(250_000))
        #expect(bracket.maintMarginRate == dec("0.005"))
        #expect(bracket.cum == .zero)
        let withCum = LeverageBracket(bracket: 2, maxLeverage: 100, notionalFloor: whole(50_000),
                                      notionalCap: whole(250_000), maintMarginRate: dec("0.005"), cum: whole(50))
        #expect(withCum.cum == whole(50))
        #expect(withCum != bracket)
    }
}
