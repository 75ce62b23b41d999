import PerpetuaCore
import Testing

/// The journal checksums every record with ``CRC32``; its fast path (slicing-by-8 over
/// contiguous bytes) must agree with the plain byte-at-a-time definition.
@Suite("Record checksums")
struct ChecksumTests {
    static func reference(_ bytes: [UInt8], continuing crc: UInt32 = 0) -> UInt32 {
        var c = ~crc
        for byte in bytes {
            c ^= UInt32(byte)
            for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        }
        return ~c
    }

    @Test("arrays, slices and non-contiguous sequences of every length up to 64 match the definition")
    func fastPathMatches() {
        var random = SeededRandom(seed: 3)
        for length in 0...64 {
            let bytes = (0..<length + 5).map { _ in UInt8.random(in: 0...255, using: &random) }
            let body = Array(bytes[2..<length + 2])
            let expected = Self.reference(body)
            #expect(CRC32.checksum(body) == expected)
            #expect(CRC32.checksum(bytes[2..<length + 2]) == expected)
            #expect(CRC32.checksum(body.lazy.map { $0 }) == expected)
            #expect(CRC32.checksum(body, continuing: 0x1234_5678) == Self.reference(body, continuing: 0x1234_5678))
        }
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }
}
