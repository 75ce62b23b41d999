import PerpetuaCore
import Testing

/// The error catalogue against API.md §3, hard-coded here so that a change to either side
/// shows up as a failing test.
@Suite struct ErrorCodeTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var code: Int
        var http: Int
        var name: String
        var testDescription: String { "\(code) \(name)" }
    }

    /// API.md §3, row by row.
    static let table: [Row] = [
        Row(code: 10001, http: 401, name: "INVALID_SIGNATURE"),
        Row(code: 10002, http: 401, name: "TIMESTAMP_OUT_OF_WINDOW"),
        Row(code: 10003, http: 401, name: "AUTH_REQUIRED"),
        Row(code: 10004, http: 401, name: "API_KEY_NOT_FOUND"),
        Row(code: 10005, http: 403, name: "API_KEY_DISABLED"),
        Row(code: 10006, http: 401, name: "API_KEY_EXPIRED"),
        Row(code: 10007, http: 403, name: "PERMISSION_DENIED"),
        Row(code: 10008, http: 403, name: "IP_NOT_ALLOWED"),
        Row(code: 10009, http: 403, name: "JWT_REQUIRED"),
        Row(code: 10010, http: 401, name: "LISTEN_KEY_INVALID"),
        Row(code: 11001, http: 429, name: "RATE_LIMITED"),
        Row(code: 12001, http: 400, name: "INVALID_PARAMETER"),
        Row(code: 12002, http: 404, name: "SYMBOL_NOT_FOUND"),
        Row(code: 12003, http: 400, name: "BATCH_TOO_LARGE"),
        Row(code: 12004, http: 404, name: "NOT_FOUND"),
        Row(code: 13001, http: 400, name: "INSUFFICIENT_MARGIN"),
        Row(code: 13002, http: 400, name: "QTY_OUT_OF_RANGE"),
        Row(code: 13003, http: 400, name: "PRICE_NOT_ON_TICK"),
        Row(code: 13004, http: 400, name: "QTY_NOT_ON_STEP"),
        Row(code: 13005, http: 400, name: "NOTIONAL_BELOW_MIN"),
        Row(code: 13006, http: 400, name: "PRICE_OUT_OF_BAND"),
        Row(code: 13007, http: 400, name: "MAX_POSITION_EXCEEDED"),
        Row(code: 13008, http: 400, name: "LEVERAGE_OUT_OF_RANGE"),
        Row(code: 13009, http: 400, name: "POST_ONLY_WOULD_TAKE"),
        Row(code: 13010, http: 400, name: "REDUCE_ONLY_REJECTED"),
        Row(code: 13011, http: 400, name: "FOK_NOT_FILLED"),
        Row(code: 13012, http: 400, name: "WOULD_TRIGGER_IMMEDIATELY"),
        Row(code: 13013, http: 404, name: "ORDER_NOT_FOUND"),
        Row(code: 13014, http: 409, name: "ORDER_ALREADY_FINAL"),
        Row(code: 13015, http: 409, name: "DUPLICATE_CLIENT_ORDER_ID"),
        Row(code: 13016, http: 400, name: "TOO_MANY_OPEN_ORDERS"),
        Row(code: 13017, http: 403, name: "MARKET_NOT_TRADING"),
        Row(code: 13018, http: 403, name: "REDUCE_ONLY_MODE"),
        Row(code: 14001, http: 409, name: "LIQUIDATION_IN_PROGRESS"),
        Row(code: 14002, http: 409, name: "HAS_POSITION_OR_ORDERS"),
        Row(code: 14003, http: 400, name: "WOULD_TRIGGER_LIQUIDATION"),
        Row(code: 90001, http: 503, name: "SERVICE_UNAVAILABLE"),
        Row(code: 90002, http: 500, name: "INTERNAL_ERROR"),
    ]

    @Test(arguments: table)
    func everyTableRowExists(_ row: Row) throws {
        let code = try #require(ErrorCode(rawValue: row.code), "API.md §3 code \(row.code) is missing")
        #expect(code.httpStatus == row.http)
        #expect(code.name == row.name)
        #expect(code.description == "\(row.code) \(row.name)")
    }

    @Test(arguments: ErrorCode.allCases)
    func everyCaseIsInTheTable(_ code: ErrorCode) throws {
        let row = try #require(Self.table.first { $0.code == code.rawValue }, "\(code) is not in API.md §3")
        #expect(code.httpStatus == row.http)
        #expect(code.name == row.name)
    }

    @Test func catalogueAndTableHaveTheSameSize() {
        #expect(ErrorCode.allCases.count == Self.table.count)
        #expect(Set(ErrorCode.allCases.map(\.rawValue)) == Set(Self.table.map(\.code)))
        #expect(Set(ErrorCode.allCases.map(\.name)).count == ErrorCode.allCases.count, "names are unique")
        #expect(ErrorCode(rawValue: 0) == nil, "0 is success, not an error")
        #expect(ErrorCode(rawValue: 12005) == nil)
    }

    @Test func namedCasesHaveTheirCodes() {
        #expect(ErrorCode.invalidParameter.rawValue == 12001)
        #expect(ErrorCode.symbolNotFound.rawValue == 12002)
        #expect(ErrorCode.quantityOutOfRange.rawValue == 13002)
        #expect(ErrorCode.priceNotOnTick.rawValue == 13003)
        #expect(ErrorCode.quantityNotOnStep.rawValue == 13004)
        #expect(ErrorCode.notionalBelowMinimum.rawValue == 13005)
        #expect(ErrorCode.internalError.httpStatus == 500)
    }

    // MARK: Message templates

    /// The details each template names. The ones API.md names explicitly are the important
    /// ones: `serverTime` (10002), `field` (12001), `symbol` (12002), `tickSize` (13003),
    /// `stepSize` (13004), `minNotional` (13005).
    static let expectedPlaceholders: [ErrorCode: [String]] = [
        .invalidSignature: [],
        .timestampOutOfWindow: ["timestamp", "recvWindow", "serverTime"],
        .authRequired: ["reason"],
        .apiKeyNotFound: [],
        .apiKeyDisabled: [],
        .apiKeyExpired: ["reason"],
        .permissionDenied: ["permission"],
        .ipNotAllowed: ["ip"],
        .jwtRequired: [],
        .listenKeyInvalid: [],
        .rateLimited: ["limit", "retryAfter"],
        .invalidParameter: ["field", "reason"],
        .symbolNotFound: ["symbol"],
        .batchTooLarge: ["count", "max"],
        .notFound: ["resource"],
        .insufficientMargin: ["available", "required"],
        .quantityOutOfRange: ["quantity", "minQty", "maxQty"],
        .priceNotOnTick: ["price", "tickSize"],
        .quantityNotOnStep: ["quantity", "stepSize"],
        .notionalBelowMinimum: ["notional", "minNotional"],
        .priceOutOfBand: ["price", "minPrice", "maxPrice"],
        .maxPositionExceeded: ["maxNotional", "leverage"],
        .leverageOutOfRange: ["leverage", "maxLeverage"],
        .postOnlyWouldTake: ["price"],
        .reduceOnlyRejected: [],
        .fillOrKillNotFilled: [],
        .wouldTriggerImmediately: ["triggerPrice", "priceType", "currentPrice"],
        .orderNotFound: [],
        .orderAlreadyFinal: ["status"],
        .duplicateClientOrderId: ["clientOrderId"],
        .tooManyOpenOrders: ["max"],
        .marketNotTrading: ["symbol", "status"],
        .reduceOnlyMode: ["symbol"],
        .liquidationInProgress: [],
        .hasPositionOrOrders: ["symbol"],
        .wouldTriggerLiquidation: [],
        .serviceUnavailable: ["reason"],
        .internalError: ["requestId"],
    ]

    @Test(arguments: ErrorCode.allCases)
    func templateMentionsItsPlaceholders(_ code: ErrorCode) throws {
        let expected = try #require(Self.expectedPlaceholders[code], "no expectation for \(code)")
        let template = code.messageTemplate
        #expect(placeholders(of: template) == expected)
        for name in expected { #expect(template.contains("{\(name)}")) }
        // Well formed: braces balanced and never nested, placeholder names are identifiers.
        var depth = 0
        for character in template {
            if character == "{" { depth += 1; #expect(depth == 1, "nested brace in \(code)") }
            if character == "}" { depth -= 1; #expect(depth == 0, "unbalanced brace in \(code)") }
        }
        #expect(depth == 0)
        for name in placeholders(of: template) {
            #expect(!name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }, "\(name)")
        }
        // A sentence for a client: not empty, no trailing full stop.
        #expect(!template.isEmpty)
        #expect(template.last != ".")
    }

    @Test func symbolNotFoundSaysInstrumentDoesNotExist() {
        #expect(ErrorCode.symbolNotFound.messageTemplate.hasPrefix("instrument does not exist"))
    }
}
