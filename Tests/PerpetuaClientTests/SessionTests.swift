import Foundation
import PerpetuaClient
import Synchronization
import Testing

/// A fake server for the session flow: login hands out `access-1` and cookie `r1`; the
/// first private call with `access-1` answers 10003 (expired); refresh with `r1` hands out
/// `access-2` and rotates the cookie to `r2`; a rotated cookie presented again answers 401.
final class SessionServer: Sendable {
    let refreshes = Atomic<Int>(0)

    func respond(_ request: PreparedRequest) -> RawResponse {
        switch request.path {
        case "/v1/public/user/login":
            return .envelope(
                #"{"code":0,"msg":"OK","data":{"accessToken":"access-1","tokenType":"Bearer","expiresIn":900}}"#,
                headers: [(name: "Set-Cookie", value: "refresh_token=r1; HttpOnly; SameSite=Strict; Path=/v1")])
        case "/v1/public/user/refresh-token":
            refreshes.add(1, ordering: .relaxed)
            guard request.header("Cookie") == "refresh_token=r1" else {
                return .envelope(#"{"code":10003,"msg":"refresh token reused; session revoked"}"#, status: 401)
            }
            return .envelope(
                #"{"code":0,"msg":"OK","data":{"accessToken":"access-2","tokenType":"Bearer","expiresIn":900}}"#,
                headers: [(name: "Set-Cookie", value: "refresh_token=r2; HttpOnly; SameSite=Strict; Path=/v1")])
        case "/v1/private/user/logout":
            return .envelope(#"{"code":0,"msg":"OK","data":null}"#,
                             headers: [(name: "Set-Cookie", value: "refresh_token=; Max-Age=0; Path=/v1")])
        default:
            guard request.header("Authorization") == "Bearer access-2" else {
                return .envelope(#"{"code":10003,"msg":"token expired"}"#, status: 401)
            }
            return .envelope(#"{"code":0,"msg":"OK","data":{"serverTime":42}}"#,
                             headers: [(name: "X-Request-Id", value: "r-\(request.path)")])
        }
    }
}

@Suite("JWT sessions (API.md §2.1)")
struct SessionTests {
    @Test("login keeps the token and cookie; a 10003 refreshes once and the call is retried")
    func refreshAndRetry() async throws {
        let server = SessionServer()
        let transport = RecordingTransport { server.respond($0) }
        let client = PerpetuaClient(baseURL: "http://h:1", transport: transport)
        let login = try await client.login(username: "alice", password: "pw")
        #expect(login.accessToken == "access-1" && login.expiresIn == 900)
        #expect(client.accessToken == "access-1" && client.refreshCookie == "r1")

        let time: ServerTime = try await client.call(.get, "/v1/private/user/whatever")
        #expect(time.serverTime == 42)
        #expect(client.accessToken == "access-2" && client.refreshCookie == "r2")
        #expect(server.refreshes.load(ordering: .relaxed) == 1)

        let paths = transport.requests.map(\.path)
        #expect(paths == ["/v1/public/user/login", "/v1/private/user/whatever", "/v1/public/user/refresh-token",
                          "/v1/private/user/whatever"])
        let loginBody = String(decoding: transport.requests[0].body, as: UTF8.self)
        #expect(loginBody == #"{"password":"pw","username":"alice"}"#)
        #expect(transport.requests[0].header("Authorization") == nil)
        #expect(transport.requests[2].header("Authorization") == nil)
        #expect(transport.requests[3].header("Authorization") == "Bearer access-2")
    }

    @Test("concurrent calls that hit an expired token share one refresh")
    func singleFlightRefresh() async throws {
        let server = SessionServer()
        let client = PerpetuaClient(baseURL: "http://h:1", transport: RecordingTransport { server.respond($0) })
        try await client.login(username: "alice", password: "pw")
        try await withThrowingTaskGroup(of: Int64.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    let time: ServerTime = try await client.call(.get, "/v1/private/user/info")
                    return time.serverTime
                }
            }
            for try await value in group { #expect(value == 42) }
        }
        // One refresh: a second one would present the rotated cookie and revoke the session.
        #expect(server.refreshes.load(ordering: .relaxed) == 1)
    }

    @Test("a 10003 without a session is thrown as it is, without a refresh")
    func noSessionNoRefresh() async throws {
        let server = SessionServer()
        let transport = RecordingTransport { server.respond($0) }
        let client = PerpetuaClient(baseURL: "http://h:1", credentials: .bearer("stale"), transport: transport)
        let error = await #expect(throws: PerpetuaClientError.self) {
            _ = try await client.userInfo()
        }
        #expect(error?.code == 10003)
        #expect(transport.requests.count == 1)
    }

    @Test("logout sends the token and the cookie, then the client has no credentials")
    func logout() async throws {
        let server = SessionServer()
        let transport = RecordingTransport { server.respond($0) }
        let client = PerpetuaClient(baseURL: "http://h:1", transport: transport)
        try await client.login(username: "alice", password: "pw")
        try await client.logout()
        let request = try #require(transport.requests.last)
        #expect(request.path == "/v1/private/user/logout")
        #expect(request.header("Authorization") == "Bearer access-1")
        #expect(request.header("Cookie") == "refresh_token=r1")
        #expect(client.accessToken == nil && client.refreshCookie == nil)
    }

    @Test("send exposes status and headers")
    func rawSend() async throws {
        let server = SessionServer()
        let client = PerpetuaClient(baseURL: "http://h:1", credentials: .bearer("access-2"),
                                    transport: RecordingTransport { server.respond($0) })
        let response = try await client.send(.get, "/v1/time", auth: .credentials)
        #expect(response.status == 200)
        #expect(response.headers.requestId == "r-/v1/time")
    }
}

@Suite("JWT sessions without a refresh cookie")
struct EmbedSessionTests {
    @Test("an embed-token session has no cookie: its 10003 is thrown as it is")
    func embedSession() async throws {
        let transport = RecordingTransport { request in
            request.path == "/v1/public/agent-sso/exchange-embed-token"
                ? .envelope(#"{"code":0,"msg":"OK","data":{"accessToken":"embed-1","tokenType":"Bearer","expiresIn":60}}"#)
                : .envelope(#"{"code":10003,"msg":"token expired"}"#, status: 401)
        }
        let client = PerpetuaClient(baseURL: "http://h:1", transport: transport)
        try await client.exchangeEmbedToken("e-1")
        #expect(client.accessToken == "embed-1" && client.refreshCookie == nil)
        let body = String(decoding: transport.requests[0].body, as: UTF8.self)
        #expect(body == #"{"embedToken":"e-1"}"#)
        let error = await #expect(throws: PerpetuaClientError.self) {
            _ = try await client.asset()
        }
        #expect(error?.code == 10003)
        #expect(transport.requests.count == 2)
        await #expect(throws: PerpetuaClientError.self) { try await client.refreshToken() }
    }
}
