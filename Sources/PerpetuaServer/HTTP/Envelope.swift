/// The response envelope of API.md §1: `{"code": 0, "msg": "OK", "data": …}`.
struct Envelope<Payload: Encodable>: Encodable {
    var code: Int
    var msg: String
    var data: Payload?

    enum CodingKeys: String, CodingKey { case code, msg, data }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(msg, forKey: .msg)
        // `data` is always present, `null` when there is nothing to say.
        if let data { try container.encode(data, forKey: .data) } else { try container.encodeNil(forKey: .data) }
    }
}

/// Lets an existential payload (an error's `data`) go through the generic envelope.
struct AnyEncodable: Encodable {
    let value: any Encodable

    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}
