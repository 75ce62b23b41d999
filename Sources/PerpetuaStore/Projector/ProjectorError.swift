/// Why the projector refused a batch.
public enum ProjectorError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The stored sequence moved under this projector: another projector writes to the same
    /// database. Nothing of the batch was written.
    case concurrentProjector(expected: UInt64, found: UInt64)
    /// Commands out of order within a batch.
    case sequenceNotIncreasing(previous: UInt64, next: UInt64)

    public var description: String {
        switch self {
        case .concurrentProjector(let expected, let found):
            "projector_state is at \(found), expected \(expected): another projector writes to this database"
        case .sequenceNotIncreasing(let previous, let next):
            "command \(next) follows \(previous) in a projector batch"
        }
    }
}
