import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The transport over swift-server's `HTTPClient`.
public struct AsyncHTTPClientTransport: HTTPTransport {
    /// The HTTP client requests go through.
    public let httpClient: HTTPClient
    /// How long one request may take, connection included.
    public let timeout: TimeAmount
    /// The largest response body accepted.
    public let maxResponseBytes: Int
    /// Whether ``shutdown()`` shuts `httpClient` down (only for one this transport made).
    public let ownsHTTPClient: Bool

    /// A transport over `httpClient` (the process-wide shared one by default), which
    /// ``shutdown()`` leaves running.
    public init(httpClient: HTTPClient = .shared, timeout: TimeAmount = .seconds(30), maxResponseBytes: Int = 16 << 20) {
        self.httpClient = httpClient
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
        self.ownsHTTPClient = false
    }

    /// A transport with an `HTTPClient` of its own, made from `configuration` (e.g. a larger
    /// connection pool for the load generator); ``shutdown()`` shuts it down.
    public init(configuration: HTTPClient.Configuration, timeout: TimeAmount = .seconds(30), maxResponseBytes: Int = 16 << 20) {
        self.httpClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
        self.ownsHTTPClient = true
    }

    public func execute(_ request: PreparedRequest) async throws(PerpetuaClientError) -> RawResponse {
        var http = HTTPClientRequest(url: request.url)
        http.method = request.method.nio
        for header in request.headers { http.headers.add(name: header.name, value: header.value) }
        if !request.body.isEmpty { http.body = .bytes(request.body) }
        do {
            let response = try await httpClient.execute(http, timeout: timeout)
            let buffer = try await response.body.collect(upTo: maxResponseBytes)
            var fields: [(name: String, value: String)] = []
            fields.reserveCapacity(response.headers.count)
            for (name, value) in response.headers { fields.append((name: name, value: value)) }
            return RawResponse(
                status: Int(response.status.code), headers: ResponseHeaders(fields),
                body: Data(buffer.readableBytesView))
        } catch {
            throw .transport(error)
        }
    }

    public func shutdown() async throws {
        if ownsHTTPClient { try await httpClient.shutdown() }
    }
}

extension RequestMethod {
    var nio: HTTPMethod {
        switch self {
        case .get: .GET
        case .post: .POST
        case .put: .PUT
        case .delete: .DELETE
        }
    }
}
