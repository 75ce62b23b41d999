/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320): the checksum of journal records
/// and snapshots, and of WebSocket depth messages (API.md §6.1).
public enum CRC32 {
    @usableFromInline static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// Eight tables of 256 entries for slicing-by-8: table k gives the CRC of a byte
    /// followed by k zero bytes, so eight input bytes are folded with eight lookups.
    static let slicingTables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for n in 0..<256 { tables[n] = table[n] }
        for n in 0..<256 {
            var c = tables[n]
            for k in 1..<8 {
                c = tables[Int(c & 0xFF)] ^ (c >> 8)
                tables[k * 256 + n] = c
            }
        }
        return tables
    }()

    /// The checksum of `bytes`, continuing from `crc` (0 to start).
    ///
    /// Inlinable so that callers in other modules get it specialised for their collection;
    /// contiguous bytes (arrays, slices, buffers) take the slicing-by-8 path, which journal
    /// recovery and snapshot loading need (a generic byte-at-a-time loop called across a
    /// module boundary ran at about 40 ns a byte).
    @inlinable
    public static func checksum(_ bytes: some Sequence<UInt8>, continuing crc: UInt32 = 0) -> UInt32 {
        if let sum = bytes.withContiguousStorageIfAvailable({ checksum(UnsafeRawBufferPointer($0), continuing: crc) }) {
            return sum
        }
        var c = ~crc
        for byte in bytes { c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return ~c
    }

    /// The checksum of a contiguous buffer, continuing from `crc` (0 to start).
    public static func checksum(_ buffer: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        var c = ~crc
        let count = buffer.count
        var i = 0
        slicingTables.withUnsafeBufferPointer { t in
            while count - i >= 8 {
                let one = (UInt32(buffer[i]) | UInt32(buffer[i + 1]) << 8 | UInt32(buffer[i + 2]) << 16 | UInt32(buffer[i + 3]) << 24) ^ c
                let two = UInt32(buffer[i + 4]) | UInt32(buffer[i + 5]) << 8 | UInt32(buffer[i + 6]) << 16 | UInt32(buffer[i + 7]) << 24
                c = t[7 * 256 + Int(one & 0xFF)] ^ t[6 * 256 + Int((one >> 8) & 0xFF)]
                    ^ t[5 * 256 + Int((one >> 16) & 0xFF)] ^ t[4 * 256 + Int(one >> 24)]
                    ^ t[3 * 256 + Int(two & 0xFF)] ^ t[2 * 256 + Int((two >> 8) & 0xFF)]
                    ^ t[1 * 256 + Int((two >> 16) & 0xFF)] ^ t[Int(two >> 24)]
                i += 8
            }
            while i < count {
                c = t[Int((c ^ UInt32(buffer[i])) & 0xFF)] ^ (c >> 8)
                i += 1
            }
        }
        return ~c
    }

    /// The checksum of a string's UTF-8 bytes as a signed 32-bit integer, the form API.md
    /// §6.1 publishes.
    public static func signedChecksum(_ text: String) -> Int32 {
        Int32(bitPattern: checksum(text.utf8))
    }
}
