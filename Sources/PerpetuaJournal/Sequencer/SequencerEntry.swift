import PerpetuaEngine

/// One applied command (or a barrier) on its way to the journal thread.
struct SequencerEntry: Sendable {
    /// The command as applied; nil for a barrier.
    var envelope: CommandEnvelope?
    /// The result without its events, which are in ``block`` at ``events``.
    var result: EngineResult?
    var waiter: SequencerWaiter
    /// Where this command's events are in its hand-off's block.
    var events: Range<Int> = 0..<0
    var block: SequencerEventBlock?

    /// The command and its full result, its events copied out of the block. Built on the
    /// journal thread, so that the engine thread allocates nothing per command.
    var committed: CommittedCommand? {
        guard let envelope, var result else { return nil }
        if let block, !events.isEmpty { result.events = Array(block.events[events]) }
        return CommittedCommand(envelope: envelope, result: result)
    }
}

/// The events of every command of one hand-off, in one buffer.
///
/// Results leave the engine thread and are freed elsewhere, and memory freed on another
/// thread never returns to the engine thread's allocator cache: with an events array per
/// command, the engine thread took every one from fresh heap pages (page faults were a
/// third of its time in the durable benchmark). Appending to one buffer per hand-off of a
/// few hundred commands makes that one allocation, and the journal thread, which has time
/// to spare while it waits for fsync, builds each command's array.
///
/// The engine appends each command's events straight into the block, and every entry with
/// events holds the block from the start, so a hand-off touches no entry. `@unchecked
/// Sendable`: the engine thread appends until the block is handed off with its entries,
/// and only the journal thread reads it after that; the journal lock orders the two.
final class SequencerEventBlock: @unchecked Sendable {
    /// Unchecked: the engine thread reads and appends to it three times per command, and
    /// each access of a class's stored property otherwise costs a run-time exclusivity
    /// check (`swift_beginAccess`, about 2 % of the engine thread's samples in the durable
    /// benchmark). The single-owner hand-off above is what keeps accesses exclusive.
    @exclusivity(unchecked) var events: [EngineEvent] = []

    init(capacity: Int) { events.reserveCapacity(capacity) }
}
