import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PerpetuaCore
import PerpetuaEngine
import PerpetuaServer
import PerpetuaStore
import Testing

/// Users with real passwords, and clients that log in the way a browser does.
extension ServerHarness {
    /// A user whose password is hashed with the gateway's bcrypt, so that it can log in.
    func createUser(_ name: String, password: String, deposit: String? = nil) async throws -> UInt64 {
        let hash = try await gateway.passwords.hash(password)
        let user = try await exchange.store.createUser(username: name, passwordHash: hash, nickname: nil, createdAt: exchange.now)
        if let deposit { _ = try await exchange.submit(.deposit(account: user.id, amount: Self.amount(deposit))) }
        return user.id
    }
}

/// A logged-in session as a client holds it: the access token and the refresh cookie.
struct SessionTokens: Sendable {
    var accessToken: String
    var refreshToken: String?

    /// `Authorization: Bearer …`.
    var bearer: HTTPFields { [.authorization: "Bearer \(accessToken)"] }
    /// The refresh cookie alone.
    var cookie: HTTPFields { [.cookie: "refresh_token=\(refreshToken ?? "")"] }
    /// Both, as a browser sends them to a `/v1` path.
    var bearerAndCookie: HTTPFields { [.authorization: "Bearer \(accessToken)", .cookie: "refresh_token=\(refreshToken ?? "")"] }

    /// The claims of the access token, decoded without checking the signature.
    var claims: [String: Any] {
        let part = accessToken.split(separator: ".").dropFirst().first.map(String.init) ?? ""
        var base64 = part.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object
    }
}

extension Reply {
    /// The `Set-Cookie` value for `refresh_token`, if the response set one.
    var refreshCookie: String? {
        headers[values: .setCookie].first { $0.hasPrefix("refresh_token=") }
    }

    /// The token the refresh cookie stores (nil when absent or cleared).
    var refreshToken: String? {
        guard let cookie = refreshCookie else { return nil }
        let value = cookie.dropFirst("refresh_token=".count).prefix { $0 != ";" }
        return value.isEmpty ? nil : String(value)
    }

    /// The session this login-like answer opened.
    var session: SessionTokens {
        SessionTokens(accessToken: object["accessToken"] as? String ?? "", refreshToken: refreshToken)
    }
}

extension TestClientProtocol {
    /// Logs in and returns the session; fails the test when login fails.
    func login(_ username: String, _ password: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> SessionTokens {
        let reply = try await call(.post, "/v1/public/user/login", body: #"{"username":"\#(username)","password":"\#(password)"}"#)
        #expect(reply.code == 0, "login of \(username): \(reply.msg)", sourceLocation: sourceLocation)
        return reply.session
    }
}

extension Dictionary where Key == String, Value == Any {
    /// Whether the JSON object has `key` as null or lacks it (JSONSerialization reads null as
    /// `NSNull`, not nil).
    func isNullOrMissing(_ key: String) -> Bool {
        guard let value = self[key] else { return true }
        return value is NSNull
    }
}

extension ServerHarness {
    /// Runs `body` against a real server on a loopback port, where requests have a socket
    /// peer (127.0.0.1 or ::1): what IP whitelists and trusted proxies are checked against.
    func testLive(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let (router, _) = gateway.makeRouter()
        let app = Application(router: router)
        try await app.test(.live) { client in try await body(client) }
    }
}
