import PerpetuaServer
import Synchronization
import Testing

@Suite("Login throttle")
struct LoginThrottleTests {
    /// A clock the test moves by hand.
    final class Clock: Sendable {
        let value = Mutex<Int64>(1_000_000)
        func advance(_ ms: Int64) { value.withLock { $0 += ms } }
        var now: Int64 { value.withLock { $0 } }
    }

    @Test("a username is locked after maxFailures within the window, from any address, until the oldest failure ages out")
    func perUsername() {
        let clock = Clock()
        let throttle = LoginThrottle(maxFailures: 3, windowSeconds: 60, clock: { clock.now })
        for (index, address) in ["10.0.0.1", "10.0.0.2", "10.0.0.3"].enumerated() {
            #expect(throttle.retryAfter(username: "alice", address: address) == nil)
            throttle.recordFailure(username: "alice", address: address)
            clock.advance(index == 0 ? 20_000 : 1000)
        }
        // Failures at 0, 20 s and 21 s; now 22 s: free again at 60 s.
        #expect(throttle.retryAfter(username: "alice", address: "10.0.0.9") == 38)
        #expect(throttle.retryAfter(username: "bob", address: "10.0.0.9") == nil)
        clock.advance(38_000)
        #expect(throttle.retryAfter(username: "alice", address: "10.0.0.9") == nil)
    }

    @Test("an address is locked after maxFailures whatever the usernames; success clears only the username")
    func perAddress() {
        let clock = Clock()
        let throttle = LoginThrottle(maxFailures: 2, windowSeconds: 60, clock: { clock.now })
        throttle.recordFailure(username: "a", address: "10.0.0.1")
        throttle.recordFailure(username: "b", address: "10.0.0.1")
        #expect(throttle.retryAfter(username: "c", address: "10.0.0.1") == 60)
        #expect(throttle.retryAfter(username: "a", address: "10.0.0.2") == nil)
        throttle.recordFailure(username: "a", address: "10.0.0.2")
        #expect(throttle.retryAfter(username: "a", address: "10.0.0.3") == 60)
        throttle.recordSuccess(username: "a")
        #expect(throttle.retryAfter(username: "a", address: "10.0.0.3") == nil)
        #expect(throttle.retryAfter(username: "a", address: "10.0.0.1") == 60)
    }
}
