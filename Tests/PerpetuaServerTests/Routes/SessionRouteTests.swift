import Foundation
import HTTPTypes
import HummingbirdTesting
import PerpetuaJournal
import PerpetuaServer
import PerpetuaStore
import Synchronization
import Testing

/// Collects values from inside a test client's closure.
final class Recorder: Sendable {
    private let items = Mutex<[[String]]>([])

    func append(_ item: [String]) { items.withLock { $0.append(item) } }
    var all: [[String]] { items.withLock { $0 } }
}

@Suite("Sessions: login, refresh, logout, registration")
struct SessionRouteTests {
    static let password = "correct-horse-42"

    @Test("login answers an access token with the contract's claims and an HttpOnly, SameSite=Strict refresh cookie")
    func login() async throws {
        let harness = try await ServerHarness.start()
        let userId = try await harness.createUser("alice", password: Self.password)
        try await harness.test { client in
            let reply = try await client.call(.post, "/v1/public/user/login", body: #"{"username":"alice","password":"\#(Self.password)"}"#)
            #expect(reply.status == .ok && reply.code == 0)
            #expect(reply.object["tokenType"] as? String == "Bearer")
            #expect(reply.object["expiresIn"] as? Int64 == 900)
            let cookie = try #require(reply.refreshCookie)
            #expect(cookie.contains("; HttpOnly") && cookie.contains("; SameSite=Strict") && cookie.contains("; Path=/v1"))
            #expect(!cookie.contains("Secure"))
            #expect(reply.refreshToken?.isEmpty == false)
            let claims = reply.session.claims
            #expect(claims["sub"] as? String == String(userId))
            #expect((claims["sid"] as? String)?.isEmpty == false)
            #expect(claims["scope"] as? [String] == ["READ", "TRADE"])
            #expect(claims["iat"] as? Int64 == ServerHarness.startTime / 1000)
            #expect(claims["exp"] as? Int64 == ServerHarness.startTime / 1000 + 900)
            #expect((claims["jti"] as? String)?.isEmpty == false)
            // The token works on a private endpoint.
            let info = try await client.call(.get, "/v1/private/user/info", headers: reply.session.bearer)
            #expect(info.code == 0 && info.object["username"] as? String == "alice")
        }
        await harness.stop()
    }

    @Test("login refuses a wrong password, an unknown user and missing fields")
    func loginFailures() async throws {
        let harness = try await ServerHarness.start()
        _ = try await harness.createUser("alice", password: Self.password)
        try await harness.test { client in
            let wrong = try await client.call(.post, "/v1/public/user/login", body: #"{"username":"alice","password":"nope-123456"}"#)
            #expect(wrong.status == .unauthorized && wrong.code == 10003)
            #expect(wrong.refreshCookie == nil)
            let unknown = try await client.call(.post, "/v1/public/user/login", body: #"{"username":"nobody","password":"nope-123456"}"#)
            #expect(unknown.status == .unauthorized && unknown.code == 10003 && unknown.msg == wrong.msg)
            let missing = try await client.call(.post, "/v1/public/user/login", body: #"{"username":"alice"}"#)
            #expect(missing.status == .badRequest && missing.code == 12001)
            #expect(missing.object["field"] as? String == "password")
            let number = try await client.call(.post, "/v1/public/user/login", body: #"{"username":"alice","password":12345678}"#)
            #expect(number.code == 12001 && number.object["field"] as? String == "password")
        }
        await harness.stop()
    }

    @Test("the refresh cookie is Secure when configured")
    func secureCookie() async throws {
        let harness = try await ServerHarness.start { $0.auth.secureCookies = true }
        _ = try await harness.createUser("alice", password: Self.password)
        try await harness.test { client in
            let reply = try await client.call(.post, "/v1/public/user/login", body: #"{"username":"alice","password":"\#(Self.password)"}"#)
            #expect(reply.refreshCookie?.hasSuffix("; Secure") == true)
        }
        await harness.stop()
    }

    @Test("refresh rotates the cookie and answers a new access token; without a cookie it answers 10003")
    func refreshRotates() async throws {
        let harness = try await ServerHarness.start()
        _ = try await harness.createUser("alice", password: Self.password)
        try await harness.test { client in
            let session = try await client.login("alice", Self.password)
            try await harness.exchange.sequencer.advanceClock(by: 60_000)
            let refreshed = try await client.call(.post, "/v1/public/user/refresh-token", headers: session.cookie)
            #expect(refreshed.code == 0 && refreshed.object["tokenType"] as? String == "Bearer")
            let next = refreshed.session
            #expect(next.refreshToken != nil && next.refreshToken != session.refreshToken)
            #expect(next.accessToken != session.accessToken)
            #expect(next.claims["sid"] as? String == session.claims["sid"] as? String)
            #expect(next.claims["iat"] as? Int64 == (ServerHarness.startTime + 60_000) / 1000)
            // The new token refreshes again.
            let again = try await client.call(.post, "/v1/public/user/refresh-token", headers: next.cookie)
            #expect(again.code == 0)
            let none = try await client.call(.post, "/v1/public/user/refresh-token")
            #expect(none.status == .unauthorized && none.code == 10003)
            let bogus = try await client.call(.post, "/v1/public/user/refresh-token", headers: [.cookie: "refresh_token=rt_bogus"])
            #expect(bogus.code == 10003)
        }
        await harness.stop()
    }

    @Test("presenting a rotated refresh token revokes the whole session: its access tokens and newest cookie stop working")
    func refreshReuseRevokes() async throws {
        let harness = try await ServerHarness.start()
        _ = try await harness.createUser("alice", password: Self.password)
        try await harness.test { client in
            let session = try await client.login("alice", Self.password)
            let rotated = try await client.call(.post, "/v1/public/user/refresh-token", headers: session.cookie)
            let current = rotated.session
            // Warm the authenticator's session cache, so the test proves it is told.
            #expect(try await client.call(.get, "/v1/private/user/info", headers: current.bearer).code == 0)
            let replay = try await client.call(.post, "/v1/public/user/refresh-token", headers: session.cookie)
            #expect(replay.status == .unauthorized && replay.code == 10003)
            #expect(replay.msg.contains("already used"))
            #expect(replay.refreshCookie?.contains("Max-Age=0") == true)
            for token in [session, current] {
                let info = try await client.call(.get, "/v1/private/user/info", headers: token.bearer)
                #expect(info.status == .unauthorized && info.code == 10003)
            }
            let newest = try await client.call(.post, "/v1/public/user/refresh-token", headers: current.cookie)
            #expect(newest.code == 10003)
        }
        await harness.stop()
    }

    @Test("an access token expires after accessTokenSeconds on the exchange clock; refresh gives a working one")
    func accessTokenExpires() async throws {
        let harness = try await ServerHarness.start()
        _ = try await harness.createUser("alice", password: Self.password)
        try await harness.test { client in
            let session = try await client.login("alice", Self.password)
            try await harness.exchange.sequencer.advanceClock(by: 900_000)
            let expired = try await client.call(.get, "/v1/private/user/info", headers: session.bearer)
            #expect(expired.status == .unauthorized && expired.code == 10003 && expired.msg.contains("expired"))
            let refreshed = try await client.call(.post, "/v1/public/user/refresh-token", headers: session.cookie)
            #expect(try await client.call(.get, "/v1/private/user/info", headers: refreshed.session.bearer).code == 0)
        }
        await harness.stop()
    }

    @Test("a session ends refreshTokenSeconds after login")
    func sessionLifetime() async throws {
        let harness = try await ServerHarness.start { $0.auth.refreshTokenSeconds = 3600 }
        _ = try await harness.createUser("alice", password: Self.password)
        try await harness.test { client in
            let session = try await client.login("alice", Self.password)
            try await harness.exchange.sequencer.advanceClock(by: 3_600_000)
            let late = try await client.call(.post, "/v1/public/user/refresh-token", headers: session.cookie)
            #expect(late.code == 10003)
        }
        await harness.stop()
    }

    @Test("logout needs the JWT and the cookie, revokes the session and clears the cookie")
    func logout() async throws {
        let harness = try await ServerHarness.start()
        let userId = try await harness.createUser("alice", password: Self.password)
        let key = try await harness.createApiKey(userId: userId)
        try await harness.test { client in
            let session = try await client.login("alice", Self.password)
            let noCookie = try await client.call(.post, "/v1/private/user/logout", headers: session.bearer)
            #expect(noCookie.status == .unauthorized && noCookie.code == 10003)
            let noToken = try await client.call(.post, "/v1/private/user/logout", headers: session.cookie)
            #expect(noToken.code == 10003)
            let withKey = try await client.call(.post, "/v1/private/user/logout", credentials: key, headers: session.cookie)
            #expect(withKey.status == .forbidden && withKey.code == 10009)
            // The cookie of another session (or a made-up one) does not go with this token.
            let second = try await client.login("alice", Self.password)
            var mixed = session.bearer
            mixed[.cookie] = "refresh_token=\(second.refreshToken ?? "")"
            let crossed = try await client.call(.post, "/v1/private/user/logout", headers: mixed)
            #expect(crossed.status == .unauthorized && crossed.code == 10003 && crossed.msg.contains("does not belong"), "\(crossed.msg)")
            mixed[.cookie] = "refresh_token=rt_madeup"
            #expect(try await client.call(.post, "/v1/private/user/logout", headers: mixed).code == 10003)
            #expect(try await client.call(.get, "/v1/private/user/info", headers: session.bearer).code == 0)
            #expect(try await client.call(.get, "/v1/private/user/info", headers: second.bearer).code == 0)
            let out = try await client.call(.post, "/v1/private/user/logout", headers: session.bearerAndCookie)
            #expect(out.code == 0)
            #expect(out.refreshCookie?.hasPrefix("refresh_token=;") == true)
            #expect(out.refreshCookie?.contains("Max-Age=0") == true)
            #expect(try await client.call(.get, "/v1/private/user/info", headers: session.bearer).code == 10003)
            #expect(try await client.call(.post, "/v1/public/user/refresh-token", headers: session.cookie).code == 10003)
            // Another session of the same user is untouched.
            let other = try await client.login("alice", Self.password)
            #expect(try await client.call(.get, "/v1/private/user/info", headers: other.bearer).code == 0)
        }
        await harness.stop()
    }

    @Test("failed logins lock out a username with 11001 and Retry-After, answering alike whether it exists or not")
    func throttleDoesNotRevealUsers() async throws {
        // One harness per username: the lock-out also counts per address, and the in-process
        // client always comes from the same one.
        let answers = Recorder()
        for username in ["alice", "ghost"] {
            let harness = try await ServerHarness.start { $0.auth.maxLoginFailures = 3 }
            _ = try await harness.createUser("alice", password: Self.password)
            try await harness.test { client in
                var seen: [String] = []
                for _ in 0..<3 {
                    let reply = try await client.call(.post, "/v1/public/user/login", body: #"{"username":"\#(username)","password":"guess-1234"}"#)
                    #expect(reply.code == 10003)
                    seen.append("\(reply.status.code) \(reply.code) \(reply.msg)")
                }
                // Locked out now, even with the right password.
                let locked = try await client.call(.post, "/v1/public/user/login", body: #"{"username":"\#(username)","password":"\#(Self.password)"}"#)
                #expect(locked.status == .tooManyRequests && locked.code == 11001)
                let retry = Int(locked.headers[.retryAfter] ?? "") ?? 0
                #expect(retry > 0 && retry <= 900)
                #expect(locked.refreshCookie == nil)
                seen.append("\(locked.status.code) \(locked.code) \(locked.msg.replacingOccurrences(of: "\(retry)", with: "N"))")
                answers.append(seen)
            }
            await harness.stop()
        }
        let both = answers.all
        #expect(both.count == 2 && both.first == both.last)
    }

    @Test("a successful login clears the username's failures")
    func successResetsFailures() async throws {
        let harness = try await ServerHarness.start { $0.auth.maxLoginFailures = 3 }
        _ = try await harness.createUser("alice", password: Self.password)
        try await harness.test { client in
            for _ in 0..<2 {
                #expect(try await client.call(.post, "/v1/public/user/login", body: #"{"username":"alice","password":"guess-1234"}"#).code == 10003)
            }
            _ = try await client.login("alice", Self.password)
            // The username starts again, so this failure is answered as one...
            let failed = try await client.call(.post, "/v1/public/user/login", body: #"{"username":"alice","password":"guess-1234"}"#)
            #expect(failed.code == 10003)
            // ...but the address kept its count and now has 3 of 3.
            let blocked = try await client.call(.post, "/v1/public/user/login", body: #"{"username":"alice","password":"\#(Self.password)"}"#)
            #expect(blocked.code == 11001)
        }
        await harness.stop()
    }

    @Test("login and registration share the login bucket: X-RateLimit headers, then 429 with Retry-After")
    func loginBucket() async throws {
        let harness = try await ServerHarness.start { $0.rateLimits.loginPerIP = BucketSettings(capacity: 3, windowSeconds: 60) }
        _ = try await harness.createUser("alice", password: Self.password)
        try await harness.test { client in
            for remaining in [2, 1] {
                let reply = try await client.call(.post, "/v1/public/user/login", body: #"{"username":"alice","password":"\#(Self.password)"}"#)
                #expect(reply.code == 0)
                #expect(reply.headers[HTTPField.Name("X-RateLimit-Limit")!] == "3")
                #expect(reply.headers[HTTPField.Name("X-RateLimit-Remaining")!] == String(remaining))
                #expect(Int(reply.headers[HTTPField.Name("X-RateLimit-Reset")!] ?? "") ?? 0 > 0)
            }
            let register = try await client.call(.post, "/v1/public/user/register", body: #"{"username":"bob","password":"\#(Self.password)"}"#)
            #expect(register.headers[HTTPField.Name("X-RateLimit-Remaining")!] == "0")
            let refused = try await client.call(.post, "/v1/public/user/login", body: #"{"username":"alice","password":"\#(Self.password)"}"#)
            #expect(refused.status == .tooManyRequests && refused.code == 11001)
            #expect(Int(refused.headers[.retryAfter] ?? "") ?? 0 > 0)
            #expect(refused.headers[HTTPField.Name("X-RateLimit-Remaining")!] == "0")
        }
        await harness.stop()
    }

    @Test("registration, when enabled, creates a user who can log in; the rules answer 12001 naming the field")
    func registration() async throws {
        let harness = try await ServerHarness.start { configuration in
            configuration.registrationEnabled = true
            configuration.rateLimits.loginPerIP = BucketSettings(capacity: 100, windowSeconds: 60)
        }
        try await harness.test { client in
            let created = try await client.call(.post, "/v1/public/user/register", body: #"{"username":"carol","password":"\#(Self.password)"}"#)
            #expect(created.code == 0)
            // Registration signs the new user in, as login does (API.md §5.1 "§2.1").
            #expect(created.object["tokenType"] as? String == "Bearer")
            #expect((created.object["accessToken"] as? String)?.isEmpty == false)
            #expect(created.refreshCookie != nil)
            _ = try await client.login("carol", Self.password)
            let cases: [(String, String, String)] = [
                (#"{"username":"carol","password":"\#(Self.password)"}"#, "username", "already taken"),
                (#"{"username":"ab","password":"\#(Self.password)"}"#, "username", "3 to 32"),
                (#"{"username":"bad name","password":"\#(Self.password)"}"#, "username", "may contain only"),
                (#"{"username":"_dave","password":"\#(Self.password)"}"#, "username", "start with"),
                (#"{"username":"dave","password":"short1"}"#, "password", "at least 8"),
                (#"{"username":"dave","password":"\#(String(repeating: "a1", count: 37))"}"#, "password", "at most 72"),
                (#"{"username":"dave","password":"lettersonly"}"#, "password", "one letter and one digit"),
                (#"{"username":"dave","password":"Dave12345"}"#, "password", "username"),
                (#"{"username":"dave"}"#, "password", "required"),
            ]
            for (body, field, phrase) in cases {
                let reply = try await client.call(.post, "/v1/public/user/register", body: body)
                #expect(reply.status == .badRequest && reply.code == 12001, "\(body)")
                #expect(reply.object["field"] as? String == field, "\(body)")
                #expect(reply.msg.contains(phrase), "\(body): \(reply.msg)")
            }
        }
        await harness.stop()
    }

    @Test("registration, when disabled, answers 10007/403 saying so")
    func registrationDisabled() async throws {
        let harness = try await ServerHarness.start()
        try await harness.test { client in
            let reply = try await client.call(.post, "/v1/public/user/register", body: #"{"username":"carol","password":"\#(Self.password)"}"#)
            #expect(reply.status == .forbidden && reply.code == 10007)
            #expect(reply.msg.contains("registration is disabled"))
            #expect(try await harness.exchange.store.user(username: "carol") == nil)
        }
        await harness.stop()
    }
}
