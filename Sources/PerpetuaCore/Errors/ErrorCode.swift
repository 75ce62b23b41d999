/// The error catalogue of API.md §3: every failure the exchange reports, with the HTTP
/// status it is sent with and its stable name. The raw value is the wire `code`.
public enum ErrorCode: Int, CaseIterable, Sendable, CustomStringConvertible {
    case invalidSignature = 10001
    case timestampOutOfWindow = 10002
    case authRequired = 10003
    case apiKeyNotFound = 10004
    case apiKeyDisabled = 10005
    case apiKeyExpired = 10006
    case permissionDenied = 10007
    case ipNotAllowed = 10008
    case jwtRequired = 10009
    case listenKeyInvalid = 10010
    case rateLimited = 11001
    case invalidParameter = 12001
    case symbolNotFound = 12002
    case batchTooLarge = 12003
    case notFound = 12004
    case insufficientMargin = 13001
    case quantityOutOfRange = 13002
    case priceNotOnTick = 13003
    case quantityNotOnStep = 13004
    case notionalBelowMinimum = 13005
    case priceOutOfBand = 13006
    case maxPositionExceeded = 13007
    case leverageOutOfRange = 13008
    case postOnlyWouldTake = 13009
    case reduceOnlyRejected = 13010
    case fillOrKillNotFilled = 13011
    case wouldTriggerImmediately = 13012
    case orderNotFound = 13013
    case orderAlreadyFinal = 13014
    case duplicateClientOrderId = 13015
    case tooManyOpenOrders = 13016
    case marketNotTrading = 13017
    case reduceOnlyMode = 13018
    case liquidationInProgress = 14001
    case hasPositionOrOrders = 14002
    case wouldTriggerLiquidation = 14003
    case serviceUnavailable = 90001
    case internalError = 90002

    /// The HTTP status the error is sent with.
    public var httpStatus: Int {
        switch self {
        case .invalidSignature, .timestampOutOfWindow, .authRequired, .apiKeyNotFound,
             .apiKeyExpired, .listenKeyInvalid:
            401
        case .apiKeyDisabled, .permissionDenied, .ipNotAllowed, .jwtRequired,
             .marketNotTrading, .reduceOnlyMode:
            403
        case .rateLimited:
            429
        case .symbolNotFound, .notFound, .orderNotFound:
            404
        case .orderAlreadyFinal, .duplicateClientOrderId, .liquidationInProgress, .hasPositionOrOrders:
            409
        case .serviceUnavailable:
            503
        case .internalError:
            500
        case .invalidParameter, .batchTooLarge, .insufficientMargin, .quantityOutOfRange,
             .priceNotOnTick, .quantityNotOnStep, .notionalBelowMinimum, .priceOutOfBand,
             .maxPositionExceeded, .leverageOutOfRange, .postOnlyWouldTake, .reduceOnlyRejected,
             .fillOrKillNotFilled, .wouldTriggerImmediately, .tooManyOpenOrders, .wouldTriggerLiquidation:
            400
        }
    }

    /// The stable upper-case name of API.md §3.
    public var name: String {
        switch self {
        case .invalidSignature: "INVALID_SIGNATURE"
        case .timestampOutOfWindow: "TIMESTAMP_OUT_OF_WINDOW"
        case .authRequired: "AUTH_REQUIRED"
        case .apiKeyNotFound: "API_KEY_NOT_FOUND"
        case .apiKeyDisabled: "API_KEY_DISABLED"
        case .apiKeyExpired: "API_KEY_EXPIRED"
        case .permissionDenied: "PERMISSION_DENIED"
        case .ipNotAllowed: "IP_NOT_ALLOWED"
        case .jwtRequired: "JWT_REQUIRED"
        case .listenKeyInvalid: "LISTEN_KEY_INVALID"
        case .rateLimited: "RATE_LIMITED"
        case .invalidParameter: "INVALID_PARAMETER"
        case .symbolNotFound: "SYMBOL_NOT_FOUND"
        case .batchTooLarge: "BATCH_TOO_LARGE"
        case .notFound: "NOT_FOUND"
        case .insufficientMargin: "INSUFFICIENT_MARGIN"
        case .quantityOutOfRange: "QTY_OUT_OF_RANGE"
        case .priceNotOnTick: "PRICE_NOT_ON_TICK"
        case .quantityNotOnStep: "QTY_NOT_ON_STEP"
        case .notionalBelowMinimum: "NOTIONAL_BELOW_MIN"
        case .priceOutOfBand: "PRICE_OUT_OF_BAND"
        case .maxPositionExceeded: "MAX_POSITION_EXCEEDED"
        case .leverageOutOfRange: "LEVERAGE_OUT_OF_RANGE"
        case .postOnlyWouldTake: "POST_ONLY_WOULD_TAKE"
        case .reduceOnlyRejected: "REDUCE_ONLY_REJECTED"
        case .fillOrKillNotFilled: "FOK_NOT_FILLED"
        case .wouldTriggerImmediately: "WOULD_TRIGGER_IMMEDIATELY"
        case .orderNotFound: "ORDER_NOT_FOUND"
        case .orderAlreadyFinal: "ORDER_ALREADY_FINAL"
        case .duplicateClientOrderId: "DUPLICATE_CLIENT_ORDER_ID"
        case .tooManyOpenOrders: "TOO_MANY_OPEN_ORDERS"
        case .marketNotTrading: "MARKET_NOT_TRADING"
        case .reduceOnlyMode: "REDUCE_ONLY_MODE"
        case .liquidationInProgress: "LIQUIDATION_IN_PROGRESS"
        case .hasPositionOrOrders: "HAS_POSITION_OR_ORDERS"
        case .wouldTriggerLiquidation: "WOULD_TRIGGER_LIQUIDATION"
        case .serviceUnavailable: "SERVICE_UNAVAILABLE"
        case .internalError: "INTERNAL_ERROR"
        }
    }

