import Synchronization

/// Request ids for responses that arrive without one: a random per-process prefix and a
/// counter (`3f9c1a2b-000000000042`). Unique within a process and across restarts, and far
/// cheaper than a random UUID per request, which costs a system call for its entropy.
final class RequestIdGenerator: Sendable {
    private let prefix: String
    private let counter = Atomic<UInt64>(0)

    init() {
        var generator = SystemRandomNumberGenerator()
        prefix = String(generator.next() as UInt32, radix: 16)
    }

    func next() -> String {
        let value = counter.add(1, ordering: .relaxed).newValue
        let digits = String(value)
        return prefix + "-" + String(repeating: "0", count: max(0, 12 - digits.count)) + digits
    }
}
