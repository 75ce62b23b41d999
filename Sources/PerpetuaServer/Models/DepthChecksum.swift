import PerpetuaCore

/// The depth checksum of API.md §6.1: up to 25 levels a side, interleaved
/// `bidPrice:bidQty:askPrice:askQty` level by level (the longer side continuing alone),
/// joined with `:`, CRC32 (IEEE) as a signed 32-bit integer, over the strings sent.
public enum DepthChecksum {
    public static let levels = 25

    public static func string(bids: [[String]], asks: [[String]]) -> String {
        var parts: [String] = []
        for index in 0..<levels {
            if index < bids.count { parts.append(bids[index][0]); parts.append(bids[index][1]) }
            if index < asks.count { parts.append(asks[index][0]); parts.append(asks[index][1]) }
        }
        return parts.joined(separator: ":")
    }

    public static func compute(bids: [[String]], asks: [[String]]) -> Int32 {
        CRC32.signedChecksum(string(bids: bids, asks: asks))
    }
}
