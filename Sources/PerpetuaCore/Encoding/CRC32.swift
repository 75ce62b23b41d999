/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320): the checksum of journal records
/// and snapshots, and of WebSocket depth messages (API.md §6.1).
public enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// The checksum of `bytes`, continuing from `crc` (0 to start).
    public static func checksum(_ bytes: some Sequence<UInt8>, continuing crc: UInt32 = 0) -> UInt32 {
        var c = ~crc
        for byte in bytes { c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return ~c
    }

    /// The checksum of a string's UTF-8 bytes as a signed 32-bit integer, the form API.md
    /// §6.1 publishes.
    public static func signedChecksum(_ text: String) -> Int32 {
        Int32(bitPattern: checksum(text.utf8))
    }
}
