import PerpetuaCore
import Testing

@Suite("CRC32")
struct CRC32Tests {
    @Test("the standard check value: CRC-32 of \"123456789\" is 0xCBF43926")
    func checkValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test("continuing a checksum over two halves equals the checksum of the whole")
    func continuing() {
        let bytes = Array("the quick brown fox jumps over the lazy dog".utf8)
        let first = CRC32.checksum(bytes[..<10])
        #expect(CRC32.checksum(bytes[10...], continuing: first) == CRC32.checksum(bytes))
    }

    /// The depth checksum vectors of `shared/vectors/wire.json` (API.md §6.1).
    @Test("API.md depth checksum vectors", arguments: [
        ("3366.1:7.0:3366.8:9.0:3368:8.0", Int32(127_671_690)),
        ("65000.5:1.25:65000.6:0.75:65000.4:0.5:64999:3", Int32(662_068_042)),
        ("1.0001:10", Int32(-1_083_678_018)),
    ])
    func depthVectors(text: String, expected: Int32) {
        #expect(CRC32.signedChecksum(text) == expected)
    }
}
