#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 address or CIDR block of an API key's whitelist (API.md §2.2).
public struct IPAddressRange: Hashable, Sendable, CustomStringConvertible {
    /// The network's bytes (4 or 16) and prefix length.
    let bytes: [UInt8]
    let prefix: Int
    public let description: String

    /// Parses `203.0.113.7`, `203.0.113.0/24`, `2001:db8::1` or `2001:db8::/32`; nil when
    /// malformed or the prefix is out of range.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let bytes = Self.parseAddress(String(parts[0])) else { return nil }
        let maxPrefix = bytes.count * 8
        var prefix = maxPrefix
        if parts.count == 2 {
            guard let value = Int(parts[1]), (0...maxPrefix).contains(value), parts[1].allSatisfy(\.isNumber) else { return nil }
            prefix = value
        }
        self.bytes = bytes
        self.prefix = prefix
        self.description = text
    }

    /// Whether `address` (textual) falls in the range. IPv4-mapped IPv6 addresses
    /// (`::ffff:a.b.c.d`) match IPv4 ranges.
    public func contains(_ address: String) -> Bool {
        guard var candidate = Self.parseAddress(address) else { return false }
        if candidate.count == 16, bytes.count == 4, candidate[0..<10].allSatisfy({ $0 == 0 }), candidate[10] == 0xff, candidate[11] == 0xff {
            candidate = Array(candidate[12...])
        }
        guard candidate.count == bytes.count else { return false }
        var remaining = prefix
        for index in bytes.indices where remaining > 0 {
            let bits = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xff << (8 - bits))
            if candidate[index] & mask != bytes[index] & mask { return false }
            remaining -= bits
        }
        return true
    }

    /// 4 bytes for IPv4, 16 for IPv6; nil when not an address.
    static func parseAddress(_ text: String) -> [UInt8]? {
        var v4 = [UInt8](repeating: 0, count: 4)
        if inet_pton(AF_INET, text, &v4) == 1 { return v4 }
        var v6 = [UInt8](repeating: 0, count: 16)
        if inet_pton(AF_INET6, text, &v6) == 1 { return v6 }
        return nil
    }
}
