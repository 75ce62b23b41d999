import Foundation
import PerpetuaClient
import PerpetuaCore
import Testing

@Suite("Reading the envelope")
struct EnvelopeTests {
    @Test("code 0 decodes data as the call's type")
    func success() throws {
        let response = RawResponse.envelope(#"{"code":0,"msg":"OK","data":{"serverTime":1763700000000}}"#)
        let time = try PerpetuaClient.decode(ServerTime.self, from: response)
        #expect(time.serverTime == 1_763_700_000_000)
    }

    @Test("13015 carries the existing order in data")
    func duplicateClientOrderId() throws {
        let response = RawResponse.envelope(
            #"{"code":13015,"msg":"duplicate clientOrderId: bot-42","data":"# + Samples.order + "}", status: 409)
        let error = try #require(throws: PerpetuaClientError.self) {
            try PerpetuaClient.decode(Order.self, from: response)
        }
        guard case .api(let code, let message, let status, let data) = error else {
            Issue.record("expected an API error, got \(error)")
            return
        }
        #expect(code == 13015 && status == 409 && message == "duplicate clientOrderId: bot-42")
        #expect(error.errorCode == .duplicateClientOrderId)
        #expect(data.clientOrderId?.stringValue == "bot-42")
        let existing = try #require(error.existingOrder)
        #expect(existing.orderId == "1001" && existing.executedQty == "0.004" && existing.status == "PARTIALLY_FILLED")
    }

    @Test("10002 carries serverTime in data")
    func timestampOutOfWindow() throws {
        let response = RawResponse.envelope(
            #"{"code":10002,"msg":"timestamp outside the receive window","data":{"serverTime":1763700009999}}"#,
            status: 401)
        let error = try #require(throws: PerpetuaClientError.self) {
            try PerpetuaClient.decode(Asset.self, from: response)
        }
        #expect(error.code == 10002)
        #expect(error.serverTime == 1_763_700_009_999)
        #expect(error.data.serverTime == .number("1763700009999"))
        #expect(error.existingOrder == nil)
    }

    @Test("an error without data has data .null; 12001 keeps its details")
    func errorDetails() throws {
        let bare = try #require(throws: PerpetuaClientError.self) {
            try PerpetuaClient.decode(Asset.self, from: .envelope(#"{"code":10003,"msg":"token expired"}"#, status: 401))
        }
        #expect(bare.code == 10003 && bare.data == .null)
        let detailed = try #require(throws: PerpetuaClientError.self) {
            try PerpetuaClient.decode(Order.self, from: .envelope(
                #"{"code":13003,"msg":"price not on tick","data":{"field":"price","tickSize":"0.1"}}"#, status: 400))
        }
        #expect(detailed.data.field?.stringValue == "price")
        #expect(detailed.data.tickSize?.stringValue == "0.1")
        #expect(detailed.errorCode == .priceNotOnTick)
    }

    @Test("a body that is not an envelope is .invalidResponse; a wrong data shape is .decoding")
    func malformed() throws {
        let html = try #require(throws: PerpetuaClientError.self) {
            try PerpetuaClient.decode(Asset.self, from: RawResponse(
                status: 502, headers: ResponseHeaders([]), body: Data("<html>Bad Gateway</html>".utf8)))
        }
        guard case .invalidResponse(502, let body) = html else {
            Issue.record("expected invalidResponse, got \(html)")
            return
        }
        #expect(body.contains("Bad Gateway"))
        let shape = try #require(throws: PerpetuaClientError.self) {
            try PerpetuaClient.decode(Asset.self, from: .envelope(#"{"code":0,"msg":"OK","data":{"asset":"USDT"}}"#))
        }
        guard case .decoding(200, _) = shape else {
            Issue.record("expected decoding, got \(shape)")
            return
        }
    }

    @Test("null or missing data is fine for EmptyResponse and JSONValue")
    func emptyData() throws {
        _ = try PerpetuaClient.decode(EmptyResponse.self, from: .envelope(#"{"code":0,"msg":"OK","data":null}"#))
        _ = try PerpetuaClient.decode(EmptyResponse.self, from: .envelope(#"{"code":0,"msg":"OK"}"#))
        _ = try PerpetuaClient.decode(EmptyResponse.self, from: .envelope(#"{"code":0,"msg":"OK","data":{"x":1}}"#))
        let value = try PerpetuaClient.decode(JSONValue.self, from: .envelope(#"{"code":0,"msg":"OK","data":null}"#))
        #expect(value == .null)
    }

    @Test("rate-limit and request-id headers are read case-insensitively")
    func headers() {
        let headers = ResponseHeaders([
            (name: "x-ratelimit-limit", value: "1200"), (name: "X-RateLimit-Remaining", value: "1187"),
            (name: "X-RATELIMIT-RESET", value: "42"), (name: "Retry-After", value: "3"),
            (name: "X-Request-Id", value: "req-1"),
        ])
        #expect(headers.rateLimit == RateLimitStatus(limit: 1200, remaining: 1187, resetSeconds: 42, retryAfterSeconds: 3))
        #expect(headers.requestId == "req-1")
        #expect(headers["content-type"] == nil)
    }

    @Test("JSON numbers keep their digits; values round-trip")
    func jsonValue() throws {
        let text = #"{"a":[1,-2.50,true,null,"x"],"big":123456789012345678901234567890,"t":1763700000000}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(value.t?.int64Value == 1_763_700_000_000)
        #expect(value.a?[1] == .number("-2.5"))
        #expect(value.a?[2]?.boolValue == true)
        #expect(value.a?[3]?.isNull == true)
        #expect(value.big?.stringValue == "123456789012345678901234567890")
        let again = try JSONDecoder().decode(JSONValue.self, from: Data(value.description.utf8))
        #expect(again == value)
    }
}
