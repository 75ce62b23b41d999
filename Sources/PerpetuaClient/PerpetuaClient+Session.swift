import AsyncHTTPClient
import Foundation
import Synchronization

/// Sessions and agent sign-on (API.md §2.1, §2.3).
extension PerpetuaClient {
    /// A client logged in as `username`: `POST /v1/public/user/login`, then a session.
    public static func login(
        baseURL: String, username: String, password: String, httpClient: HTTPClient = .shared
    ) async throws(PerpetuaClientError) -> PerpetuaClient {
        let client = PerpetuaClient(baseURL: baseURL, httpClient: httpClient)
        try await client.login(username: username, password: password)
        return client
    }

    /// `POST /v1/public/user/login`. On success the client switches to a session: the access
    /// token goes on every private call and the `refresh_token` cookie from `Set-Cookie` is
    /// kept for ``refreshToken()`` (done automatically when a call answers 10003).
    @discardableResult
    public func login(username: String, password: String) async throws(PerpetuaClientError) -> LoginResponse {
        let body: JSONValue = ["username": .string(username), "password": .string(password)]
        return try await startSession("/v1/public/user/login", body: body)
    }

    /// `POST /v1/public/user/register` (when the server allows sign-up); starts a session
    /// like ``login(username:password:)``.
    @discardableResult
    public func register(username: String, password: String) async throws(PerpetuaClientError) -> LoginResponse {
        let body: JSONValue = ["username": .string(username), "password": .string(password)]
        return try await startSession("/v1/public/user/register", body: body)
    }

    /// `POST /v1/public/user/refresh-token`: a new access token for the session's cookie;
    /// the server rotates the cookie and the client keeps the new one. Concurrent callers
    /// share one refresh.
    public func refreshToken() async throws(PerpetuaClientError) {
        let current: String? = auth.withLock { state in
            if case .session(let session) = state { return session.accessToken }
            return nil
        }
        guard let current, try await refreshSession(replacing: current) else {
            throw .invalidRequest("refresh-token needs a session with a refresh cookie: log in first")
        }
    }

    /// `POST /v1/private/user/logout` with the access token and the cookie; the client has no
    /// credentials afterwards.
    public func logout() async throws(PerpetuaClientError) {
        let _: EmptyResponse = try await call(.post, "/v1/private/user/logout", json: JSONValue.object([:]),
                                              auth: .credentialsAndCookie)
        auth.withLock { $0 = .none }
    }

    /// `POST /v1/private/user/agent-sso/ticket` (JWT only): a single-use ticket for an agent
    /// with at most `permissions` (`READ`, `TRADE`), valid `ttlSeconds` ≤ 300.
    public func createAgentTicket(
        label: String, permissions: [String], ttlSeconds: Int
    ) async throws(PerpetuaClientError) -> AgentTicket {
        let body: JSONValue = [
            "label": .string(label), "permissions": .array(permissions.map(JSONValue.string)),
            "ttlSeconds": .number(String(ttlSeconds)),
        ]
        return try await call(.post, "/v1/private/user/agent-sso/ticket", json: body)
    }

    /// `POST /v1/private/user/agent-sso/embed-token` (JWT only): a single-use token for an
    /// embedded widget, valid `ttlSeconds` ≤ 60.
    public func createEmbedToken(
        permissions: [String], ttlSeconds: Int
    ) async throws(PerpetuaClientError) -> EmbedToken {
        let body: JSONValue = [
            "permissions": .array(permissions.map(JSONValue.string)), "ttlSeconds": .number(String(ttlSeconds)),
        ]
        return try await call(.post, "/v1/private/user/agent-sso/embed-token", json: body)
    }

    /// `POST /v1/public/agent-sso/exchange-ticket`: starts an agent session on this client,
    /// scoped to the ticket's permissions (with a refresh cookie).
    @discardableResult
    public func exchangeTicket(_ ticket: String) async throws(PerpetuaClientError) -> LoginResponse {
        try await startSession("/v1/public/agent-sso/exchange-ticket", body: ["ticket": .string(ticket)])
    }

    /// `POST /v1/public/agent-sso/exchange-embed-token`: starts a session on this client with
    /// the returned access token (no refresh cookie, so it is not refreshed).
    @discardableResult
    public func exchangeEmbedToken(_ embedToken: String) async throws(PerpetuaClientError) -> LoginResponse {
        try await startSession("/v1/public/agent-sso/exchange-embed-token", body: ["embedToken": .string(embedToken)])
    }

    // MARK: Internals

    /// Posts `body` to a public endpoint that answers with login state, and makes its token
    /// (and cookie, when set) this client's session.
    private func startSession(_ path: String, body: JSONValue) async throws(PerpetuaClientError) -> LoginResponse {
        let response = try await send(makeRequest(.post, path, body: try encodeBody(body), auth: .none))
        let login = try Self.decode(LoginResponse.self, from: response)
        let cookie = SetCookie.refreshToken(in: response.headers) ?? nil
        auth.withLock { $0 = .session(SessionState(accessToken: login.accessToken, refreshCookie: cookie)) }
        return login
    }

    /// What a caller that found `staleToken` rejected should do.
    private enum RefreshStep {
        case retry
        case wait(Task<Void, any Error>)
        case impossible
    }

    /// Refreshes the session unless the token was already replaced since `staleToken`;
    /// joins a refresh under way instead of starting a second one. Returns `false` when
    /// there is nothing to refresh with (no session, or a session without a cookie).
    func refreshSession(replacing staleToken: String) async throws(PerpetuaClientError) -> Bool {
        let step: RefreshStep = auth.withLock { state in
            guard case .session(var session) = state else { return .impossible }
            if session.accessToken != staleToken { return .retry }
            if let running = session.refreshing { return .wait(running) }
            guard session.refreshCookie != nil else { return .impossible }
            let task = Task { try await self.performRefresh() }
            session.refreshing = task
            state = .session(session)
            return .wait(task)
        }
        switch step {
        case .retry:
            return true
        case .impossible:
            return false
        case .wait(let task):
            do {
                try await task.value
                return true
            } catch let error as PerpetuaClientError {
                throw error
            } catch {
                throw .transport(error)
            }
        }
    }

    /// One `refresh-token` round trip; stores the new token and rotated cookie, and always
    /// clears the running-refresh marker.
    private func performRefresh() async throws {
        do {
            let response = try await send(
                makeRequest(.post, "/v1/public/user/refresh-token", body: Data("{}".utf8), auth: .refreshCookie))
            let login = try Self.decode(LoginResponse.self, from: response)
            let cookie = SetCookie.refreshToken(in: response.headers)
            auth.withLock { state in
                guard case .session(var session) = state else { return }
                session.accessToken = login.accessToken
                if let cookie { session.refreshCookie = cookie }
                session.refreshing = nil
                state = .session(session)
            }
        } catch {
            auth.withLock { state in
                guard case .session(var session) = state else { return }
                session.refreshing = nil
                state = .session(session)
            }
            throw error
        }
    }
}