    /// The message template: a sentence with `{placeholders}` that ``PerpetuaError``
    /// fills from its details, written to tell the client what to fix.
    public var messageTemplate: String {
        switch self {
        case .invalidSignature: "signature does not match; sign timestamp + apiKey + recvWindow + method + path + query + body with the key's secret"
        case .timestampOutOfWindow: "timestamp {timestamp} is outside the receive window of {recvWindow} ms; server time is {serverTime}"
        case .authRequired: "authentication required: {reason}"
        case .apiKeyNotFound: "API key not found or no longer valid"
        case .apiKeyDisabled: "API key is disabled; enable it or use another key"
        case .apiKeyExpired: "API key expired: {reason}"
        case .permissionDenied: "permission {permission} is required for this endpoint"
        case .ipNotAllowed: "client address {ip} is not on this API key's IP whitelist"
        case .jwtRequired: "this endpoint accepts a user session (JWT) only"
        case .listenKeyInvalid: "listen key is unknown or expired; create a new one"
        case .rateLimited: "rate limit exceeded: {limit}; retry after {retryAfter} s"
        case .invalidParameter: "invalid parameter {field}: {reason}"
        case .symbolNotFound: "instrument does not exist: {symbol}"
        case .batchTooLarge: "batch has {count} items; at most {max} are allowed"
        case .notFound: "not found: {resource}"
        case .insufficientMargin: "insufficient margin: available {available}, required {required}"
        case .quantityOutOfRange: "quantity {quantity} is outside [{minQty}, {maxQty}]"
        case .priceNotOnTick: "price {price} is not a multiple of the tick size {tickSize}"
        case .quantityNotOnStep: "quantity {quantity} is not a multiple of the step size {stepSize}"
        case .notionalBelowMinimum: "order notional {notional} is below the minimum {minNotional}"
        case .priceOutOfBand: "price {price} is outside the band [{minPrice}, {maxPrice}] around the mark price"
        case .maxPositionExceeded: "position notional would exceed {maxNotional} allowed at leverage {leverage}"
        case .leverageOutOfRange: "leverage {leverage} is outside [1, {maxLeverage}]"
        case .postOnlyWouldTake: "post-only order would take liquidity at {price}"
        case .reduceOnlyRejected: "reduce-only order would increase the position"
        case .fillOrKillNotFilled: "fill-or-kill order could not be filled in full"
        case .wouldTriggerImmediately: "trigger price {triggerPrice} is already reached by the {priceType} price {currentPrice}"
        case .orderNotFound: "order not found"
        case .orderAlreadyFinal: "order is already {status}"
        case .duplicateClientOrderId: "clientOrderId {clientOrderId} is already used; the existing order is in data"
        case .tooManyOpenOrders: "too many open orders: at most {max} per symbol"
        case .marketNotTrading: "market {symbol} is {status}"
        case .reduceOnlyMode: "{symbol} accepts reduce-only orders only"
        case .liquidationInProgress: "account is being liquidated"
        case .hasPositionOrOrders: "cannot change margin mode with an open position or open orders on {symbol}"
        case .wouldTriggerLiquidation: "this change would put the position below its maintenance margin"
        case .serviceUnavailable: "service unavailable: {reason}; the outcome is unknown, query by clientOrderId"
        case .internalError: "internal error; reference request id {requestId}"
        }
    }

    public var description: String { "\(rawValue) \(name)" }
}
