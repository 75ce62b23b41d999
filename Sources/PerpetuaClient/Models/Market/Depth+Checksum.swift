import PerpetuaCore

extension Depth {
    /// The text the §6.1 checksum is taken of: up to 25 levels per side, interleaved
    /// `bidPrice:bidQty:askPrice:askQty` level by level (continuing with the longer side),
    /// joined with `:`; prices and quantities exactly as received.
    public static func checksumString(bids: [DepthLevel], asks: [DepthLevel]) -> String {
        var parts: [String] = []
        parts.reserveCapacity(100)
        for index in 0..<min(25, max(bids.count, asks.count)) {
            if index < bids.count {
                parts.append(bids[index].price)
                parts.append(bids[index].quantity)
            }
            if index < asks.count {
                parts.append(asks[index].price)
                parts.append(asks[index].quantity)
            }
        }
        return parts.joined(separator: ":")
    }

    /// The CRC32 (IEEE) of ``checksumString(bids:asks:)`` as a signed 32-bit integer.
    public static func checksum(bids: [DepthLevel], asks: [DepthLevel]) -> Int32 {
        CRC32.signedChecksum(checksumString(bids: bids, asks: asks))
    }

    /// Whether `checksum` matches the levels. The REST depth is truncated to `limit` levels,
    /// so this holds when the server checksums the same levels it sends (at least 25 per
    /// side or the whole side).
    public var hasValidChecksum: Bool { Self.checksum(bids: bids, asks: asks) == checksum }
}
