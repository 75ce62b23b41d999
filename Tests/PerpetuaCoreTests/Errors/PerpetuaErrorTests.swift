import PerpetuaCore
import Testing

/// `PerpetuaError`: message templates filled from details, and the catalogue code of a
/// decimal parse failure (`DecimalParseError.error(field:kind:)`).
@Suite struct PerpetuaErrorTests {
    // MARK: Template filling

    @Test func fillsThePlaceholdersFromDetails() {
        let error = PerpetuaError(.priceNotOnTick, ["price": "65000.05", "tickSize": "0.1", "field": "price"])
        #expect(error.code == .priceNotOnTick)
        #expect(error.message == "price 65000.05 is not a multiple of the tick size 0.1")
        #expect(error.details == ["price": "65000.05", "tickSize": "0.1", "field": "price"])
        #expect(error.description == "13003 PRICE_NOT_ON_TICK: price 65000.05 is not a multiple of the tick size 0.1")
    }

    @Test func fillsEveryOccurrenceInOrder() {
        let error = PerpetuaError(.timestampOutOfWindow, ["timestamp": "1700000000000", "recvWindow": "5000",
                                                          "serverTime": "1700000009000"])
        #expect(error.message
            == "timestamp 1700000000000 is outside the receive window of 5000 ms; server time is 1700000009000")
        #expect(error.details["serverTime"] == "1700000009000")
    }

    @Test func missingDetailShowsAsQuestionMark() {
        let error = PerpetuaError(.priceNotOnTick, ["price": "1.05"])
        #expect(error.message == "price 1.05 is not a multiple of the tick size ?")
        let bare = PerpetuaError(.quantityOutOfRange)
        #expect(bare.message == "quantity ? is outside [?, ?]")
        #expect(bare.details.isEmpty)
    }

    @Test func extraDetailsAreKeptButNotShown() {
        let error = PerpetuaError(.orderNotFound, ["orderId": "42"])
        #expect(error.message == "order not found")
        #expect(error.details == ["orderId": "42"])
    }

    @Test func detailValuesAreNotExpandedAgain() {
        let error = PerpetuaError(.invalidParameter, ["field": "price", "reason": "looks like {field} or {x}"])
        #expect(error.message == "invalid parameter price: looks like {field} or {x}")
    }

    @Test(arguments: ErrorCode.allCases)
    func everyTemplateIsFilledCompletely(_ code: ErrorCode) {
        let names = placeholders(of: code.messageTemplate)
        var details: [String: String] = [:]
        for name in names { details[name] = "<\(name)-value>" }
        let error = PerpetuaError(code, details)
        #expect(!error.message.contains("{") && !error.message.contains("}"), "\(error.message)")
        for name in names { #expect(error.message.contains("<\(name)-value>")) }
        #expect(error.details == details)
        // Without details every placeholder becomes "?" and no brace is left behind.
        let empty = PerpetuaError(code)
        #expect(!empty.message.contains("{") && !empty.message.contains("}"))
        #expect(empty.message.filter { $0 == "?" }.count >= names.count)
        if names.isEmpty { #expect(empty.message == code.messageTemplate) }
    }

    @Test func explicitMessage() {
        let error = PerpetuaError(.symbolNotFound, message: "custom text {symbol}", details: ["symbol": "X"])
        #expect(error.message == "custom text {symbol}", "an explicit message is used as given")
        #expect(error.details == ["symbol": "X"])
        #expect(PerpetuaError(.internalError, message: "boom").details.isEmpty)
    }

    @Test func invalidNamesTheFieldAndReason() {
        let error = PerpetuaError.invalid("price", "must be greater than zero")
        #expect(error.code == .invalidParameter)
        #expect(error.code.httpStatus == 400)
        #expect(error.details == ["field": "price", "reason": "must be greater than zero"])
        #expect(error.message == "invalid parameter price: must be greater than zero")
    }

    @Test func equalityAndThrowing() {
        let a = PerpetuaError.invalid("price", "bad")
        #expect(a == PerpetuaError.invalid("price", "bad"))
        #expect(a != PerpetuaError.invalid("quantity", "bad"))
        #expect(Set([a, a, PerpetuaError(.notFound)]).count == 2)
        func fail() throws(PerpetuaError) { throw a }
        #expect(throws: a) { try fail() }
    }

    // MARK: DecimalParseError.error(field:kind:)

    @Test func tooPreciseIsAPriceOrQuantityGridError() {
        let tooPrecise = DecimalParseError.tooPrecise(maximumDecimals: 8)
        let price = tooPrecise.error(field: "price", kind: .price)
        #expect(price.code == .priceNotOnTick)
        #expect(price.code.rawValue == 13003)
        #expect(price.details["field"] == "price")
        #expect(price.message == "price has more than 8 decimal places")

        let quantity = tooPrecise.error(field: "quantity", kind: .quantity)
        #expect(quantity.code == .quantityNotOnStep)
        #expect(quantity.code.rawValue == 13004)
        #expect(quantity.details["field"] == "quantity")
        #expect(quantity.message == "quantity has more than 8 decimal places")

        // A trigger price is a price too: the field name is the one given.
        let trigger = tooPrecise.error(field: "triggerPrice", kind: .price)
        #expect(trigger.code == .priceNotOnTick)
        #expect(trigger.details["field"] == "triggerPrice")

        let other = tooPrecise.error(field: "amount", kind: .other)
        #expect(other.code == .invalidParameter)
        #expect(other.details == ["field": "amount", "reason": "has more than 8 decimal places"])
    }

    @Test(arguments: [DecimalParseError.empty, .malformed, .exponent, .overflow],
          [DecimalFieldKind.price, .quantity, .other])
    func everythingElseIsInvalidParameter(_ failure: DecimalParseError, kind: DecimalFieldKind) {
        let error = failure.error(field: "someField", kind: kind)
        #expect(error.code == .invalidParameter)
        #expect(error.code.rawValue == 12001)
        #expect(error.details["field"] == "someField")
        #expect(error.details["reason"] == failure.explanation)
        #expect(error.message == "invalid parameter someField: \(failure.explanation)")
    }

    @Test func parseFailureEndToEnd() {
        do {
            _ = try Price(parsing: "65000.123456789")
            Issue.record("nine decimals were accepted")
        } catch {
            #expect(error.error(field: "price", kind: .price).code == .priceNotOnTick)
        }
        do {
            _ = try Quantity(parsing: "1e-3")
            Issue.record("an exponent was accepted")
        } catch {
            let mapped = error.error(field: "quantity", kind: .quantity)
            #expect(mapped.code == .invalidParameter)
            #expect(mapped.message.contains("exponent"))
        }
    }
}
