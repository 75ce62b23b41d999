/// A client-chosen order id, `^[A-Za-z0-9_:.\-]{1,36}$` (API.md §1), stored inline.
///
/// The engine looks client ids up on every order and keeps them for seven days; holding
/// the 36 bytes in fixed words instead of a `String` keeps that path free of reference
/// counting and heap allocation.
public struct ClientOrderId: Hashable, Sendable, CustomStringConvertible {
    private var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0, w3: UInt64 = 0, w4: UInt64 = 0
    private var count: UInt8 = 0

    /// The longest id the API accepts.
    public static let maximumLength = 36

    /// Validates and stores `text`; nil when it is empty, longer than 36 characters or
    /// contains anything but letters, digits and `_ : . -`.
    public init?(_ text: some StringProtocol) {
        let bytes = text.utf8
        guard !bytes.isEmpty, bytes.count <= Self.maximumLength else { return nil }
        var words = [UInt64](repeating: 0, count: 5)
        for (i, byte) in bytes.enumerated() {
            let allowed = (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "-")
            guard allowed else { return nil }
            words[i / 8] |= UInt64(byte) << (UInt64(i % 8) * 8)
        }
        (w0, w1, w2, w3, w4) = (words[0], words[1], words[2], words[3], words[4])
        count = UInt8(bytes.count)
    }

    /// The id as the client sent it.
    public var description: String {
        let words = [w0, w1, w2, w3, w4]
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(count))
        for i in 0..<Int(count) { bytes.append(UInt8(truncatingIfNeeded: words[i / 8] >> (UInt64(i % 8) * 8))) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
