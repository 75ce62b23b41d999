/// A query string built in order, percent-encoded once; the same text is sent and signed.
///
/// Parameters appear in the order they were appended. A `nil` value appends nothing, so
/// optional filters can be appended unconditionally. Names and values are encoded with
/// RFC 3986's unreserved set (`A–Z a–z 0–9 - . _ ~`) kept; everything else is `%XX`.
public struct QueryString: Sendable, Hashable, CustomStringConvertible {
    /// The encoded query, without the leading `?`; empty when no parameter was appended.
    public private(set) var raw: String = ""

    /// An empty query.
    public init() {}

    /// Whether no parameter was appended.
    public var isEmpty: Bool { raw.isEmpty }

    public var description: String { raw }

    /// Appends `name=value`; nothing when `value` is `nil`.
    public mutating func append(_ name: String, _ value: String?) {
        guard let value else { return }
        if !raw.isEmpty { raw.append("&") }
        Self.appendEncoded(name, to: &raw)
        raw.append("=")
        Self.appendEncoded(value, to: &raw)
    }

    /// Appends `name=value` for an integer (times, limits); nothing when `nil`.
    public mutating func append(_ name: String, _ value: Int64?) {
        guard let value else { return }
        append(name, String(value))
    }

    /// Appends `name=value` for an integer; nothing when `nil`.
    public mutating func append(_ name: String, _ value: Int?) {
        guard let value else { return }
        append(name, String(value))
    }

    /// Appends `name=true|false`; nothing when `nil`.
    public mutating func append(_ name: String, _ value: Bool?) {
        guard let value else { return }
        append(name, value ? "true" : "false")
    }

    /// Appends the page parameters (`limit`, `startTime`, `endTime`, `cursor`) of `page`.
    public mutating func append(_ page: PageRequest?) {
        guard let page else { return }
        append("limit", page.limit)
        append("startTime", page.startTime)
        append("endTime", page.endTime)
        append("cursor", page.cursor)
    }

    @inline(__always)
    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default: false
        }
    }

    private static func appendEncoded(_ text: String, to output: inout String) {
        if text.utf8.allSatisfy(isUnreserved) {
            output.append(text)
            return
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count * 3)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                bytes.append(byte)
            } else {
                let high = byte >> 4, low = byte & 0x0F
                bytes.append(UInt8(ascii: "%"))
                bytes.append(high < 10 ? 0x30 &+ high : 0x37 &+ high)
                bytes.append(low < 10 ? 0x30 &+ low : 0x37 &+ low)
            }
        }
        output.append(String(decoding: bytes, as: UTF8.self))
    }
}
