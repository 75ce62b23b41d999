import PerpetuaCore

/// Every error a ``PerpetuaClient`` call throws.
public enum PerpetuaClientError: Error, CustomStringConvertible {
    /// The server answered with a non-zero envelope code (API.md §3). `data` is the
    /// envelope's `data` as received (`.null` when absent): `data.serverTime` on 10002,
    /// `data.field` on 12001, the existing order on 13015.
    case api(code: Int, message: String, httpStatus: Int, data: JSONValue)
    /// The request did not complete: connection refused or reset, timeout, TLS. For an
    /// order request the outcome is unknown (API.md §1): query it by `clientOrderId`.
    case transport(any Error)
    /// The response was not an API envelope (an empty body, a proxy's HTML page).
    case invalidResponse(httpStatus: Int, body: String)
    /// The envelope said success but its `data` did not have the expected shape.
    case decoding(httpStatus: Int, description: String)
    /// The request could not be built (its body failed to encode).
    case invalidRequest(String)

    /// The envelope code of an `.api` error.
    public var code: Int? {
        if case .api(let code, _, _, _) = self { return code }
        return nil
    }

    /// The catalogue entry (PerpetuaCore's ``ErrorCode``) of an `.api` error, when known.
    public var errorCode: ErrorCode? { code.flatMap(ErrorCode.init(rawValue:)) }

    /// The `data` of an `.api` error, `.null` for other errors.
    public var data: JSONValue {
        if case .api(_, _, _, let data) = self { return data }
        return .null
    }

    /// `data.serverTime` of a 10002 (timestamp outside the receive window).
    public var serverTime: Int64? { data.serverTime?.int64Value }

    /// The existing order a 13015 (duplicate `clientOrderId`) carries in its `data`.
    public var existingOrder: Order? {
        guard code == 13015 else { return nil }
        return try? data.decode(as: Order.self)
    }

    public var description: String {
        switch self {
        case .api(let code, let message, let status, let data):
            data == .null ? "\(code) \(message) (HTTP \(status))" : "\(code) \(message) (HTTP \(status)) \(data)"
        case .transport(let error): "transport error: \(error)"
        case .invalidResponse(let status, let body): "not an API response (HTTP \(status)): \(body.prefix(200))"
        case .decoding(let status, let description): "unexpected response data (HTTP \(status)): \(description)"
        case .invalidRequest(let description): "invalid request: \(description)"
        }
    }
}
