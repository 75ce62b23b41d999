import HTTPTypes
import PerpetuaCore
import PerpetuaStore

/// Login, refresh, logout and registration (API.md §2.1).
extension APIRouter {
    func addSessionRoutes(_ gateway: Gateway) {
        let store = gateway.exchange.store
        let authenticator = gateway.authenticator
        let passwords = gateway.passwords
        let throttle = gateway.loginThrottle
        let configuration = gateway.configuration

        post("/v1/public/user/login", access: .login) { request in
            let body = try request.decode(CredentialsBody.self)
            guard !body.username.isEmpty else { throw APIError.invalid("username", "is required") }
            guard !body.password.isEmpty else { throw APIError.invalid("password", "is required") }
            let address = authenticator.clientAddress(request.head, context: request.context)
            // A locked-out attempt is refused before the lookup: same answer, same time,
            // whether the username exists or not.
            try throttle.check(username: body.username, address: address, headers: request.context.responseHeaders)
            let user = try await store.user(username: body.username)
            var valid = false
            if let user {
                valid = try await passwords.verify(body.password, hash: user.passwordHash)
            } else {
                try await passwords.verifyNobody(body.password)
            }
            guard let user, valid else {
                throttle.recordFailure(username: body.username, address: address)
                throw APIError(.authRequired, message: "invalid username or password")
            }
            throttle.recordSuccess(username: body.username)
            return try await gateway.openSession(
                userId: user.id, scope: Permission.allCases, agentLabel: nil, now: request.now,
                headers: request.context.responseHeaders)
        }

        post("/v1/public/user/refresh-token", access: .open) { request in
            guard let presented = RefreshCookie.token(in: request.head) else {
                throw APIError(.authRequired, message: "no refresh_token cookie: log in with POST /v1/public/user/login")
            }
            return try await gateway.refreshSession(presented: presented, now: request.now, headers: request.context.responseHeaders)
        }

        // Listed under the user endpoints (READ), and JWT only: it ends a session, which an
        // API key does not have. An agent may end its own session.
        post("/v1/private/user/logout", access: .user(.read)) { request in
            guard let principal = request.principal else { throw APIError(.authRequired, message: "log in first") }
            let sessionId: String
            switch principal.credential {
            case .session(let id), .agent(let id):
                sessionId = id
            case .apiKey:
                throw APIError(.jwtRequired, message: "logout ends a login session: send its access token (Authorization: Bearer) and its refresh_token cookie, not an API key")
            case .embed, .operator:
                throw APIError(.permissionDenied, message: "an embedded widget's token has no session to log out; it expires on its own")
            }
            guard let cookie = RefreshCookie.token(in: request.head) else {
                throw APIError(.authRequired, message: "logout needs the session's refresh_token cookie as well as its access token")
            }
            // Both halves must be of one session: an access token alone (say, one read from a
            // log) cannot end a session, and neither can it end another one of the user's.
            guard try await store.refreshTokenSession(hash: OpaqueToken.hash(cookie)) == sessionId else {
                throw APIError(
                    .authRequired,
                    message: "the refresh_token cookie does not belong to this access token's session: send the cookie that came with it")
            }
            _ = try await store.revokeSession(id: sessionId, at: request.now)
            authenticator.sessionRevoked(sessionId)
            request.context.responseHeaders.append(.setCookie, RefreshCookie.clear(secure: configuration.auth.secureCookies))
            return EmptyResource()
        }

        post("/v1/public/user/register", access: .login) { request in
            // 403 rather than 404: the endpoint exists (it is in the contract), this server
            // just does not open accounts to the public.
            guard configuration.allowsRegistration else {
                throw APIError(
                    .permissionDenied,
                    message: "registration is disabled on this server; ask the operator for an account")
            }
            let body = try request.decode(CredentialsBody.self)
            try CredentialRules.checkUsername(body.username)
            try CredentialRules.checkPassword(body.password, username: body.username)
            let hash = try await passwords.hash(body.password)
            let user: UserRecord
            do {
                user = try await store.createUser(username: body.username, passwordHash: hash, nickname: nil, createdAt: request.now)
            } catch StoreError.duplicate {
                throw APIError.invalid("username", "is already taken; choose another")
            }
            // API.md §5.1: register answers as login does (§2.1), so a new user is signed in.
            return try await gateway.openSession(
                userId: user.id, scope: [.read, .trade], agentLabel: nil, now: request.now, headers: request.context.responseHeaders)
        }
    }
}
