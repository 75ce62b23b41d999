/// What carries a ``PreparedRequest`` to the server and brings back the response.
///
/// ``AsyncHTTPClientTransport`` is the real one; tests plug in their own to run the client
/// (login, refresh on 10003, retry) without a socket.
public protocol HTTPTransport: Sendable {
    /// Sends `request`; throws only ``PerpetuaClientError/transport(_:)``. An error envelope
    /// is a normal response.
    func execute(_ request: PreparedRequest) async throws(PerpetuaClientError) -> RawResponse

    /// Releases what the transport owns; called by ``PerpetuaClient/shutdown()``.
    func shutdown() async throws
}
