import PerpetuaCore
import Testing

@Suite("Binary writer and reader")
struct BinaryCodingTests {
    @Test("every kind of value reads back as written, at the boundaries")
    func roundTrip() throws {
        var w = BinaryWriter()
        let unsigned: [UInt64] = [0, 1, 127, 128, 16_383, 16_384, UInt64(UInt32.max), .max]
        let signed: [Int64] = [0, -1, 1, -64, 64, .min, .max]
        let wide: [Int128] = [0, -1, .min, .max, Int128(Int64.max) * 1_000]
        for v in unsigned { w.write(v) }
        for v in signed { w.write(v) }
        for v in wide { w.write(v) }
        w.write(true); w.write(false)
        w.writeFixed(UInt32(0xDEAD_BEEF)); w.writeFixed(UInt64(0x0123_4567_89AB_CDEF))
        w.write("BTCUSDT ✓")
        w.write(try Price(parsing: "65000.5"))
        w.writeOptional(Optional<Int64>.none) { $0.write($1) }
        w.writeOptional(Optional<Int64>.some(-7)) { $0.write($1) }
        var r = BinaryReader(w.bytes)
        for v in unsigned { #expect(try r.readUInt64() == v) }
        for v in signed { #expect(try r.readInt64() == v) }
        for v in wide { #expect(try r.readInt128() == v) }
        #expect(try r.readBool() == true)
        #expect(try r.readBool() == false)
        #expect(try r.readFixedUInt32() == 0xDEAD_BEEF)
        #expect(try r.readFixedUInt64() == 0x0123_4567_89AB_CDEF)
        #expect(try r.readString() == "BTCUSDT ✓")
        #expect(try r.read(Price.self) == (try Price(parsing: "65000.5")))
        #expect(try r.readOptional { try $0.readInt64() } == nil)
        #expect(try r.readOptional { try $0.readInt64() } == -7)
        #expect(r.isAtEnd)
    }

    @Test("small values stay small: one byte below 128, zigzag keeps -1 at one byte")
    func compact() {
        var w = BinaryWriter()
        w.write(UInt64(127))
        w.write(Int64(-1))
        #expect(w.bytes == [127, 1])
    }

    @Test("every truncation of valid input fails with an error, never a trap or a wrong value")
    func truncated() {
        var w = BinaryWriter()
        w.write(UInt64.max)
        w.write("hello")
        w.write(Int128.min)
        for cut in 0..<w.bytes.count {
            var r = BinaryReader(Array(w.bytes[..<cut]))
            #expect(throws: BinaryDecodingError.self) {
                _ = try r.readUInt64()
                _ = try r.readString()
                _ = try r.readInt128()
            }
        }
    }

    @Test("malformed input is named: an overlong varint, a bad boolean, invalid UTF-8")
    func malformed() {
        var overlong = BinaryReader([UInt8](repeating: 0xFF, count: 11))
        #expect(throws: BinaryDecodingError.self) { _ = try overlong.readUInt64() }
        var boolean = BinaryReader([2])
        #expect(throws: BinaryDecodingError.malformed(offset: 0, reason: "boolean is not 0 or 1")) { _ = try boolean.readBool() }
        var text = BinaryReader([2, 0xC3, 0x28])
        #expect(throws: BinaryDecodingError.self) { _ = try text.readString() }
    }
}
