import Foundation
import PerpetuaCore
import PerpetuaEngine

/// Reads the journal back in sequence order, for recovery and `perpetua replay`.
///
/// Damage is told apart by where it is. A bad record in the last segment with no valid
/// record after it is a torn tail, the normal result of a crash during a write: nothing in
/// it was acknowledged (the acknowledgement waits for `fsync`), so the file is cut at the
/// last good record and a line is logged. Anything else (a bad record with valid data
/// after it, a bad record in an older segment, a missing sequence number) means records
/// that clients were told about are damaged or gone, and reading stops with an error that
/// names the file and byte offset, for an operator to look at.
public struct JournalReader: Sendable {
    /// The journal directory.
    public let directory: String
    /// Whether a torn tail is cut from the file (start-up) or only skipped (inspection).
    public var repairTail: Bool
    public var logger: JournalLogger

    public init(directory: String, repairTail: Bool = true, logger: @escaping JournalLogger = { _ in }) {
        self.directory = directory
        self.repairTail = repairTail
        self.logger = logger
    }

    /// Calls `body` with every command whose sequence number is above `sequence`, in order.
    ///
    /// Reading starts at the newest segment that begins at or before `sequence + 1`; older
    /// segments are covered by the caller's snapshot and are not opened. Records up to
    /// `sequence` are checksummed but not decoded. An empty or missing directory holds no
    /// commands. Throws ``JournalError`` for damage that is not a torn tail, and rethrows
    /// whatever `body` throws.
    @discardableResult
    public func read(after sequence: UInt64 = 0, _ body: (CommandEnvelope) throws -> Void) throws -> JournalReadSummary {
        let segments = try FileIO.segments(in: directory)
        var summary = JournalReadSummary(lastSequence: sequence)
        guard !segments.isEmpty else { return summary }
        let needed = sequence + 1
        let start = segments.lastIndex { $0.firstSequence <= needed } ?? 0
        if segments[start].firstSequence > needed {
            throw JournalError.missingHistory(file: segments[start].path, firstSequence: segments[start].firstSequence, needed: needed)
        }
        var expected: UInt64? = nil
        for index in start..<segments.count {
            let segment = segments[index]
            let isLast = index == segments.count - 1
            let bytes = try FileIO.readAll(segment.path)
            summary.segmentsRead += 1
            guard let version = try checkHeader(bytes, segment: segment, isLast: isLast) else { break }
            if let expected, segment.firstSequence != expected {
                throw JournalError.sequenceGap(file: segment.path, offset: 0, expected: expected, found: segment.firstSequence)
            }
            var next = segment.firstSequence
            var offset = JournalFormat.headerSize
            while offset < bytes.count {
                guard case .valid(let payloadStart, let payloadEnd) = Self.checkRecord(bytes, at: offset) else {
                    let reason = Self.checkRecord(bytes, at: offset).problem ?? "bad record"
                    guard isLast, !Self.hasValidRecord(bytes, after: offset) else {
                        throw JournalError.corruptRecord(file: segment.path, offset: offset, reason: reason)
                    }
                    summary.truncatedTail = try cutTail(segment.path, at: offset, size: bytes.count, reason: reason)
                    break
                }
                let recordSequence: UInt64
                if next <= sequence {
                    // Covered by the snapshot: only the sequence number is needed.
                    do { recordSequence = try CommandCodec.sequence(of: bytes, at: payloadStart) } catch {
                        throw JournalError.corruptRecord(file: segment.path, offset: offset, reason: "checksum matches but the payload does not decode: \(error)")
                    }
                    guard recordSequence == next else {
                        throw JournalError.sequenceGap(file: segment.path, offset: offset, expected: next, found: recordSequence)
                    }
                } else {
                    var reader = BinaryReader(bytes, offset: payloadStart)
                    let envelope: CommandEnvelope
                    do {
                        envelope = try CommandCodec.decode(&reader, version: version)
                        guard reader.offset == payloadEnd else {
                            throw BinaryDecodingError.malformed(offset: reader.offset, reason: "\(payloadEnd - reader.offset) bytes after the command")
                        }
                    } catch {
                        throw JournalError.corruptRecord(file: segment.path, offset: offset, reason: "checksum matches but the payload does not decode: \(error)")
                    }
                    guard envelope.sequence == next else {
                        throw JournalError.sequenceGap(file: segment.path, offset: offset, expected: next, found: envelope.sequence)
                    }
                    try body(envelope)
                    summary.recordsRead += 1
                }
                next += 1
                offset = payloadEnd
            }
            if next > segment.firstSequence { summary.lastSequence = max(summary.lastSequence, next - 1) }
            expected = next
        }
        return summary
    }

