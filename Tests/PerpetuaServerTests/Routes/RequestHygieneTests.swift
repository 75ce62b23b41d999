import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PerpetuaServer
import Testing

/// Malformed requests get clean catalogue errors, never a 500 (issue #5 point 5).
@Suite("Request hygiene: bodies, JSON, content types")
struct RequestHygieneTests {
    @Test("a body over the limit answers 12001 naming the limit")
    func oversizedBody() async throws {
        let harness = try await ServerHarness.start { $0.maxBodyBytes = 1024 }
        try await harness.addBTC()
        let user = try await harness.createUser("alice")
        let key = try await harness.createApiKey(userId: user)
        try await harness.test { client in
            let padding = String(repeating: "x", count: 2000)
            let body = #"{"symbol":"BTCUSDT","side":"BUY","type":"LIMIT","quantity":"0.001","price":"65000","clientOrderId":"a","pad":"\#(padding)"}"#
            let reply = try await client.call(.post, "/v1/private/order/place", body: body, credentials: key)
            #expect(reply.status == .badRequest)
            #expect(reply.code == 12001)
            #expect(reply.msg == "the request body is larger than 1024 bytes")
            // Even a refused body carries the caller's rate-limit figures.
            #expect(reply.headers[HTTPField.Name("X-RateLimit-Limit")!] == "1200")
        }
        await harness.stop()
    }

    @Test("malformed JSON, a non-object body and a wrong content type answer 12001")
    func malformed() async throws {
        let harness = try await ServerHarness.start()
        try await harness.addBTC()
        let user = try await harness.createUser("alice")
        let key = try await harness.createApiKey(userId: user)
        try await harness.test { client in
            let broken = try await client.call(.post, "/v1/private/order/place", body: #"{"symbol": "BTCUSDT", "#, credentials: key)
            #expect(broken.status == .badRequest && broken.code == 12001)
            #expect(broken.object["field"] as? String == "body")
            let array = try await client.call(.post, "/v1/private/order/place", body: "[1,2]", credentials: key)
            #expect(array.status == .badRequest && array.code == 12001)
            let wrongType = try await client.call(
                .post, "/v1/admin/deposit", body: "userId=1&amount=5",
                headers: [.authorization: "Bearer test-admin-token", .contentType: "application/x-www-form-urlencoded"])
            #expect(wrongType.status == .badRequest && wrongType.code == 12001)
            #expect(wrongType.object["field"] as? String == "Content-Type")
            #expect(wrongType.headers[HTTPField.Name("X-RateLimit-Remaining")!] != nil)
            // A JSON number where a decimal string belongs: the message shows the string to send.
            let number = try await client.call(
                .post, "/v1/admin/deposit", body: #"{"userId":"1","amount":12.5}"#, headers: [.authorization: "Bearer test-admin-token"])
            #expect(number.code == 12001)
            #expect(number.msg.contains(#"send "12.5""#))
        }
        await harness.stop()
    }

    @Test("a number an integer field cannot hold names the field and what it takes; only malformed JSON names the body")
    func integerFields() async throws {
        let harness = try await ServerHarness.start()
        try await harness.addBTC()
        let user = try await harness.createUser("alice")
        let key = try await harness.createApiKey(userId: user)
        try await harness.test { client in
            let fraction = try await client.call(
                .post, "/v1/private/position/leverage", body: #"{"symbol":"BTCUSDT","leverage":2.5}"#, credentials: key)
            #expect(fraction.status == .badRequest && fraction.code == 12001 && fraction.field == "leverage")
            #expect(fraction.msg == "invalid parameter leverage: must be a whole number, got 2.5")
            // A whole number in another spelling is that number (as the OpenAPI text says).
            for spelling in ["10.0", "1e1"] {
                let whole = try await client.call(
                    .post, "/v1/private/position/leverage", body: #"{"symbol":"BTCUSDT","leverage":\#(spelling)}"#, credentials: key)
                #expect(whole.status == .ok && whole.object["leverage"] as? Int == 10, "\(spelling): \(whole.msg)")
            }
            let huge = try await client.admin(.post, "/v1/admin/clock", body: #"{"time":9999999999999999999}"#)
            #expect(huge.status == .badRequest && huge.code == 12001 && huge.field == "time")
            #expect(huge.msg == "invalid parameter time: must be an integer from -9223372036854775808 to 9223372036854775807, got 9999999999999999999")
            let text = try await client.admin(.post, "/v1/admin/clock", body: #"{"time":"soon"}"#)
            #expect(text.code == 12001 && text.field == "time" && text.msg == "invalid parameter time: must be an integer")
            let null = try await client.admin(.post, "/v1/admin/clock", body: #"{"time":null}"#)
            #expect(null.code == 12001 && null.field == "time" && null.msg == "invalid parameter time: must be an integer, not null")
            // A nested field is named by its whole path.
            let nested = try await client.admin(
                .post, "/v1/admin/symbols",
                body: #"{"symbol":"ETHUSDT","leverageBrackets":[{"bracket":1,"maxLeverage":1e400,"notionalFloor":"0","notionalCap":"1","maintMarginRate":"0.01"}]}"#)
            #expect(nested.code == 12001 && nested.field == "leverageBrackets[0].maxLeverage", "\(nested.msg)")
            #expect(nested.msg.hasPrefix("invalid parameter leverageBrackets[0].maxLeverage: must be an integer"))
            let nestedDecimal = try await client.admin(
                .post, "/v1/admin/symbols",
                body: #"{"symbol":"ETHUSDT","leverageBrackets":[{"bracket":1,"maxLeverage":10,"notionalFloor":0,"notionalCap":"1","maintMarginRate":"0.01"}]}"#)
            #expect(nestedDecimal.code == 12001 && nestedDecimal.field == "leverageBrackets[0].notionalFloor")
            // Only JSON that does not parse is "not a valid JSON object".
            for body in [#"{"time":1"#, #"{"time":01}"#, #"{"time":1}x"#] {
                let broken = try await client.admin(.post, "/v1/admin/clock", body: body)
                #expect(broken.code == 12001 && broken.field == "body" && broken.msg == "invalid parameter body: is not a valid JSON object", "\(body)")
            }
        }
        await harness.stop()
    }
}
