import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("System routes and the response envelope")
struct SystemRouteTests {
    @Test("time and version answer in the envelope with a request id and rate-limit headers")
    func timeAndVersion() async throws {
        let harness = try await ServerHarness.start()
        try await harness.test { client in
            let time = try await client.call(.get, "/v1/time")
            #expect(time.status == .ok)
            #expect(time.code == 0 && time.msg == "OK")
            #expect(time.object["exchangeTime"] as? Int64 == ServerHarness.startTime)
            #expect((time.object["serverTime"] as? Int64 ?? 0) > ServerHarness.startTime)
            #expect(time.headers[HTTPField.Name("X-Request-Id")!]?.isEmpty == false)
            #expect(time.headers[HTTPField.Name("X-RateLimit-Limit")!] == "1200")
            #expect(time.headers[HTTPField.Name("X-RateLimit-Remaining")!] == "1199")
            let version = try await client.call(.get, "/v1/version", headers: [HTTPField.Name("X-Request-Id")!: "abc-123"])
            #expect(version.object["apiVersion"] as? String == "v1")
            #expect(version.headers[HTTPField.Name("X-Request-Id")!] == "abc-123")
        }
        await harness.stop()
    }

    @Test("unknown routes answer 12004/404, wrong methods 405 with Allow, both in the envelope")
    func unknownRoutes() async throws {
        let harness = try await ServerHarness.start()
        try await harness.test { client in
            let missing = try await client.call(.get, "/v1/nothing-here")
            #expect(missing.status == .notFound)
            #expect(missing.code == 12004)
            // Every response carries the rate-limit figures, even when no route matched.
            #expect(missing.headers[HTTPField.Name("X-RateLimit-Limit")!] == "1200")
            let wrong = try await client.call(.post, "/v1/time", body: "{}")
            #expect(wrong.status == .methodNotAllowed)
            #expect(wrong.code == 12004)
            #expect(wrong.headers[.allow] == "GET")
        }
        await harness.stop()
    }

    @Test("operator requests carry the rate-limit headers too, showing the IP bucket without taking from it")
    func operatorRateHeaders() async throws {
        let harness = try await ServerHarness.start()
        try await harness.test { client in
            let clock = try await client.call(.get, "/v1/admin/clock", headers: [.authorization: "Bearer test-admin-token"])
            #expect(clock.code == 0)
            #expect(clock.headers[HTTPField.Name("X-RateLimit-Limit")!] == "1200")
            #expect(clock.headers[HTTPField.Name("X-RateLimit-Remaining")!] == "1200")
            let time = try await client.call(.get, "/v1/time")
            #expect(time.headers[HTTPField.Name("X-RateLimit-Remaining")!] == "1199")
        }
        await harness.stop()
    }
}
