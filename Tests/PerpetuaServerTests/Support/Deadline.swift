import Synchronization
import Testing

/// Runs `body` and waits for it, but records an issue and stops waiting once `seconds` have
/// passed: a wait that nothing ends then fails its test instead of hanging the suite. (A
/// guard against hangs, not a speed check: the bodies finish in milliseconds.)
func finishes(
    within seconds: Int = 60, _ what: Comment, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: @escaping @Sendable () async throws -> Void
) async throws {
    let outcome = Mutex<Result<Void, any Error>?>(nil)
    // Unstructured: a body stuck in a wait that ignores cancellation is left behind.
    Task {
        let result: Result<Void, any Error>
        do {
            try await body()
            result = .success(())
        } catch {
            result = .failure(error)
        }
        outcome.withLock { $0 = result }
    }
    let clock = ContinuousClock()
    let deadline = clock.now + .seconds(seconds)
    while clock.now < deadline {
        if let result = outcome.withLock({ $0 }) { return try result.get() }
        try await Task.sleep(for: .milliseconds(5))
    }
    Issue.record("did not finish within \(seconds) s: \(what)", sourceLocation: sourceLocation)
}
