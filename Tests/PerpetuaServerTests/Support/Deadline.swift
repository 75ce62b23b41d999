import Synchronization
import Testing

/// Runs `body` and waits for it, but records an issue and stops waiting once it has waited
/// `seconds`: a wait that nothing ends then fails its test instead of hanging the suite. (A
/// guard against hangs, not a speed check: the bodies finish in milliseconds.)
///
/// The time counted is the guard's own: its 5 ms naps, not the wall clock. When CPU-heavy
/// tests hold the cooperative pool, the body and the guard are held up alike; by the wall
/// clock the guard would wake after such a stall, find its time gone and fail a body that
/// was about to finish (a run pinned to one CPU failed so, on a 20 ms linger after 60 s).
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
    for _ in 0..<(seconds * 200) {
        if let result = outcome.withLock({ $0 }) { return try result.get() }
        try await Task.sleep(for: .milliseconds(5))
    }
    if let result = outcome.withLock({ $0 }) { return try result.get() }
    Issue.record("did not finish within \(seconds) s: \(what)", sourceLocation: sourceLocation)
}

/// Waits until `condition` holds, napping 5 ms between checks, and returns whether it did
/// within `seconds`. Like ``finishes(within:_:sourceLocation:_:)`` it counts its naps, not
/// the wall clock, and checks once more before it gives up, so a stall of the whole pool
/// cannot use up its time while the condition was about to become true.
func eventually(within seconds: Int = 60, _ condition: () -> Bool) async throws -> Bool {
    for _ in 0..<(seconds * 200) {
        if condition() { return true }
        try await Task.sleep(for: .milliseconds(5))
    }
    return condition()
}
