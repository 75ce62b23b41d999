import AsyncHTTPClient
import Foundation
import NIOCore
import Synchronization

/// A typed client for the Perpetua REST API (`API.md`), for the end-to-end tests, the load
/// generator and bots.
///
/// One instance holds a base URL, an `HTTPClient` and credentials: none, an API key (every
/// private request is signed, §2.2), a fixed bearer token (a JWT, or the operator's admin
/// token for the §8 calls), or a JWT session started with ``login(username:password:)``,
/// which refreshes its access token once when a call answers 10003 and retries that call.
///
/// Every call returns the envelope's `data` decoded, or throws ``PerpetuaClientError``:
/// `.api` for a non-zero code, `.transport` when the request did not complete. The layers
/// below are public too: ``makeRequest(_:_:query:body:auth:timestamp:)`` builds the exact
/// bytes, ``send(_:)`` returns status, headers (rate limits, request id) and body, and
/// ``decode(_:from:)`` reads an envelope; none of them needs a socket except `send`.
public final class PerpetuaClient: Sendable {
    /// The server's base URL without a trailing `/`, e.g. `http://127.0.0.1:8080`.
    public let baseURL: String
    /// What carries the requests.
    public let transport: any HTTPTransport
    let auth: Mutex<AuthState>
    private let clockOffset: Atomic<Int64>
    let encoder: JSONEncoder
    /// One decoder for every response (JSONDecoder is thread-safe and has no options set).
    private static let sharedDecoder = JSONDecoder()

    /// A client for `baseURL` over `httpClient` (the process-wide shared one by default,
    /// which ``shutdown()`` leaves running).
    public convenience init(
        baseURL: String, credentials: Credentials = .none, httpClient: HTTPClient = .shared,
        timeout: TimeAmount = .seconds(30)
    ) {
        self.init(baseURL: baseURL, credentials: credentials,
                  transport: AsyncHTTPClientTransport(httpClient: httpClient, timeout: timeout))
    }

