import CoreMetrics
import Prometheus
import Synchronization

/// The server's metrics, recorded through swift-metrics into a Prometheus registry of its
/// own (so that several servers in one test process never share counters) and served at
/// `GET /metrics` in the Prometheus text format.
///
/// | name | type | labels |
/// |---|---|---|
/// | `perpetua_http_requests_total` | counter | `route`, `method`, `status` |
/// | `perpetua_http_request_duration_seconds` | histogram | `route`, `method`, `status` |
/// | `perpetua_rate_limit_rejections_total` | counter | `route` |
/// | `perpetua_engine_commands_total` | counter (durable commands, timers included) | |
/// | `perpetua_engine_last_sequence` | gauge | |
/// | `perpetua_engine_queue_depth` | gauge (submitted, not yet durable) | |
/// | `perpetua_journal_fsync_seconds` | histogram | |
/// | `perpetua_projector_lag_commands` | gauge | |
/// | `perpetua_websocket_connections` | gauge | |
/// | `perpetua_websocket_slow_consumer_disconnects_total` | counter | |
/// | `perpetua_draining` | gauge (1 once SIGTERM began the drain) | |
///
/// The engine figures are read when `/metrics` is scraped (sequence numbers and one
/// atomic), so the engine's path carries no metrics code.
public final class ServerMetrics: Sendable {
    /// The registry `/metrics` prints.
    public let registry: PrometheusCollectorRegistry
    let factory: PrometheusMetricsFactory

    private let commands: CoreMetrics.Counter
    private let lastSequence: CoreMetrics.Gauge
    private let queueDepth: CoreMetrics.Gauge
    private let projectorLag: CoreMetrics.Gauge
    private let fsync: CoreMetrics.Timer
    private let webSocketConnections: CoreMetrics.Meter
    private let slowConsumerDisconnects: CoreMetrics.Counter
    private let draining: CoreMetrics.Gauge
    /// Slow-consumer closes already counted into the counter.
    private let reportedSlowConsumers = Mutex(0)
    /// The counter and timer of each request series seen so far (routes × methods × statuses:
    /// bounded, since unmatched paths share one label).
    private let requestSeries = Mutex<[RequestSeries: (CoreMetrics.Counter, CoreMetrics.Timer)]>([:])
    private let countedCommands = Mutex<UInt64>(0)

    public init() {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        let latency: [Duration] = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
            .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
            .seconds(1), .seconds(2), .seconds(5),
        ]
        factory.defaultDurationHistogramBuckets = latency
        self.registry = registry
        self.factory = factory
        commands = CoreMetrics.Counter(label: "perpetua_engine_commands_total", factory: factory)
        lastSequence = CoreMetrics.Gauge(label: "perpetua_engine_last_sequence", factory: factory)
        queueDepth = CoreMetrics.Gauge(label: "perpetua_engine_queue_depth", factory: factory)
        projectorLag = CoreMetrics.Gauge(label: "perpetua_projector_lag_commands", factory: factory)
        fsync = CoreMetrics.Timer(label: "perpetua_journal_fsync_seconds", factory: factory)
        webSocketConnections = CoreMetrics.Meter(label: "perpetua_websocket_connections", factory: factory)
        slowConsumerDisconnects = CoreMetrics.Counter(label: "perpetua_websocket_slow_consumer_disconnects_total", factory: factory)
        draining = CoreMetrics.Gauge(label: "perpetua_draining", factory: factory)
        webSocketConnections.set(0)
        draining.record(0)
    }

    /// One answered HTTP request: `route` is the registered path (`/v1/private/order`), or
    /// `unmatched` for a path no route serves, so that probing cannot grow the label set.
    public func recordRequest(route: String, method: String, status: Int, duration: Duration) {
        let key = RequestSeries(route: route, method: method, status: status)
        // One lookup in our own table instead of building the series (a registry lookup with
        // label formatting) on every request.
        let series = requestSeries.withLock { table -> (CoreMetrics.Counter, CoreMetrics.Timer)? in table[key] } ?? {
            let dimensions = [("route", route), ("method", method), ("status", String(status))]
            let made = (
                CoreMetrics.Counter(label: "perpetua_http_requests_total", dimensions: dimensions, factory: factory),
                CoreMetrics.Timer(label: "perpetua_http_request_duration_seconds", dimensions: dimensions, factory: factory))
            requestSeries.withLock { $0[key] = made }
            return made
        }()
        series.0.increment()
        series.1.recordNanoseconds(duration.nanoseconds)
        if status == 429 {
            CoreMetrics.Counter(label: "perpetua_rate_limit_rejections_total", dimensions: [("route", route)], factory: factory)
                .increment()
        }
    }

    /// One request series: its labels.
    struct RequestSeries: Hashable {
        var route: String
        var method: String
        var status: Int
    }

    /// One journal fsync (installed as the process's ``JournalInstrumentation`` observer).
    public func recordFsync(_ duration: Duration) {
        fsync.recordNanoseconds(duration.nanoseconds)
    }

    // MARK: WebSocket hooks (the WebSocket server calls these)

    /// A WebSocket connection was accepted.
    public func webSocketOpened() { webSocketConnections.increment() }
    /// A WebSocket connection ended, for whatever reason.
    public func webSocketClosed() { webSocketConnections.decrement() }
    /// A client was disconnected because its bounded buffer was full (DESIGN.md rule 7).
    public func slowConsumerDisconnected() { slowConsumerDisconnects.increment() }

    /// Marks the drain (SIGTERM) as begun.
    func markDraining() { draining.record(1) }

    /// Reads the stream hub's figures (open connections, slow consumers closed since start)
    /// into the WebSocket metrics; called before every scrape.
    func refreshStreams(connections: Int, slowConsumers: Int) {
        webSocketConnections.set(Double(connections))
        let delta = reportedSlowConsumers.withLock { reported -> Int in
            defer { reported = max(reported, slowConsumers) }
            return max(0, slowConsumers - reported)
        }
        if delta > 0 { slowConsumerDisconnects.increment(by: Int64(delta)) }
    }

    /// Reads the engine's figures into the gauges; called before every scrape.
    func refresh(lastDurable: UInt64, lastProjected: UInt64, inFlight: Int) {
        let delta = countedCommands.withLock { counted -> UInt64 in
            let delta = lastDurable > counted ? lastDurable - counted : 0
            counted = max(counted, lastDurable)
            return delta
        }
        if delta > 0 { commands.increment(by: Int64(clamping: delta)) }
        lastSequence.record(Int64(clamping: lastDurable))
        queueDepth.record(inFlight)
        projectorLag.record(Int64(clamping: lastDurable > lastProjected ? lastDurable - lastProjected : 0))
    }

    /// The registry in the Prometheus text exposition format.
    public func exposition() -> [UInt8] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }
}

extension Duration {
    /// The whole nanoseconds of the duration.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds &* 1_000_000_000 &+ attoseconds / 1_000_000_000
    }
}
