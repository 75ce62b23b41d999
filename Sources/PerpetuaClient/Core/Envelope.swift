/// The response envelope `{"code", "msg", "data"}` (API.md §1), read in one pass: `data`
/// is decoded as `Success` when `code` is 0, as a ``JSONValue`` otherwise.
struct Envelope<Success: Decodable>: Decodable {
    var code: Int
    var message: String
    var success: Success?
    var errorData: JSONValue

    private enum CodingKeys: String, CodingKey {
        case code, msg, data
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(Int.self, forKey: .code)
        message = try container.decodeIfPresent(String.self, forKey: .msg) ?? ""
        if code == 0 {
            if Success.self == EmptyResponse.self || Success.self == JSONValue.self,
                try !container.contains(.data) || container.decodeNil(forKey: .data)
            {
                success = (EmptyResponse() as? Success) ?? (JSONValue.null as? Success)
            } else {
                success = try container.decode(Success.self, forKey: .data)
            }
            errorData = .null
        } else {
            success = nil
            errorData = try container.decodeIfPresent(JSONValue.self, forKey: .data) ?? .null
        }
    }
}
