import PerpetuaCore
import Testing

/// `SymbolName`: normalising what clients type, and the 12002 error with its suggestion
/// (API.md §1).
@Suite struct SymbolNameTests {
    static let known: Set<String> = ["BTCUSDT", "ETHUSDT", "1000PEPEUSDT"]

    @Test(arguments: [
        ("btc/usdt", "BTCUSDT"),
        ("BTC/USDT", "BTCUSDT"),
        ("BTC-USDT", "BTCUSDT"),
        ("btc_usdt", "BTCUSDT"),
        ("Btc Usdt", "BTCUSDT"),
        ("btc.usdt", "BTCUSDT"),
        ("BTC:USDT", "BTCUSDT"),
        ("btcusdt", "BTCUSDT"),
        ("BTCUSDT", "BTCUSDT"),
        (" eth-usdt ", "ETHUSDT"),
        ("1000pepe/usdt", "1000PEPEUSDT"),
        ("b-t/c_u.s:d t", "BTCUSDT"),
        ("", ""),
        ("/-_ .:", ""),
    ] as [(String, String)])
    func normalize(input: String, expected: String) {
        #expect(SymbolName.normalize(input) == expected)
        // Normalising is idempotent.
        #expect(SymbolName.normalize(SymbolName.normalize(input)) == expected)
    }

    @Test func suggestsTheSymbolThatWasMeant() {
        let error = SymbolName.notFound("btc/usdt", known: Self.known)
        #expect(error.code == .symbolNotFound)
        #expect(error.code.httpStatus == 404)
        #expect(error.message == "instrument does not exist: btc/usdt; did you mean BTCUSDT?")
        #expect(error.details == ["symbol": "btc/usdt", "suggestion": "BTCUSDT"])
    }

    @Test func apiExampleMessage() {
        // The example of API.md §1, with the input shown as typed.
        let error = SymbolName.notFound("BTC/USDT", known: ["BTCUSDT"])
        #expect(error.message == "instrument does not exist: BTC/USDT; did you mean BTCUSDT?")
    }

    @Test(arguments: ["BTC-USDT", "eth_usdt", "ethusdt", "1000pepe-usdt", " BTCUSDT"])
    func suggestionForEveryNormalisableForm(input: String) {
        let error = SymbolName.notFound(input, known: Self.known)
        let suggestion = SymbolName.normalize(input)
        #expect(error.message == "instrument does not exist: \(input); did you mean \(suggestion)?")
        #expect(error.details["suggestion"] == suggestion)
        #expect(error.details["symbol"] == input)
    }

    @Test(arguments: ["xyz/usdt", "DOGEUSDT", "doge-usdt", "BTCUSD", "BTC", ""])
    func noSuggestionWhenTheNormalisedNameIsUnknown(input: String) {
        let error = SymbolName.notFound(input, known: Self.known)
        #expect(error.code == .symbolNotFound)
        #expect(error.message == "instrument does not exist: \(input)")
        #expect(error.details == ["symbol": input])
        #expect(!error.message.contains("did you mean"))
    }

    @Test func noSuggestionOfTheInputItself() {
        // An input that is already canonical has nothing better to suggest, even when the
        // list of known names contains it.
        let error = SymbolName.notFound("BTCUSDT", known: ["BTCUSDT"])
        #expect(error.message == "instrument does not exist: BTCUSDT")
        #expect(error.details["suggestion"] == nil)
    }

    @Test func acceptsAnyCollectionOfNames() {
        let array = ["ETHUSDT", "BTCUSDT"]
        let dictionary = ["BTCUSDT": 1, "ETHUSDT": 2]
        #expect(SymbolName.notFound("eth/usdt", known: array).details["suggestion"] == "ETHUSDT")
        #expect(SymbolName.notFound("eth/usdt", known: dictionary.keys).details["suggestion"] == "ETHUSDT")
        #expect(SymbolName.notFound("eth/usdt", known: [String]()).details["suggestion"] == nil)
    }
}
