import NIOCore

/// One outbound text message as a complete WebSocket frame: header and UTF-8 payload in one
/// buffer (RFC 6455 §5.2; a server does not mask).
///
/// A broadcast encodes its frame once and every subscriber's socket gets the same bytes in
/// one write, where a `WebSocketFrame` per connection had the frame encoder allocate and
/// write a header for each.
struct StreamFrame: Sendable {
    let bytes: ByteBuffer

    init(_ text: String) {
        let count = text.utf8.count
        var bytes = ByteBufferAllocator().buffer(capacity: count + 10)
        bytes.writeInteger(UInt8(0x81))  // FIN, text
        if count < 126 {
            bytes.writeInteger(UInt8(count))
        } else if count <= Int(UInt16.max) {
            bytes.writeInteger(UInt8(126))
            bytes.writeInteger(UInt16(count))
        } else {
            bytes.writeInteger(UInt8(127))
            bytes.writeInteger(UInt64(count))
        }
        bytes.writeString(text)
        self.bytes = bytes
    }

    private init(bytes: ByteBuffer) {
        self.bytes = bytes
    }

    /// A WebSocket ping without payload (FIN, opcode 9): the server's heartbeat, which a
    /// client answers with a pong frame even when it has nothing to say.
    static let ping = StreamFrame(bytes: ByteBuffer(bytes: [0x89, 0x00]))

    /// The payload's text (for tests and test hooks).
    var text: String { Self.decoding(bytes) }

    /// The payload of an unmasked frame written by ``init(_:)``.
    static func decoding(_ bytes: ByteBuffer) -> String {
        let length = bytes.getInteger(at: bytes.readerIndex + 1, as: UInt8.self)!
        let header = length < 126 ? 2 : (length == 126 ? 4 : 10)
        return bytes.getString(at: bytes.readerIndex + header, length: bytes.readableBytes - header)!
    }
}