    /// A client for `baseURL` over `transport`: an ``AsyncHTTPClientTransport`` (e.g. one
    /// that owns a client with a larger connection pool), or a test double.
    public init(baseURL: String, credentials: Credentials = .none, transport: any HTTPTransport) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.transport = transport
        self.auth = Mutex(AuthState(credentials))
        self.clockOffset = Atomic(0)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        self.encoder = encoder
    }

    /// Shuts the transport down (an `HTTPClient` is shut down only if the transport made it).
    public func shutdown() async throws {
        try await transport.shutdown()
    }

    /// Replaces the credentials (ending any session without logging out).
    public func setCredentials(_ credentials: Credentials) {
        auth.withLock { $0 = AuthState(credentials) }
    }

    /// The current session's access token, or the bearer token; `nil` otherwise.
    public var accessToken: String? {
        auth.withLock { state in
            switch state {
            case .session(let session): session.accessToken
            case .bearer(let token): token
            case .none, .apiKey: nil
            }
        }
    }

    /// The session's `refresh_token` cookie value, if the server set one.
    public var refreshCookie: String? {
        auth.withLock { state in
            if case .session(let session) = state { return session.refreshCookie }
            return nil
        }
    }

    /// Milliseconds added to the local clock for `X-API-TIMESTAMP` (see ``syncClock()``).
    public var clockOffsetMillis: Int64 {
        get { clockOffset.load(ordering: .relaxed) }
        set { clockOffset.store(newValue, ordering: .relaxed) }
    }

    /// The timestamp the next signed request carries: the local clock plus the offset.
    public func currentTimestamp() -> Int64 {
        WallClock.nowMillis() &+ clockOffset.load(ordering: .relaxed)
    }

    // MARK: Building requests

    /// Builds a request without sending it: the URL, the headers (signature, bearer token or
    /// cookie as `auth` asks) and the body. The signature covers exactly `query.raw` and
    /// `body`, which are the bytes sent.
    ///
    /// - Parameter timestamp: the `X-API-TIMESTAMP` to sign with; the current time when `nil`.
    public func makeRequest(
        _ method: RequestMethod, _ path: String, query: QueryString = QueryString(), body: Data = Data(),
        auth endpointAuth: EndpointAuth, timestamp: Int64? = nil
    ) -> PreparedRequest {
        prepare(method, path, query: query, body: body, auth: endpointAuth, timestamp: timestamp).request
    }

    /// `makeRequest`, plus the session access token the request carries (to know, on a
    /// 10003, whether a refresh can help).
    func prepare(
        _ method: RequestMethod, _ path: String, query: QueryString, body: Data,
        auth endpointAuth: EndpointAuth, timestamp: Int64?
    ) -> (request: PreparedRequest, sessionToken: String?) {
        var headers: [(name: String, value: String)] = []
        headers.reserveCapacity(6)
        if !body.isEmpty { headers.append((name: "Content-Type", value: "application/json")) }
        var sessionToken: String?
        if endpointAuth != .none {
            let state = auth.withLock { $0 }
            let wantsCredentials = endpointAuth == .credentials || endpointAuth == .credentialsAndCookie
            let wantsCookie = endpointAuth == .refreshCookie || endpointAuth == .credentialsAndCookie
            switch state {
            case .none:
                break
            case .apiKey(let signer):
                if wantsCredentials {
                    let stamp = String(timestamp ?? currentTimestamp())
                    let signature = signer.signature(
                        timestamp: stamp, method: method.rawValue, path: path, rawQuery: query.raw, body: body)
                    headers.append((name: "X-API-KEY", value: signer.apiKey))
                    headers.append((name: "X-API-TIMESTAMP", value: stamp))
                    if let window = signer.recvWindowHeader {
                        headers.append((name: "X-API-RECV-WINDOW", value: window))
                    }
                    headers.append((name: "X-API-SIGNATURE", value: signature))
                }
            case .bearer(let token):
                if wantsCredentials { headers.append((name: "Authorization", value: "Bearer " + token)) }
            case .session(let session):
                if wantsCredentials {
                    headers.append((name: "Authorization", value: "Bearer " + session.accessToken))
                    sessionToken = session.accessToken
                }
                if wantsCookie, let cookie = session.refreshCookie {
                    headers.append((name: "Cookie", value: "refresh_token=" + cookie))
                }
            }
        }
        let url = query.isEmpty ? baseURL + path : baseURL + path + "?" + query.raw
        let request = PreparedRequest(
            method: method, path: path, rawQuery: query.raw, url: url, headers: headers, body: body)
        return (request, sessionToken)
    }

    /// Encodes a request body as JSON: keys sorted, `nil` optionals left out.
    public func encodeBody(_ body: some Encodable) throws(PerpetuaClientError) -> Data {
        do {
            return try encoder.encode(body)
        } catch {
            throw .invalidRequest("body does not encode: \(error)")
        }
    }

    // MARK: Sending

    /// Sends a prepared request and returns the response as received. Throws only
    /// `.transport`: an error envelope is a normal response here.
    public func send(_ request: PreparedRequest) async throws(PerpetuaClientError) -> RawResponse {
        try await transport.execute(request)
    }

    /// Builds and sends one request; the response as received (status, headers with the
    /// `X-RateLimit-*` and `X-Request-Id` values, body bytes).
    public func send(
        _ method: RequestMethod, _ path: String, query: QueryString = QueryString(), body: Data = Data(),
        auth endpointAuth: EndpointAuth
    ) async throws(PerpetuaClientError) -> RawResponse {
        try await send(makeRequest(method, path, query: query, body: body, auth: endpointAuth))
    }

    // MARK: Reading responses

    /// Reads the envelope of `response`: its `data` as `T` when `code` is 0, otherwise
    /// `.api(code:message:httpStatus:data:)`. Pure; no socket involved.
    public static func decode<T: Decodable>(
        _ type: T.Type = T.self, from response: RawResponse
    ) throws(PerpetuaClientError) -> T {
        let decoder = Self.sharedDecoder
        let envelope: Envelope<T>
        do {
            envelope = try decoder.decode(Envelope<T>.self, from: response.body)
        } catch {
            if (try? decoder.decode(Envelope<EmptyResponse>.self, from: response.body)) != nil {
                throw .decoding(httpStatus: response.status, description: String(describing: error))
            }
            throw .invalidResponse(
                httpStatus: response.status, body: String(decoding: response.body.prefix(512), as: UTF8.self))
        }
        guard envelope.code == 0, let success = envelope.success else {
            throw .api(
                code: envelope.code, message: envelope.message, httpStatus: response.status,
                data: envelope.errorData)
        }
        return success
    }

    // MARK: Calls

    /// Calls one endpoint and decodes its `data` as `T`. In a session, a 10003 answer to a
    /// request that carried the session's token refreshes the token once and retries.
    public func call<T: Decodable>(
        _ method: RequestMethod, _ path: String, query: QueryString = QueryString(), body: Data = Data(),
        auth endpointAuth: EndpointAuth = .credentials, as type: T.Type = T.self
    ) async throws(PerpetuaClientError) -> T {
        let (request, sessionToken) = prepare(
            method, path, query: query, body: body, auth: endpointAuth, timestamp: nil)
        let response = try await send(request)
        do {
            return try Self.decode(T.self, from: response)
        } catch {
            guard error.code == 10003, let sessionToken,
                try await refreshSession(replacing: sessionToken)
            else { throw error }
            let retry = makeRequest(method, path, query: query, body: body, auth: endpointAuth)
            return try Self.decode(T.self, from: try await send(retry))
        }
    }

    /// ``call(_:_:query:body:auth:as:)`` with a JSON body.
    public func call<T: Decodable>(
        _ method: RequestMethod, _ path: String, json body: some Encodable,
        auth endpointAuth: EndpointAuth = .credentials, as type: T.Type = T.self
    ) async throws(PerpetuaClientError) -> T {
        try await call(method, path, body: try encodeBody(body), auth: endpointAuth, as: T.self)
    }
}
