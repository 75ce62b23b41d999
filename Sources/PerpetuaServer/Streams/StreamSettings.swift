/// The WebSocket streams' limits and cadences (API.md §6). The defaults are the contract's;
/// tests shorten them.
public struct StreamSettings: Sendable {
    /// Messages a connection may have queued; one more disconnects it (1008 "slow consumer").
    public var bufferCapacity = 4096
    /// Server WebSocket pings (sent by the hub's sweep). A late pong closes nothing by
    /// itself; only the idle rule does.
    public var pingIntervalSeconds = 20
    /// A connection that sends nothing (no message, no pong, no ping frame) for this long is
    /// closed (1000 "idle for too long").
    public var idleTimeoutSeconds = 60
    /// Subscriptions per connection.
    public var maxSubscriptions = 100
    /// Inbound messages per second per connection; past it each message gets an error, and
    /// past twice it the connection is closed (1008).
    public var maxMessagesPerSecond = 10
    /// How long a connection may live.
    public var lifetimeSeconds = 86_400
    /// Cadence of `depth5`/`depth20` and `kline` pushes (when changed).
    public var bookIntervalMilliseconds = 100
    /// Cadence of `ticker` pushes (when changed).
    public var tickerIntervalMilliseconds = 1000
    /// How often idle, lifetime and listen-key expiry are checked.
    public var sweepIntervalMilliseconds = 250
    /// The largest inbound message accepted.
    public var maxInboundBytes = 16 * 1024

    /// A test hook asked before each outbound message is written (connection id, message text):
    /// `true` holds that message and every later one in the queue for good, as a client whose
    /// socket never drains would, without depending on how much the loopback's socket
    /// buffers absorb. Package access: the package's tests set it; it is not part of the
    /// server's API.
    package var holdsWrite: (@Sendable (UInt64, String) -> Bool)?

    /// A test hook for the clock that the inbound rate limit's one-second windows are read
    /// from (the wall clock when `nil`): a test that moves it itself counts a burst in one
    /// window however long the machine takes to deliver it. Package access, like
    /// ``holdsWrite``.
    package var inboundClock: (@Sendable () -> ContinuousClock.Instant)?

    public init() {}
}