    /// ``read(after:_:)`` with the reading, checksumming and decoding on a second thread,
    /// `chunkSize` records ahead of `body`, which runs on the caller's thread.
    ///
    /// Recovery spends most of its time applying commands; with the records' bytes handled
    /// beside it, the applying thread does nothing else. What `body` sees is the same: every
    /// record in order, and when the journal is damaged, every record before the damage
    /// followed by the same error (a torn tail is cut, on the reading thread, before this
    /// returns). When `body` throws, reading stops and its error is rethrown.
    @discardableResult
    public func readAhead(
        after sequence: UInt64 = 0, chunkSize: Int = 4_096, _ body: (CommandEnvelope) throws -> Void
    ) throws -> JournalReadSummary {
        precondition(chunkSize > 0)
        let queue = DecodedChunkQueue(depth: 4)
        let reader = self
        let thread = Thread {
            var chunk: [CommandEnvelope] = []
            chunk.reserveCapacity(chunkSize)
            let outcome = Result<JournalReadSummary, any Error> {
                do {
                    return try reader.read(after: sequence) { envelope in
                        chunk.append(envelope)
                        guard chunk.count == chunkSize else { return }
                        guard queue.put(chunk) else { throw ConsumerStopped() }
                        chunk = []
                        chunk.reserveCapacity(chunkSize)
                    }
                } catch {
                    // The records before the damage still reach `body`, then the error.
                    if !chunk.isEmpty, !(error is ConsumerStopped) { _ = queue.put(chunk) }
                    chunk = []
                    throw error
                }
            }
            if !chunk.isEmpty { _ = queue.put(chunk) }
            queue.finish(outcome)
        }
        thread.name = "perpetua-journal-reader"
        thread.start()

        var stopped: (any Error)?
        consume: while let chunk = queue.take() {
            for envelope in chunk {
                do { try body(envelope) } catch {
                    stopped = error
                    queue.cancel()
                    break consume
                }
            }
        }
        // Also waits for the reader to finish, so no file is touched after this returns.
        let outcome = queue.result()
        if let stopped { throw stopped }
        return try outcome.get()
    }

    private struct ConsumerStopped: Error {}

    /// Checks a segment's header and returns its format version, or nil for a last segment
    /// shorter than a header (a crash while creating it), which is removed.
    private func checkHeader(_ bytes: [UInt8], segment: (firstSequence: UInt64, path: String), isLast: Bool) throws -> UInt8? {
        guard bytes.count >= JournalFormat.headerSize else {
            guard isLast else { throw JournalError.badSegmentHeader(file: segment.path, reason: "the file is shorter than a header (\(bytes.count) bytes)") }
            if repairTail {
                try FileIO.remove(segment.path)
                try FileIO.syncDirectory(directory)
                logger("journal: removed \(segment.path), a segment torn while it was created (\(bytes.count) bytes)")
            }
            return nil
        }
        guard Array(bytes[0..<4]) == JournalFormat.magic else {
            throw JournalError.badSegmentHeader(file: segment.path, reason: "the magic is not PRPJ")
        }
        let version = bytes[4]
        guard CommandCodec.supportedVersions.contains(version) else {
            throw JournalError.unsupportedVersion(file: segment.path, version: version)
        }
        var reader = BinaryReader(bytes, offset: 8)
        let first = try reader.readFixedUInt64()
        guard first == segment.firstSequence else {
            throw JournalError.badSegmentHeader(file: segment.path, reason: "the header says first sequence \(first) but the name says \(segment.firstSequence)")
        }
        return version
    }

    /// Cuts a torn tail (or, without repair, only reports it).
    private func cutTail(_ path: String, at offset: Int, size: Int, reason: String) throws -> JournalReadSummary.TruncatedTail {
        if repairTail { try FileIO.truncate(path, to: offset) }
        logger("journal: \(repairTail ? "cut" : "found") a torn tail in \(path) at byte \(offset) (\(size - offset) bytes: \(reason))")
        return JournalReadSummary.TruncatedTail(file: path, offset: offset, droppedBytes: size - offset, reason: reason)
    }

    /// Whether one record's frame is intact: a plausible length that fits the file and a
    /// matching checksum.
    enum RecordCheck {
        case valid(payloadStart: Int, payloadEnd: Int)
        case invalid(String)

        var problem: String? {
            if case .invalid(let reason) = self { reason } else { nil }
        }
    }

    static func checkRecord(_ bytes: [UInt8], at offset: Int) -> RecordCheck {
        guard bytes.count - offset >= JournalFormat.recordHeaderSize else {
            return .invalid("the record header is cut short (\(bytes.count - offset) of \(JournalFormat.recordHeaderSize) bytes)")
        }
        let length = Int(fixedUInt32(bytes, at: offset))
        guard length > 0, length <= JournalFormat.maximumPayloadSize else {
            return .invalid("implausible record length \(length)")
        }
        let payloadStart = offset + JournalFormat.recordHeaderSize
        guard length <= bytes.count - payloadStart else {
            return .invalid("the record needs \(length) bytes but only \(bytes.count - payloadStart) remain")
        }
        let stored = fixedUInt32(bytes, at: offset + 4)
        guard CRC32.checksum(bytes[payloadStart..<payloadStart + length]) == stored else {
            return .invalid("checksum mismatch")
        }
        return .valid(payloadStart: payloadStart, payloadEnd: payloadStart + length)
    }

    /// Whether any intact record starts after `offset`: if one does, the damage at
    /// `offset` is in the middle of the journal, not a torn tail.
    static func hasValidRecord(_ bytes: [UInt8], after offset: Int) -> Bool {
        var candidate = offset + 1
        while candidate + JournalFormat.recordHeaderSize < bytes.count {
            if case .valid = checkRecord(bytes, at: candidate) { return true }
            candidate += 1
        }
        return false
    }

    static func fixedUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
    }
}
