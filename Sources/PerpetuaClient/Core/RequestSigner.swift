import Crypto
import Foundation

/// Signs requests with an API key's secret (API.md §2.2).
///
/// The string to sign is `timestamp + apiKey + recvWindow + METHOD + path + ("?" + rawQuery
/// if any) + rawBody`, where `recvWindow` is the header's value or `5000` when the header is
/// absent; the signature is the lower-case hex HMAC-SHA256 of it under the secret.
///
/// The HMAC is keyed once at initialisation and copied for each request; the pieces are fed
/// to it one by one, so no string to sign is ever assembled. Build one signer per key and
/// reuse it: it is a value and safe to share between tasks.
public struct RequestSigner: Sendable {
    /// The key sent in `X-API-KEY`.
    public let apiKey: String
    /// The value sent in `X-API-RECV-WINDOW`, or `nil` to send no such header.
    public let recvWindowHeader: String?
    /// The receive window as it enters the string to sign (`5000` when no header is sent).
    public let signedRecvWindow: String
    private let keyed: HMAC<SHA256>

    /// A signer for `apiKey` with `secret`; `recvWindow` (ms, at most 60000) is sent as
    /// `X-API-RECV-WINDOW` when given.
    public init(apiKey: String, secret: String, recvWindow: Int? = nil) {
        self.apiKey = apiKey
        self.recvWindowHeader = recvWindow.map { String($0) }
        self.signedRecvWindow = recvWindowHeader ?? "5000"
        self.keyed = HMAC<SHA256>(key: SymmetricKey(data: Array(secret.utf8)))
    }

    /// The signature of one request, in lower-case hex.
    ///
    /// - Parameters:
    ///   - timestamp: the `X-API-TIMESTAMP` value (ms since the epoch, as sent).
    ///   - method: `GET`, `POST`, …
    ///   - path: the path without the query, e.g. `/v1/private/order/history`.
    ///   - rawQuery: the query exactly as sent, without `?`; empty when there is none.
    ///   - body: the body bytes exactly as sent; empty for a GET.
    public func signature(
        timestamp: String, method: String, path: String, rawQuery: String, body: some DataProtocol
    ) -> String {
        var mac = keyed
        Self.feed(&mac, timestamp)
        Self.feed(&mac, apiKey)
        Self.feed(&mac, signedRecvWindow)
        Self.feed(&mac, method)
        Self.feed(&mac, path)
        if !rawQuery.isEmpty {
            Self.feed(&mac, "?")
            Self.feed(&mac, rawQuery)
        }
        if !body.isEmpty { mac.update(data: body) }
        return Self.hex(mac.finalize())
    }

    /// The signature of a complete string to sign (for tests and tools).
    public func signature(stringToSign: String) -> String {
        var mac = keyed
        Self.feed(&mac, stringToSign)
        return Self.hex(mac.finalize())
    }

    @inline(__always)
    private static func feed(_ mac: inout HMAC<SHA256>, _ text: String) {
        var text = text
        text.withUTF8 { mac.update(data: UnsafeRawBufferPointer($0)) }
    }

    /// Lower-case hex of `bytes`, written straight into the string's storage.
    static func hex(_ bytes: some ContiguousBytes) -> String {
        bytes.withUnsafeBytes { raw in
            String(unsafeUninitializedCapacity: raw.count * 2) { out in
                var index = 0
                for byte in raw {
                    let high = byte >> 4, low = byte & 0x0F
                    out[index] = high < 10 ? 0x30 &+ high : 0x57 &+ high
                    out[index + 1] = low < 10 ? 0x30 &+ low : 0x57 &+ low
                    index += 2
                }
                return index
            }
        }
    }
}
