import Foundation

/// A response as received: status, headers and body bytes, before the envelope is read.
public struct RawResponse: Sendable {
    public var status: Int
    public var headers: ResponseHeaders
    public var body: Data

    public init(status: Int, headers: ResponseHeaders, body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
