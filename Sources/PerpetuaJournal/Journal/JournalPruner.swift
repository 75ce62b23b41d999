/// Deletes journal segments that a snapshot has made unnecessary.
public enum JournalPruner {
    /// Deletes every segment whose records all have sequence numbers below `sequence`
    /// (pass one past the newest snapshot's sequence) and returns the deleted paths. The
    /// last segment is never deleted, because the writer may be appending to it, and a
    /// segment is deleted only whole: a partly covered one stays until a later snapshot.
    @discardableResult
    public static func removeSegments(in directory: String, before sequence: UInt64) throws(JournalError) -> [String] {
        let segments = try FileIO.segments(in: directory)
        var removed: [String] = []
        // Segment i holds the records from its first sequence up to the next segment's first.
        for index in segments.indices.dropLast() where segments[index + 1].firstSequence <= sequence {
            try FileIO.remove(segments[index].path)
            removed.append(segments[index].path)
        }
        if !removed.isEmpty { try FileIO.syncDirectory(directory) }
        return removed
    }
}
