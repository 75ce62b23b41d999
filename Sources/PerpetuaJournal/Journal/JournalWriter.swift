import PerpetuaCore
import PerpetuaEngine

/// Appends commands to the journal's segment files: records collect in memory and each
/// ``commit()`` writes them with one `write` and one `fsync`, so that many commands share
/// the cost of one flush (group commit).
///
/// A writer always starts a new segment, named after the first sequence number it writes,
/// rather than appending to the last one: recovery has already cut any torn tail, and a
/// fresh segment never mixes records of two runs, so a snapshot newer than the journal
/// leaves no gap inside a segment. Segments rotate at commit boundaries once they pass
/// ``JournalConfiguration/maxSegmentBytes``, so a batch is never split across files.
///
/// Not thread-safe: one thread (the sequencer's journal thread) owns it. After a failed
/// write every later commit fails too, since the file may end in a partial batch.
public final class JournalWriter: JournalSink {
    /// The journal directory.
    public let directory: String
    public let configuration: JournalConfiguration
    /// The sequence number the next appended command must have.
    public private(set) var nextSequence: UInt64
    /// Commits that wrote something, for tests and metrics.
    public private(set) var commitCount = 0
    /// Records made durable.
    public private(set) var recordCount = 0

    private var batch = BinaryWriter(capacity: 1 << 16)
    private var scratch = BinaryWriter(capacity: 256)
    private var batchFirstSequence: UInt64?
    private var fd: Int32 = -1
    private var segmentPath = ""
    private var segmentSize = 0
    private var failure: JournalError?

    /// Opens the journal in `directory` (created when missing) for commands from
    /// `nextSequence` on: one past the last sequence number recovery found.
    public init(directory: String, nextSequence: UInt64, configuration: JournalConfiguration = JournalConfiguration()) throws(JournalError) {
        self.directory = directory
        self.nextSequence = nextSequence
        self.configuration = configuration
        try FileIO.createDirectory(directory)
    }

    deinit { closeSegment() }

    /// Encodes `envelope` into the pending batch. Its sequence number must follow the
    /// previous one exactly: the reader treats a gap as corruption.
    public func append(_ envelope: CommandEnvelope) throws(JournalError) {
        guard envelope.sequence == nextSequence else {
            throw .outOfOrderAppend(expected: nextSequence, found: envelope.sequence)
        }
        scratch.removeAll()
        CommandCodec.encode(envelope, into: &scratch)
        precondition(scratch.bytes.count <= JournalFormat.maximumPayloadSize, "a command encodes to \(scratch.bytes.count) bytes")
        batch.writeFixed(UInt32(scratch.bytes.count))
        batch.writeFixed(CRC32.checksum(scratch.bytes))
        batch.append(raw: scratch.bytes)
        if batchFirstSequence == nil { batchFirstSequence = envelope.sequence }
        nextSequence += 1
    }

    /// Writes the pending batch with one `write` and flushes it with `fsync` (unless turned
    /// off); the batch's commands are durable when this returns.
    public func commit() throws(JournalError) {
        if let failure { throw failure }
        guard let first = batchFirstSequence else { return }
        do {
            if fd < 0 || (segmentSize > JournalFormat.headerSize && segmentSize + batch.bytes.count > configuration.maxSegmentBytes) {
                try startSegment(firstSequence: first)
            } else {
                try FileIO.writeAll(fd, batch.bytes, path: segmentPath)
                if configuration.fsync {
                    let started = ContinuousClock.now
                    try FileIO.sync(fd, path: segmentPath)
                    JournalInstrumentation.recordSync(ContinuousClock.now - started)
                }
            }
        } catch {
            failure = error
            throw error
        }
        segmentSize += batch.bytes.count
        recordCount += Int(nextSequence - first)
        commitCount += 1
        batch.removeAll()
        batchFirstSequence = nil
    }

    /// Closes the current segment. Pending records that were not committed are dropped.
    public func close() {
        closeSegment()
        batch.removeAll()
        batchFirstSequence = nil
    }

    /// Starts the segment whose first record is `firstSequence` and writes the header and
    /// the pending batch into it with one `write`; the directory is synced so that the new
    /// file's name survives a crash too.
    private func startSegment(firstSequence: UInt64) throws(JournalError) {
        closeSegment()
        let path = directory + "/" + JournalFormat.segmentName(firstSequence: firstSequence)
        // A file of that name can only be a segment that crashed before its first record;
        // anything longer than a header means the caller's sequence number is wrong.
        if let size = try FileIO.size(path) {
            guard size <= JournalFormat.headerSize else { throw .segmentExists(file: path) }
            try FileIO.remove(path)
        }
        let newFd = try FileIO.openForAppend(path, create: true)
        fd = newFd
        segmentPath = path
        segmentSize = 0
        var bytes = JournalFormat.header(firstSequence: firstSequence)
        bytes.append(contentsOf: batch.bytes)
        try FileIO.writeAll(newFd, bytes, path: path)
        if configuration.fsync {
            try FileIO.sync(newFd, path: path)
            try FileIO.syncDirectory(directory)
        }
        segmentSize = JournalFormat.headerSize
    }

    private func closeSegment() {
        if fd >= 0 { FileIO.closeFile(fd) }
        fd = -1
    }
}
