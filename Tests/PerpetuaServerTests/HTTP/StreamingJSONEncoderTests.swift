import Foundation
import PerpetuaCore
import PerpetuaEngine
@testable import PerpetuaServer
import Testing

/// The streaming encoder writes what Foundation's `JSONEncoder` writes (as JSON values),
/// with keys in encoding order and strings escaped.
@Suite("StreamingJSONEncoder")
struct StreamingJSONEncoderTests {
    struct Sample: Encodable {
        var text = "quote \" backslash \\ slash / newline \n tab \t bell \u{07} é 😀"
        var number: Int64 = -42
        var unsigned: UInt64 = 18_446_744_073_709_551_615
        var flag = true
        var absent: String? = nil
        @Null var null: String? = nil
        @Null var present: String? = "here"
        var list = ["a", "b"]
        var nested = [["x": 1], ["y": 2]]
        var empty: [String] = []
        var dictionary = ["k": "v"]
    }

    static func foundation<T: Encodable>(_ value: T) throws -> Any {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return try JSONSerialization.jsonObject(with: encoder.encode(value), options: [.fragmentsAllowed])
    }

    static func streaming<T: Encodable>(_ value: T) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(StreamingJSONEncoder.encode(value)), options: [.fragmentsAllowed])
    }

    @Test("same JSON value as JSONEncoder for strings, integers, booleans, nulls, arrays and objects")
    func sameAsFoundation() throws {
        let a = try Self.foundation(Sample()) as! NSDictionary
        let b = try Self.streaming(Sample()) as! NSDictionary
        #expect(a == b)
        #expect(b["absent"] == nil)
        #expect(b["null"] is NSNull)
    }

    @Test("keys in encoding order; escapes exactly as JSON requires")
    func textForm() throws {
        struct Ordered: Encodable {
            var zeta = "\"\\\u{01}"
            var alpha = 1
        }
        let text = String(decoding: try StreamingJSONEncoder.encode(Ordered()), as: UTF8.self)
        #expect(text == #"{"zeta":"\"\\\u0001","alpha":1}"#)
    }

    @Test("envelopes of real resources decode to the same values")
    func resources() throws {
        let order = OrderSnapshot(
            orderId: 7, account: 1, symbol: "BTCUSDT", clientOrderId: ClientOrderId("bot-1"), side: .buy, type: .limit,
            price: try Price(parsing: "65000.5"), quantity: try Quantity(parsing: "0.01"), executedQuantity: .zero,
            cumulativeQuote: ExactProduct(units: 0), status: .new, timeInForce: .gtc, reduceOnly: false,
            selfTradePrevention: .cancelTaker, source: .user, cancelReason: nil, conditionOrderId: nil, strategyId: nil,
            createTime: 1, updateTime: 2, lastFill: nil)
        let envelope = Envelope(code: 0, msg: "OK", data: [OrderResource(order, spec: nil)])
        #expect(try Self.foundation(envelope) as! NSDictionary == Self.streaming(envelope) as! NSDictionary)
        let error = Envelope(code: 10002, msg: "late", data: AnyEncodable(value: ["serverTime": Int64(5)]))
        #expect(try Self.foundation(error) as! NSDictionary == Self.streaming(error) as! NSDictionary)
        let none = Envelope<Int>(code: 12004, msg: "no", data: nil)
        #expect(String(decoding: try StreamingJSONEncoder.encode(none), as: UTF8.self) == #"{"code":12004,"msg":"no","data":null}"#)
    }
}
