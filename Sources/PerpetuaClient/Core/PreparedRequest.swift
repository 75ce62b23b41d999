import Foundation

/// A request ready to go on the wire: what ``PerpetuaClient/makeRequest(_:_:query:body:auth:timestamp:)``
/// builds and ``PerpetuaClient/send(_:)`` sends. The signature in its headers covers exactly
/// `rawQuery` and `body`.
public struct PreparedRequest: Sendable {
    public var method: RequestMethod
    /// The path without the query, e.g. `/v1/private/order/place`.
    public var path: String
    /// The encoded query without `?`; empty when there is none.
    public var rawQuery: String
    /// The full URL: base URL + path + `?` + query.
    public var url: String
    /// The request headers in the order they are sent.
    public var headers: [(name: String, value: String)]
    /// The body bytes; empty for a request without a body.
    public var body: Data

    public init(
        method: RequestMethod, path: String, rawQuery: String, url: String,
        headers: [(name: String, value: String)], body: Data
    ) {
        self.method = method
        self.path = path
        self.rawQuery = rawQuery
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The value of the first header named `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveEquals(name) }?.value
    }
}

extension String {
    /// ASCII case-insensitive comparison, enough for header names.
    func caseInsensitiveEquals(_ other: String) -> Bool {
        let lhs = utf8, rhs = other.utf8
        guard lhs.count == rhs.count else { return false }
        for (a, b) in zip(lhs, rhs) where a != b {
            let lowerA = a >= 0x41 && a <= 0x5A ? a | 0x20 : a
            let lowerB = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
            if lowerA != lowerB { return false }
        }
        return true
    }
}
