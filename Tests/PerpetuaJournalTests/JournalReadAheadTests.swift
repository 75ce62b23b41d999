import Foundation
import PerpetuaEngine
@testable import PerpetuaJournal
import Testing

/// `JournalReader.readAhead` decodes on a second thread; what the caller sees must be what
/// `read` gives, record for record and error for error.
@Suite("Journal read-ahead")
struct JournalReadAheadTests {
    static func deposits(_ range: ClosedRange<UInt64>) -> [CommandEnvelope] { JournalTests.deposits(range) }

    /// Every envelope and the summary, through `readAhead` with a small chunk so that the
    /// reader fills its queue and waits many times.
    static func readAhead(_ directory: String, after sequence: UInt64 = 0, chunkSize: Int = 64, logger: @escaping JournalLogger = { _ in })
        throws -> (envelopes: [CommandEnvelope], summary: JournalReadSummary)
    {
        var envelopes: [CommandEnvelope] = []
        let summary = try JournalReader(directory: directory, logger: logger)
            .readAhead(after: sequence, chunkSize: chunkSize) { envelopes.append($0) }
        return (envelopes, summary)
    }

    @Test("over many segments and chunks, the same records and summary as read, from the start and from the middle")
    func sameAsRead() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let envelopes = Self.deposits(1...5_000)
        try writeJournal(envelopes, to: dir.path, batch: 50, maxSegmentBytes: 16_384)
        #expect(dir.segments().count > 5)
        for after: UInt64 in [0, 1, 2_500, 4_999, 5_000] {
            for chunkSize in [1, 64, 4_096] {
                let expected = try readJournal(dir.path, after: after)
                let got = try Self.readAhead(dir.path, after: after, chunkSize: chunkSize)
                #expect(got.envelopes == expected.envelopes, "after \(after), chunks of \(chunkSize)")
                #expect(got.summary == expected.summary, "after \(after), chunks of \(chunkSize)")
                #expect(got.envelopes.count == 5_000 - Int(after))
            }
        }
    }

    @Test("a corrupt record in the middle: the records before it, then the error naming file and offset")
    func corruptMiddle() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        try writeJournal(Self.deposits(1...1_000), to: dir.path, batch: 10)
        let path = dir.segments()[0]
        let offsets = JournalTests.recordOffsets(path)
        var bytes = JournalTests.bytes(path)
        bytes[offsets[700] + JournalFormat.recordHeaderSize + 3] ^= 0x40
        JournalTests.setBytes(path, bytes)

        var seen: [CommandEnvelope] = []
        #expect(throws: JournalError.corruptRecord(file: path, offset: offsets[700], reason: "checksum mismatch")) {
            try JournalReader(directory: dir.path).readAhead(chunkSize: 64) { seen.append($0) }
        }
        #expect(seen == Self.deposits(1...700), "every record before the damage is applied, none after")
        #expect(JournalTests.bytes(path) == bytes, "nothing is truncated")
    }

    @Test("a torn tail is cut and logged, as by read, before readAhead returns")
    func tornTail() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let envelopes = Self.deposits(1...300)
        try writeJournal(envelopes, to: dir.path, batch: 7)
        let path = dir.segments().last!
        let intact = JournalTests.bytes(path)
        let torn = intact + [0x20, 0, 0, 0, 0xde, 0xad]  // a header promising 32 bytes, then nothing
        JournalTests.setBytes(path, torn)
        let log = LogLines()

        let (got, summary) = try Self.readAhead(dir.path, logger: log.logger)
        #expect(got == envelopes)
        #expect(summary.lastSequence == 300)
        #expect(summary.truncatedTail?.offset == intact.count)
        #expect(summary.truncatedTail?.droppedBytes == 6)
        #expect(JournalTests.bytes(path) == intact, "the tail is cut when readAhead returns")
        #expect(log.lines.count == 1 && log.lines[0].contains("torn tail"))
    }

    @Test("when the body throws, reading stops, the body's error comes back, and nothing hangs")
    func bodyThrows() throws {
        struct Stop: Error, Equatable {}
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        try writeJournal(Self.deposits(1...20_000), to: dir.path, batch: 100)
        for stopAt in [1, 63, 64, 65, 10_000, 20_000] {
            var calls = 0
            #expect(throws: Stop()) {
                try JournalReader(directory: dir.path).readAhead(chunkSize: 64) { envelope in
                    calls += 1
                    #expect(envelope.sequence == UInt64(calls))
                    if calls == stopAt { throw Stop() }
                }
            }
            #expect(calls == stopAt)
        }
    }

    @Test("an empty or missing directory gives no records and the starting sequence")
    func empty() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (none, summary) = try Self.readAhead(dir.path)
        #expect(none.isEmpty && summary.lastSequence == 0 && summary.recordsRead == 0)
        let (missing, after) = try Self.readAhead(dir.path + "/absent", after: 42)
        #expect(missing.isEmpty && after.lastSequence == 42)
    }
}
