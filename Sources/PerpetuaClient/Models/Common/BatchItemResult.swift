/// One item's result in a batch answer (API.md §3): the batch itself answers code 0, each
/// item its own `{code, msg, data}`.
public struct BatchItemResult<Success: Decodable & Sendable>: Decodable, Sendable {
    /// 0 for success, an API.md §3 code otherwise.
    public var code: Int
    public var msg: String
    /// The item's `data` when `code` is 0.
    public var value: Success?
    /// The item's `data` when `code` is not 0 (e.g. the existing order of a 13015).
    public var errorData: JSONValue

    /// Whether the item succeeded.
    public var isSuccess: Bool { code == 0 && value != nil }

    /// The item's value, or its error as ``PerpetuaClientError/api(code:message:httpStatus:data:)``
    /// (with the batch's HTTP status 200).
    public func get() throws(PerpetuaClientError) -> Success {
        guard code == 0, let value else {
            throw .api(code: code, message: msg, httpStatus: 200, data: errorData)
        }
        return value
    }

    private enum CodingKeys: String, CodingKey {
        case code, msg, data
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(Int.self, forKey: .code)
        msg = try container.decodeIfPresent(String.self, forKey: .msg) ?? ""
        if code == 0 {
            value = try container.decodeIfPresent(Success.self, forKey: .data)
            errorData = .null
        } else {
            value = nil
            errorData = try container.decodeIfPresent(JSONValue.self, forKey: .data) ?? .null
        }
    }
}
