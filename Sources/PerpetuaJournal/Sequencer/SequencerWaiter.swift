/// Who is told when a journal entry becomes durable (or cannot).
enum SequencerWaiter: Sendable {
    /// Nobody: a timer command.
    case none
    /// An `await`ing submitter.
    case continuation(CheckedContinuation<CommittedCommand, any Error>)
    /// A callback submitter (benchmarks, the gateway's non-async paths).
    case callback(@Sendable (Result<CommittedCommand, any Error>) -> Void)
    /// A barrier: a read or a clock advance that waits for what came before it.
    case barrier(@Sendable ((any Error)?) -> Void)
    /// One command of a batch submission.
    case collect(SequencerBatchCollector)

    func succeed(_ committed: CommittedCommand?) {
        switch self {
        case .none: break
        case .continuation(let continuation): continuation.resume(returning: committed!)
        case .callback(let callback): callback(.success(committed!))
        case .barrier(let done): done(nil)
        case .collect(let collector): collector.add(committed!)
        }
    }

    func fail(_ error: any Error) {
        switch self {
        case .none: break
        case .continuation(let continuation): continuation.resume(throwing: error)
        case .callback(let callback): callback(.failure(error))
        case .barrier(let done): done(error)
        case .collect(let collector): collector.fail(error)
        }
    }
}
