import Foundation
import PerpetuaCore
import PerpetuaEngine
@testable import PerpetuaJournal
import Testing

@Suite("Journal files")
struct JournalTests {
    typealias F = JournalFixtures

    static func deposits(_ range: ClosedRange<UInt64>) -> [CommandEnvelope] {
        range.map { F.deposit($0, account: $0 % 3 + 1, amount: Int64($0) * fixedPointOne) }
    }

    /// The byte offsets where each record of a segment starts.
    static func recordOffsets(_ path: String) -> [Int] {
        let bytes = [UInt8](FileManager.default.contents(atPath: path)!)
        var offsets: [Int] = []
        var offset = JournalFormat.headerSize
        while offset < bytes.count {
            offsets.append(offset)
            offset += JournalFormat.recordHeaderSize + Int(JournalReader.fixedUInt32(bytes, at: offset))
        }
        return offsets
    }

    /// A segment file built by hand, so tests can write what the writer refuses to.
    static func writeRawSegment(_ envelopes: [CommandEnvelope], first: UInt64, in directory: String, version: UInt8 = 1) {
        var w = BinaryWriter()
        w.append(raw: JournalFormat.header(firstSequence: first, version: version))
        for envelope in envelopes {
            let payload = CommandCodec.encode(envelope)
            w.writeFixed(UInt32(payload.count))
            w.writeFixed(CRC32.checksum(payload))
            w.append(raw: payload)
        }
        _ = FileManager.default.createFile(atPath: directory + "/" + JournalFormat.segmentName(firstSequence: first), contents: Data(w.bytes))
    }

    static func setBytes(_ path: String, _ bytes: [UInt8]) {
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
    }

    static func bytes(_ path: String) -> [UInt8] { [UInt8](FileManager.default.contents(atPath: path)!) }

    @Test("segment names sort by first sequence and parse back")
    func names() {
        #expect(JournalFormat.segmentName(firstSequence: 1) == "00000000000000000001.seg")
        #expect(JournalFormat.segmentName(firstSequence: UInt64.max) == "18446744073709551615.seg")
        #expect(JournalFormat.firstSequence(ofSegmentNamed: "00000000000000000042.seg") == 42)
        #expect(JournalFormat.firstSequence(ofSegmentNamed: "42.seg") == nil)
        #expect(JournalFormat.firstSequence(ofSegmentNamed: "0000000000000000004x.seg") == nil)
        #expect(JournalFormat.directory(inDataDirectory: "./data") == "./data/journal")
    }

