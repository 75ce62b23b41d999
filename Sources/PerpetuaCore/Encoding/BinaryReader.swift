/// Reads what ``BinaryWriter`` wrote, failing with ``BinaryDecodingError`` (never trapping)
/// on truncated or malformed input, because its input may be a torn journal tail.
public struct BinaryReader: Sendable {
    private let bytes: [UInt8]
    /// The position of the next byte to read.
    public private(set) var offset: Int

    public init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    /// Whether every byte has been read.
    public var isAtEnd: Bool { offset >= bytes.count }
    /// How many bytes are left.
    public var remaining: Int { max(0, bytes.count - offset) }

    public mutating func readByte() throws(BinaryDecodingError) -> UInt8 {
        guard offset < bytes.count else { throw .truncated(offset: offset) }
        defer { offset += 1 }
        return bytes[offset]
    }

    public mutating func readUInt64() throws(BinaryDecodingError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            if shift == 63, byte > 1 { throw .malformed(offset: offset - 1, reason: "varint overflows 64 bits") }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw .malformed(offset: offset - 1, reason: "varint longer than 10 bytes") }
        }
    }

    public mutating func readInt64() throws(BinaryDecodingError) -> Int64 {
        let raw = try readUInt64()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    public mutating func readInt() throws(BinaryDecodingError) -> Int {
        let value = try readInt64()
        guard let result = Int(exactly: value) else { throw .malformed(offset: offset, reason: "integer out of range") }
        return result
    }

    public mutating func readBool() throws(BinaryDecodingError) -> Bool {
        switch try readByte() {
        case 0: return false
        case 1: return true
        default: throw .malformed(offset: offset - 1, reason: "boolean is not 0 or 1")
        }
    }

    public mutating func readInt128() throws(BinaryDecodingError) -> Int128 {
        let low = try readUInt64()
        let high = try readUInt64()
        return Int128(bitPattern: (UInt128(high) << 64) | UInt128(low))
    }

    public mutating func readFixedUInt32() throws(BinaryDecodingError) -> UInt32 {
        var value: UInt32 = 0
        for shift in stride(from: 0, to: 32, by: 8) { value |= UInt32(try readByte()) << UInt32(shift) }
        return value
    }

    public mutating func readFixedUInt64() throws(BinaryDecodingError) -> UInt64 {
        var value: UInt64 = 0
        for shift in stride(from: 0, to: 64, by: 8) { value |= UInt64(try readByte()) << UInt64(shift) }
        return value
    }

    /// Length-prefixed bytes.
    public mutating func readBytes() throws(BinaryDecodingError) -> [UInt8] {
        let count = try readUInt64()
        guard count <= UInt64(remaining) else { throw .truncated(offset: offset) }
        defer { offset += Int(count) }
        return Array(bytes[offset..<offset + Int(count)])
    }

    /// `count` raw bytes without a length prefix.
    public mutating func readRaw(_ count: Int) throws(BinaryDecodingError) -> ArraySlice<UInt8> {
        guard count >= 0, count <= remaining else { throw .truncated(offset: offset) }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    public mutating func readString() throws(BinaryDecodingError) -> String {
        let raw = try readBytes()
        guard let text = String(validating: raw, as: UTF8.self) else {
            throw .malformed(offset: offset, reason: "string is not UTF-8")
        }
        return text
    }

    public mutating func read<T: FixedPointDecimal>(_: T.Type) throws(BinaryDecodingError) -> T {
        T(units: try readInt64())
    }

    /// An optional written by ``BinaryWriter/writeOptional(_:_:)``.
    public mutating func readOptional<T>(_ body: (inout BinaryReader) throws -> T) throws -> T? {
        try readBool() ? try body(&self) : nil
    }
}

/// Why binary input could not be read.
public enum BinaryDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The input ended in the middle of a value.
    case truncated(offset: Int)
    /// The input holds a value that the format never writes.
    case malformed(offset: Int, reason: String)

    public var description: String {
        switch self {
        case .truncated(let offset): "input ends in the middle of a value at byte \(offset)"
        case .malformed(let offset, let reason): "malformed input at byte \(offset): \(reason)"
        }
    }
}
