import PerpetuaEngine

/// Where the sequencer puts commands to make them durable: the seam between the sequencer
/// and the disk, so that tests can hold a commit open or count batches.
///
/// The sequencer calls both methods from its one journal thread, never concurrently:
/// ``append(_:)`` for each command of a batch in sequence order, then ``commit()`` once.
/// A command counts as durable when ``commit()`` returns; a throwing commit stops the
/// sequencer, because the engine has already applied commands that are not on disk.
public protocol JournalSink: AnyObject {
    /// Adds a command to the batch being built; nothing reaches the disk yet.
    func append(_ envelope: CommandEnvelope) throws
    /// Makes every appended command durable, or throws.
    func commit() throws
}
