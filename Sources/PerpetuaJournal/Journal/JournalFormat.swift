import PerpetuaCore

/// The journal's on-disk layout, in one place so that the writer, the reader and the tools
/// agree on it.
///
/// A journal is a directory (`journal/` inside the data directory) of segment files named
/// after the sequence number of their first record, zero-padded to twenty digits
/// (`00000000000000000001.seg`), so that sorting the names sorts the segments. Each segment
/// starts with a ``headerSize``-byte header: the magic `PRPJ`, the format version of
/// ``CommandCodec``, three zero bytes, and the first sequence number as a fixed 64-bit
/// little-endian word (a copy of the name, so a renamed file is detected). Records follow
/// back to back: `[u32 length][u32 CRC-32 of the payload][payload]`, little-endian.
public enum JournalFormat {
    /// The first four bytes of every segment.
    public static let magic: [UInt8] = Array("PRPJ".utf8)
    /// The bytes before the first record.
    public static let headerSize = 16
    /// The bytes before each record's payload: its length and its checksum.
    public static let recordHeaderSize = 8
    /// The largest payload a record may have. Commands are a few hundred bytes at most; a
    /// larger length can only be a torn or corrupt header.
    public static let maximumPayloadSize = 1 << 20
    /// The extension of segment files.
    public static let segmentExtension = "seg"
    /// The journal's directory name inside the data directory.
    public static let directoryName = "journal"

    /// The journal directory inside a data directory.
    public static func directory(inDataDirectory dataDirectory: String) -> String {
        dataDirectory.hasSuffix("/") ? dataDirectory + directoryName : dataDirectory + "/" + directoryName
    }

    /// The file name of the segment whose first record has `firstSequence`.
    public static func segmentName(firstSequence: UInt64) -> String {
        let digits = String(firstSequence)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits + "." + segmentExtension
    }

    /// The first sequence number a segment file name stands for; nil for any other file.
    public static func firstSequence(ofSegmentNamed name: String) -> UInt64? {
        let suffix = "." + segmentExtension
        guard name.hasSuffix(suffix) else { return nil }
        let digits = name.dropLast(suffix.count)
        guard digits.count == 20, digits.allSatisfy({ $0 >= "0" && $0 <= "9" }) else { return nil }
        return UInt64(digits)
    }

    /// The header of a segment whose first record will have `firstSequence`.
    public static func header(firstSequence: UInt64, version: UInt8 = CommandCodec.currentVersion) -> [UInt8] {
        var w = BinaryWriter(capacity: headerSize)
        w.append(raw: magic)
        w.write(version)
        w.append(raw: [0, 0, 0])
        w.writeFixed(firstSequence)
        return w.bytes
    }
}
