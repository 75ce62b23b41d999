/// What a pass over the journal found.
public struct JournalReadSummary: Hashable, Sendable {
    /// The highest sequence number the journal (or the starting point) covers: the next
    /// command must have one more.
    public var lastSequence: UInt64
    /// Records handed to the caller (those after the starting sequence number).
    public var recordsRead: Int
    /// Segments read.
    public var segmentsRead: Int
    /// Where a torn tail was cut, if one was.
    public var truncatedTail: TruncatedTail?

    public init(lastSequence: UInt64, recordsRead: Int = 0, segmentsRead: Int = 0, truncatedTail: TruncatedTail? = nil) {
        self.lastSequence = lastSequence
        self.recordsRead = recordsRead
        self.segmentsRead = segmentsRead
        self.truncatedTail = truncatedTail
    }

    /// A torn or corrupt last record that was dropped.
    public struct TruncatedTail: Hashable, Sendable {
        public var file: String
        /// The new length of the file: where the damaged record started.
        public var offset: Int
        /// How many bytes were cut.
        public var droppedBytes: Int
        public var reason: String
    }
}