    @Test("records written in batches read back in order")
    func roundTrip() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let envelopes = Self.deposits(1...100)
        try writeJournal(envelopes, to: dir.path, batch: 7)
        let (read, summary) = try readJournal(dir.path)
        #expect(read == envelopes)
        #expect(summary.lastSequence == 100)
        #expect(summary.truncatedTail == nil)
        #expect(dir.segments().count == 1)
        // Reading after a sequence number skips what a snapshot covers.
        let (later, laterSummary) = try readJournal(dir.path, after: 60)
        #expect(later == Array(envelopes[60...]))
        #expect(laterSummary.recordsRead == 40)
    }

    @Test("an empty or missing journal directory holds no commands")
    func emptyDirectory() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (read, summary) = try readJournal(dir.path)
        #expect(read.isEmpty && summary.lastSequence == 0)
        let (missing, missingSummary) = try readJournal(dir.path + "/nothing-here")
        #expect(missing.isEmpty && missingSummary.lastSequence == 0)
        // Recovery of an empty data directory yields a new engine at sequence 0.
        let recovered = try JournalRecovery.recover(directory: JournalFormat.directory(inDataDirectory: dir.path))
        #expect(recovered.lastSequence == 0)
        #expect(recovered.engine.stateHash() == Engine().stateHash())
        // A snapshot with an empty journal: recovery continues from the snapshot.
        var snapshot = Engine()
        _ = snapshot.apply(F.deposit(1))
        let fromSnapshot = try JournalRecovery.recover(directory: dir.path, from: (snapshot, 1))
        #expect(fromSnapshot.lastSequence == 1)
        #expect(fromSnapshot.engine.stateHash() == snapshot.stateHash())
    }

    @Test("segments rotate past the size limit, named after their first record, and read back as one journal")
    func rotation() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let envelopes = Self.deposits(1...200)
        try writeJournal(envelopes, to: dir.path, batch: 5, maxSegmentBytes: 400)
        let segments = dir.segments()
        #expect(segments.count > 5)
        for path in segments {
            let first = JournalFormat.firstSequence(ofSegmentNamed: URL(fileURLWithPath: path).lastPathComponent)!
            // Rotation happens at commit boundaries: every segment starts a batch.
            #expect((first - 1) % 5 == 0)
            #expect(Self.bytes(path).count <= 400 || Self.recordOffsets(path).count == 5)
        }
        #expect(try readJournal(dir.path).envelopes == envelopes)
        // Reading after 101 starts from the segment holding 102.
        let (later, summary) = try readJournal(dir.path, after: 101)
        #expect(later == Array(envelopes[101...]))
        #expect(summary.segmentsRead < segments.count)
    }

    @Test("a writer reopened after a crash starts a new segment and the journal stays contiguous")
    func reopen() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        try writeJournal(Self.deposits(1...10), to: dir.path, batch: 3)
        try writeJournal(Self.deposits(11...20), to: dir.path, batch: 4)
        #expect(dir.segments().count == 2)
        #expect(try readJournal(dir.path).envelopes == Self.deposits(1...20))
        // A writer at the wrong sequence number refuses the record.
        let writer = try JournalWriter(directory: dir.path, nextSequence: 21)
        #expect(throws: JournalError.outOfOrderAppend(expected: 21, found: 23)) { try writer.append(F.deposit(23)) }
    }

    @Test("a last record torn at every byte offset is cut with a log line; the rest survives")
    func tornTailAtEveryOffset() throws {
        let source = TemporaryDirectory()
        defer { source.remove() }
        let envelopes = Self.deposits(1...40)
        try writeJournal(envelopes, to: source.path, batch: 4, maxSegmentBytes: 300)
        let segments = source.segments()
        #expect(segments.count > 2)
        let lastPath = segments.last!
        let lastBytes = Self.bytes(lastPath)
        let lastStart = Self.recordOffsets(lastPath).last!
        for cut in (lastStart + 1)..<lastBytes.count {
            let dir = TemporaryDirectory("torn")
            defer { dir.remove() }
            for path in segments {
                let name = URL(fileURLWithPath: path).lastPathComponent
                let bytes = path == lastPath ? Array(lastBytes[0..<cut]) : Self.bytes(path)
                Self.setBytes(dir.path + "/" + name, bytes)
            }
            let log = LogLines()
            let (read, summary) = try readJournal(dir.path, logger: log.logger)
            #expect(read == Array(envelopes.dropLast()), "cut at \(cut)")
            #expect(summary.lastSequence == 39)
            #expect(summary.truncatedTail?.offset == lastStart)
            #expect(summary.truncatedTail?.droppedBytes == cut - lastStart)
            let cutFile = dir.segments().last!
            #expect(Self.bytes(cutFile).count == lastStart, "the file is truncated at the last good record")
            #expect(log.lines.count == 1 && log.lines[0].contains("torn tail") && log.lines[0].contains("byte \(lastStart)"))
            // Once cut, the journal reads cleanly and the writer continues after it.
            let again = LogLines()
            #expect(try readJournal(dir.path, logger: again.logger).envelopes.count == 39)
            #expect(again.lines.isEmpty)
            try writeJournal([F.deposit(40)], to: dir.path)
            #expect(try readJournal(dir.path).envelopes == Array(envelopes.dropLast()) + [F.deposit(40)])
        }
    }

    @Test("a tail of zeros or garbage after the last record is cut, not misread")
    func garbageTail() throws {
        for tail: [UInt8] in [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0xFF], [5, 0, 0, 0, 1, 2, 3, 4, 1, 2, 3, 4, 5]] {
            let dir = TemporaryDirectory()
            defer { dir.remove() }
            try writeJournal(Self.deposits(1...3), to: dir.path)
            let path = dir.segments()[0]
            let good = Self.bytes(path)
            Self.setBytes(path, good + tail)
            let log = LogLines()
            let (read, summary) = try readJournal(dir.path, logger: log.logger)
            #expect(read == Self.deposits(1...3))
            #expect(summary.truncatedTail?.offset == good.count)
            #expect(Self.bytes(path) == good)
            #expect(log.lines.count == 1)
        }
    }

    @Test("a corrupt record followed by valid ones stops recovery, naming the file and offset")
    func corruptMiddle() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        try writeJournal(Self.deposits(1...5), to: dir.path)
        let path = dir.segments()[0]
        let offsets = Self.recordOffsets(path)
        var bytes = Self.bytes(path)
        bytes[offsets[2] + JournalFormat.recordHeaderSize + 3] ^= 0x40  // a payload byte of record 3
        Self.setBytes(path, bytes)
        let log = LogLines()
        #expect(throws: JournalError.corruptRecord(file: path, offset: offsets[2], reason: "checksum mismatch")) {
            try readJournal(dir.path, logger: log.logger)
        }
        #expect(Self.bytes(path) == bytes, "nothing is truncated")
        #expect(log.lines.isEmpty)
        do {
            _ = try readJournal(dir.path)
        } catch {
            #expect("\(error)".contains(path) && "\(error)".contains("byte \(offsets[2])"))
        }
    }

    @Test("a corrupt length in the middle is not mistaken for a torn tail")
    func corruptLength() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        try writeJournal(Self.deposits(1...5), to: dir.path)
        let path = dir.segments()[0]
        let offsets = Self.recordOffsets(path)
        var bytes = Self.bytes(path)
        bytes[offsets[1] + 2] = 0x7F  // record 2 now claims ~8 MB
        Self.setBytes(path, bytes)
        #expect(throws: JournalError.self) { try readJournal(dir.path) }
        do { _ = try readJournal(dir.path) } catch let error as JournalError {
            guard case .corruptRecord(let file, let offset, _) = error else { Issue.record("\(error)"); return }
            #expect(file == path && offset == offsets[1])
        }
    }

    @Test("a damaged record at the end of an older segment is corruption, not a torn tail")
    func corruptOlderSegment() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        try writeJournal(Self.deposits(1...30), to: dir.path, batch: 3, maxSegmentBytes: 200)
        let first = dir.segments()[0]
        var bytes = Self.bytes(first)
        bytes.removeLast(2)
        Self.setBytes(first, bytes)
        let offset = Self.recordOffsets(first).last!
        #expect(throws: JournalError.self) { try readJournal(dir.path) }
        do { _ = try readJournal(dir.path) } catch let error as JournalError {
            guard case .corruptRecord(let file, let at, _) = error else { Issue.record("\(error)"); return }
            #expect(file == first && at == offset)
        }
    }

    @Test("missing sequence numbers are a gap: between segments, inside a segment, against the name")
    func gaps() throws {
        do {
            let dir = TemporaryDirectory()
            defer { dir.remove() }
            Self.writeRawSegment(Self.deposits(1...3), first: 1, in: dir.path)
            Self.writeRawSegment(Self.deposits(5...6), first: 5, in: dir.path)
            let second = dir.path + "/" + JournalFormat.segmentName(firstSequence: 5)
            #expect(throws: JournalError.sequenceGap(file: second, offset: 0, expected: 4, found: 5)) { try readJournal(dir.path) }
        }
        do {
            let dir = TemporaryDirectory()
            defer { dir.remove() }
            Self.writeRawSegment(Self.deposits(1...2) + Self.deposits(4...5), first: 1, in: dir.path)
            let path = dir.segments()[0]
            let offset = Self.recordOffsets(path)[2]
            #expect(throws: JournalError.sequenceGap(file: path, offset: offset, expected: 3, found: 4)) { try readJournal(dir.path) }
        }
        do {
            let dir = TemporaryDirectory()
            defer { dir.remove() }
            Self.writeRawSegment(Self.deposits(2...3), first: 1, in: dir.path)
            #expect(throws: JournalError.self) { try readJournal(dir.path) }
        }
        do {
            // The journal starts after what recovery needs: segments pruned without a snapshot.
            let dir = TemporaryDirectory()
            defer { dir.remove() }
            Self.writeRawSegment(Self.deposits(10...12), first: 10, in: dir.path)
            let path = dir.segments()[0]
            #expect(throws: JournalError.missingHistory(file: path, firstSequence: 10, needed: 1)) { try readJournal(dir.path) }
            #expect(try readJournal(dir.path, after: 9).envelopes == Self.deposits(10...12))
        }
    }

    @Test("bad headers: wrong magic, unknown version, a last segment torn while being created")
    func headers() throws {
        do {
            let dir = TemporaryDirectory()
            defer { dir.remove() }
            Self.writeRawSegment(Self.deposits(1...2), first: 1, in: dir.path, version: 9)
            let path = dir.segments()[0]
            #expect(throws: JournalError.unsupportedVersion(file: path, version: 9)) { try readJournal(dir.path) }
            var bytes = Self.bytes(path)
            bytes[0] = UInt8(ascii: "X")
            Self.setBytes(path, bytes)
            #expect(throws: JournalError.badSegmentHeader(file: path, reason: "the magic is not PRPJ")) { try readJournal(dir.path) }
        }
        do {
            let dir = TemporaryDirectory()
            defer { dir.remove() }
            try writeJournal(Self.deposits(1...4), to: dir.path)
            let torn = dir.path + "/" + JournalFormat.segmentName(firstSequence: 5)
            Self.setBytes(torn, Array(JournalFormat.header(firstSequence: 5)[0..<7]))
            let log = LogLines()
            let (read, summary) = try readJournal(dir.path, logger: log.logger)
            #expect(read == Self.deposits(1...4) && summary.lastSequence == 4)
            #expect(!FileManager.default.fileExists(atPath: torn))
            #expect(log.lines.count == 1)
        }
    }

    @Test("pruning deletes whole segments below a sequence number, never the last one")
    func pruning() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        try writeJournal(Self.deposits(1...100), to: dir.path, batch: 10, maxSegmentBytes: 300)
        let firsts = dir.segments().map { JournalFormat.firstSequence(ofSegmentNamed: URL(fileURLWithPath: $0).lastPathComponent)! }
        #expect(firsts.count >= 4)
        // A snapshot at 55: records from 56 on are needed.
        let removed = try JournalPruner.removeSegments(in: dir.path, before: 56)
        let remaining = dir.segments().map { JournalFormat.firstSequence(ofSegmentNamed: URL(fileURLWithPath: $0).lastPathComponent)! }
        #expect(removed.count + remaining.count == firsts.count)
        #expect(remaining.first! <= 56)
        #expect(remaining == firsts.filter { $0 >= remaining.first! })
        #expect(try readJournal(dir.path, after: 55).envelopes == Self.deposits(56...100))
        // Without the snapshot the journal no longer starts at 1.
        #expect(throws: JournalError.self) { try readJournal(dir.path) }
        // Even a sequence past the end keeps the last segment.
        try JournalPruner.removeSegments(in: dir.path, before: 1_000)
        #expect(dir.segments().count == 1)
    }
}
