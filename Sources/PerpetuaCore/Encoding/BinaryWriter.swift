/// Appends values in the compact binary form of the journal and snapshots: LEB128 varints
/// for unsigned integers, zigzag varints for signed ones, length-prefixed bytes and strings.
/// The format is little-endian and has no padding, so it is the same on every machine.
public struct BinaryWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    /// Forgets the bytes but keeps the storage, for reuse across records.
    public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    @inlinable public mutating func write(_ value: UInt8) { bytesAppend(value) }

    @usableFromInline mutating func bytesAppend(_ value: UInt8) { bytes.append(value) }

    /// An unsigned LEB128 varint: 7 bits a byte, low bits first.
    public mutating func write(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// A signed value as a zigzag varint, so small negative numbers stay short.
    public mutating func write(_ value: Int64) {
        write(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    public mutating func write(_ value: Int) { write(Int64(value)) }

    public mutating func write(_ value: Bool) { bytes.append(value ? 1 : 0) }

    /// A 128-bit signed value as two zigzag-free words (low, then high).
    public mutating func write(_ value: Int128) {
        write(UInt64(truncatingIfNeeded: value))
        write(UInt64(truncatingIfNeeded: value >> 64))
    }

    /// A fixed-width little-endian 32-bit word (record headers).
    public mutating func writeFixed(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    /// A fixed-width little-endian 64-bit word.
    public mutating func writeFixed(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    /// Length-prefixed raw bytes.
    public mutating func write(_ data: some Collection<UInt8>) {
        write(UInt64(data.count))
        bytes.append(contentsOf: data)
    }

    /// A length-prefixed UTF-8 string.
    public mutating func write(_ text: String) { write(Array(text.utf8)) }

    /// Any fixed-point decimal, as its signed units.
    @inlinable public mutating func write<T: FixedPointDecimal>(_ value: T) { write(value.units) }

    /// An optional: a presence byte, then the value.
    ///
    /// Inlinable so that callers in other modules get it specialised: unspecialised, every
    /// call looked up the metadata of `Optional<T>` at run time, about 6 % of the journal
    /// thread's time in `bench journal`.
    @inlinable public mutating func writeOptional<T>(_ value: T?, _ body: (inout BinaryWriter, T) -> Void) {
        if let value {
            write(true)
            body(&self, value)
        } else {
            write(false)
        }
    }

    /// Appends raw bytes without a length (for headers built separately).
    public mutating func append(raw: some Sequence<UInt8>) { bytes.append(contentsOf: raw) }
}
