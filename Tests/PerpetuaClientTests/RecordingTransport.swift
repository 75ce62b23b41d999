import Foundation
import PerpetuaClient
import Synchronization

/// A transport without a socket: it records every request and answers with `respond`.
final class RecordingTransport: HTTPTransport {
    private let state = Mutex<[PreparedRequest]>([])
    private let respond: @Sendable (PreparedRequest) -> RawResponse

    init(respond: @escaping @Sendable (PreparedRequest) -> RawResponse = { _ in .envelope(#"{"code":0,"msg":"OK","data":null}"#) }) {
        self.respond = respond
    }

    var requests: [PreparedRequest] { state.withLock { $0 } }

    func execute(_ request: PreparedRequest) async throws(PerpetuaClientError) -> RawResponse {
        state.withLock { $0.append(request) }
        return respond(request)
    }

    func shutdown() async throws {}
}

extension RawResponse {
    /// A response with `json` as its body.
    static func envelope(_ json: String, status: Int = 200, headers: [(name: String, value: String)] = []) -> RawResponse {
        RawResponse(
            status: status, headers: ResponseHeaders([(name: "Content-Type", value: "application/json")] + headers),
            body: Data(json.utf8))
    }
}
