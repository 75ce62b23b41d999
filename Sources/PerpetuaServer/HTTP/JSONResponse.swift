import Foundation
import Hummingbird
import NIOCore
import PerpetuaCore

/// Writes envelopes as JSON responses.
enum JSONResponse {
    static let contentType = "application/json; charset=utf-8"

    /// `{"code": 0, "msg": "OK", "data": output}` with status 200.
    static func success<Output: Encodable>(_ output: Output) throws -> Response {
        let data = try StreamingJSONEncoder.encode(Envelope(code: 0, msg: "OK", data: output))
        return Response(
            status: .ok, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The error envelope with the code's status (or `error.status`).
    static func failure(_ error: APIError) -> Response {
        let envelope = Envelope(code: error.code.rawValue, msg: error.message, data: error.data.map { AnyEncodable(value: $0) })
        let data = (try? StreamingJSONEncoder.encode(envelope))
            ?? Array(#"{"code":90002,"msg":"the error could not be encoded","data":null}"#.utf8)
        let status = error.status ?? HTTPResponse.Status(code: error.code.httpStatus)
        return Response(status: status, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
