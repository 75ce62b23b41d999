/// How the journal writes.
public struct JournalConfiguration: Hashable, Sendable {
    /// A new segment starts at the next commit once the current one has reached this size,
    /// so that old segments can be deleted whole after a snapshot.
    public var maxSegmentBytes: Int
    /// Whether each commit ends with `fsync`. On by default, because without it an
    /// acknowledged command can vanish in a power cut; turn it off only for benchmarks that
    /// measure everything but the disk.
    public var fsync: Bool

    public init(maxSegmentBytes: Int = 64 << 20, fsync: Bool = true) {
        self.maxSegmentBytes = maxSegmentBytes
        self.fsync = fsync
    }
}
