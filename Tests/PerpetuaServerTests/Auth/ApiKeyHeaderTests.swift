import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The API-key headers of API.md §2.2 when they are missing or malformed: §3 gives 10003 for
/// "no credentials, malformed header" and 10001 for a signature that does not match.
@Suite("API-key headers")
struct ApiKeyHeaderTests {
    static let signature = HTTPField.Name("X-API-SIGNATURE")!
    static let timestamp = HTTPField.Name("X-API-TIMESTAMP")!

    @Test("no signature or no timestamp is 10003; a signature that is not 64 hex digits is 10001; the signed request passes")
    func headerShapes() async throws {
        let harness = try await ServerHarness.start()
        let key = try await harness.createApiKey(userId: try await harness.createUser("alice"))
        try await harness.test { client in
            let path = "/v1/private/user/asset"
            let signed = key.headers(method: .get, pathWithQuery: path, body: "")
            #expect(try await client.call(.get, path, headers: signed).code == 0)

            var unsigned = signed
            unsigned[Self.signature] = nil
            let missing = try await client.call(.get, path, headers: unsigned)
            #expect(missing.status == .unauthorized && missing.code == 10003)
            #expect(missing.msg.contains("X-API-SIGNATURE is missing"))

            var garbled = signed
            garbled[Self.signature] = "not-a-signature"
            let malformed = try await client.call(.get, path, headers: garbled)
            #expect(malformed.status == .unauthorized && malformed.code == 10001)

            var untimed = signed
            untimed[Self.timestamp] = nil
            let noTime = try await client.call(.get, path, headers: untimed)
            #expect(noTime.status == .unauthorized && noTime.code == 10003)
        }
        await harness.stop()
    }
}
