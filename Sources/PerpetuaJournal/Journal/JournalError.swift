/// Why the journal could not be read or written. Every case names the file, and where it
/// matters the byte offset, so that an operator can inspect the damage with a hex dump.
public enum JournalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A record that is not the last thing in the journal is damaged: recovery stops rather
    /// than skip a command that clients were told about.
    case corruptRecord(file: String, offset: Int, reason: String)
    /// A segment's header is not a journal header.
    case badSegmentHeader(file: String, reason: String)
    /// A segment was written in a format this build cannot read.
    case unsupportedVersion(file: String, version: UInt8)
    /// Sequence numbers are not contiguous: a record or a whole segment is missing.
    case sequenceGap(file: String, offset: Int, expected: UInt64, found: UInt64)
    /// The journal starts after the sequence number recovery needs next (segments pruned
    /// without a snapshot that covers them).
    case missingHistory(file: String, firstSequence: UInt64, needed: UInt64)
    /// The writer was given a record whose sequence number does not follow the last one.
    case outOfOrderAppend(expected: UInt64, found: UInt64)
    /// The writer would overwrite a segment that already holds records.
    case segmentExists(file: String)
    /// A system call failed.
    case io(operation: String, path: String, errno: Int32)

    public var description: String {
        switch self {
        case .corruptRecord(let file, let offset, let reason):
            "journal corrupt in \(file) at byte \(offset): \(reason); later records exist, so the damage is not a torn tail"
        case .badSegmentHeader(let file, let reason):
            "journal segment \(file) has a bad header: \(reason)"
        case .unsupportedVersion(let file, let version):
            "journal segment \(file) uses format version \(version), which this build cannot read"
        case .sequenceGap(let file, let offset, let expected, let found):
            "journal gap in \(file) at byte \(offset): expected sequence \(expected), found \(found)"
        case .missingHistory(let file, let firstSequence, let needed):
            "journal starts at sequence \(firstSequence) (\(file)) but recovery needs \(needed): restore the snapshot that covers the pruned segments"
        case .outOfOrderAppend(let expected, let found):
            "journal append out of order: expected sequence \(expected), got \(found)"
        case .segmentExists(let file):
            "journal segment \(file) already holds records; refusing to overwrite it"
        case .io(let operation, let path, let errno):
            "journal \(operation) failed on \(path): errno \(errno)"
        }
    }
}
