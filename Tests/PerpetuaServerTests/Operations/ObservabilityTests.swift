import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PerpetuaJournal
import PerpetuaServer
import PerpetuaStore
import Synchronization
import Testing

/// `/metrics` (scraped and parsed as Prometheus text), `/health`, `/ready`, the drain that
/// SIGTERM begins, and JSON logs.
@Suite("Observability")
struct ObservabilityTests {
    /// One sample of the Prometheus text format.
    struct Sample: Hashable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    /// Parses the Prometheus text exposition format (0.0.4) strictly: `# HELP`/`# TYPE`
    /// comments and `name{label="value",…} number` samples; anything else fails the test.
    static func parse(_ text: String) throws -> (types: [String: String], samples: [Sample]) {
        var types: [String: String] = [:]
        var samples: [Sample] = []
        let name = #/[a-zA-Z_:][a-zA-Z0-9_:]*/#
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ")
                try #require(parts.count == 4, "bad TYPE line: \(line)")
                try #require(["counter", "gauge", "histogram", "summary", "untyped"].contains(String(parts[3])), "bad type: \(line)")
                types[String(parts[2])] = String(parts[3])
                continue
            }
            if line.hasPrefix("#") { continue }
            let match = try #require(try #/^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)$/#.wholeMatch(in: line), "bad sample line: \(line)")
            var labels: [String: String] = [:]
            if let list = match.output.labels, !list.isEmpty {
                for pair in list.split(separator: ",") {
                    let label = try #require(try #/^(?<key>[a-zA-Z_][a-zA-Z0-9_]*)="(?<value>(?:[^"\\]|\\.)*)"$/#.wholeMatch(in: pair), "bad label: \(pair) in \(line)")
                    labels[String(label.output.key)] = String(label.output.value)
                }
            }
            let text = String(match.output.value)
            let value = try #require(text == "+Inf" ? Double.infinity : Double(text), "bad value: \(line)")
            _ = name
            samples.append(Sample(name: String(match.output.name), labels: labels, value: value))
        }
        return (types, samples)
    }

    static func value(_ samples: [Sample], _ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples.first { sample in sample.name == name && labels.allSatisfy { key, value in sample.labels[key] == value } }?.value
    }

    @Test("GET /metrics is Prometheus text with requests by route and status, latencies, engine, journal and projector figures")
    func scrape() async throws {
        let traders = try await Traders.start()
        let harness = traders.harness
        let text = Mutex("")
        try await harness.test { client in
            for _ in 0..<3 { _ = try await client.call(.get, "/v1/time") }
            _ = try await client.call(.get, "/v1/nowhere/\(UUID().uuidString)")
            try await client.place(orderJSON("BUY", "0.01", price: "64000"), traders.aliceKey)
            let rejected = try await client.call(.post, "/v1/private/order/place", body: orderJSON("BUY", "0.0001", price: "64000"), credentials: traders.aliceKey)
            #expect(rejected.status == .badRequest)
            await harness.exchange.waitForProjection()
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
                text.withLock { $0 = String(buffer: response.body) }
            }
        }
        let (types, samples) = try Self.parse(text.withLock { $0 })
        #expect(Self.value(samples, "perpetua_http_requests_total", ["route": "/v1/time", "method": "GET", "status": "200"]) == 3)
        #expect(Self.value(samples, "perpetua_http_requests_total", ["route": "unmatched", "method": "GET", "status": "404"]) == 1)
        #expect(Self.value(samples, "perpetua_http_requests_total", ["route": "/v1/private/order/place", "method": "POST", "status": "200"]) == 1)
        #expect(Self.value(samples, "perpetua_http_requests_total", ["route": "/v1/private/order/place", "method": "POST", "status": "400"]) == 1)
        #expect(types["perpetua_http_requests_total"] == "counter")
        #expect(types["perpetua_http_request_duration_seconds"] == "histogram")
        let timeCount = Self.value(samples, "perpetua_http_request_duration_seconds_count", ["route": "/v1/time", "status": "200"])
        #expect(timeCount == 3)
        #expect(Self.value(samples, "perpetua_http_request_duration_seconds_bucket", ["route": "/v1/time", "le": "+Inf"]) == 3)
        let durable = Double(harness.exchange.sequencer.lastDurableSequence)
        #expect(Self.value(samples, "perpetua_engine_commands_total") == durable)
        #expect(Self.value(samples, "perpetua_engine_last_sequence") == durable)
        #expect(Self.value(samples, "perpetua_engine_queue_depth") == 0)
        #expect(Self.value(samples, "perpetua_projector_lag_commands") == 0)
        #expect((Self.value(samples, "perpetua_journal_fsync_seconds_count") ?? 0) > 0)
        #expect(types["perpetua_journal_fsync_seconds"] == "histogram")
        #expect(Self.value(samples, "perpetua_websocket_connections") == 0)
        #expect(Self.value(samples, "perpetua_websocket_slow_consumer_disconnects_total") == 0)
        #expect(Self.value(samples, "perpetua_draining") == 0)

        // The WebSocket hooks move their metrics.
        let metrics = harness.gateway.operations.metrics
        metrics.webSocketOpened()
        metrics.webSocketOpened()
        metrics.webSocketClosed()
        metrics.slowConsumerDisconnected()
        let after = try Self.parse(String(decoding: metrics.exposition(), as: UTF8.self)).samples
        #expect(Self.value(after, "perpetua_websocket_connections") == 1)
        #expect(Self.value(after, "perpetua_websocket_slow_consumer_disconnects_total") == 1)
        await harness.stop()
    }

    @Test("rate-limit rejections are counted by route")
    func rateLimitRejections() async throws {
        let harness = try await ServerHarness.start { $0.rateLimits.publicPerIP = BucketSettings(capacity: 2, windowSeconds: 60) }
        try await harness.test { client in
            for _ in 0..<5 { _ = try await client.call(.get, "/v1/version") }
        }
        let samples = try Self.parse(String(decoding: harness.gateway.operations.metrics.exposition(), as: UTF8.self)).samples
        #expect(Self.value(samples, "perpetua_rate_limit_rejections_total", ["route": "/v1/version"]) == 3)
        #expect(Self.value(samples, "perpetua_http_requests_total", ["route": "/v1/version", "status": "429"]) == 3)
        await harness.stop()
    }

    @Test("/health answers while the process runs; /ready reports the engine, the store and the projector")
    func healthAndReady() async throws {
        let harness = try await ServerHarness.start()
        try await harness.addBTC()
        try await harness.test { client in
            let health = try await client.call(.get, "/health")
            #expect(health.status == .ok)
            #expect(health.object["status"] as? String == "UP")
            await harness.exchange.waitForProjection()
            let ready = try await client.call(.get, "/ready")
            #expect(ready.status == .ok)
            #expect(ready.object["status"] as? String == "READY")
            #expect(ready.object.int("durableSequence") == Int64(harness.exchange.sequencer.lastDurableSequence))
            #expect(ready.object.int("projectorLag") == 0)
        }
        await harness.stop()

        // A projector allowed no lag at all is still ready once it has caught up; a store
        // that is closed is not.
        let strict = try await ServerHarness.start { $0.readiness.maxProjectorLag = 0 }
        try await strict.test { client in
            await strict.exchange.waitForProjection()
            #expect(try await client.call(.get, "/ready").status == .ok)
            await strict.exchange.store.close()
            let closed = try await client.call(.get, "/ready")
            #expect(closed.status == .serviceUnavailable)
            #expect(closed.code == 90001)
            #expect(closed.object["check"] as? String == "store")
        }
        await strict.stop()
    }

    @Test("while draining, order requests answer 90001, reads still work, /ready says so and the hooks hear the reason")
    func draining() async throws {
        let traders = try await Traders.start()
        let harness = traders.harness
        let heard = Mutex<[String]>([])
        harness.gateway.operations.onDrain { reason in heard.withLock { $0.append(reason) } }
        try await harness.test { client in
            try await client.place(orderJSON("BUY", "0.01", price: "64000", clientOrderId: "before-drain"), traders.aliceKey)
            await harness.gateway.operations.beginDrain(reason: "server shutting down")
            await harness.gateway.operations.beginDrain(reason: "again")  // only the first counts
            let refused = try await client.call(
                .post, "/v1/private/order/place", body: orderJSON("BUY", "0.01", price: "64000"), credentials: traders.aliceKey)
            #expect(refused.status == .serviceUnavailable)
            #expect(refused.code == 90001)
            #expect(refused.msg.contains("shutting down"))
            let cancel = try await client.call(
                .post, "/v1/private/order/cancel", body: #"{"symbol":"BTCUSDT","clientOrderId":"before-drain"}"#,
                credentials: traders.aliceKey)
            #expect(cancel.code == 90001)
            let open = try await client.call(.get, "/v1/private/order/current?symbol=BTCUSDT", credentials: traders.aliceKey)
            #expect(open.code == 0, "\(open.msg)")
            let ready = try await client.call(.get, "/ready")
            #expect(ready.status == .serviceUnavailable)
            #expect(ready.object["check"] as? String == "draining")
            #expect(try await client.call(.get, "/health").status == .ok)
        }
        #expect(heard.withLock { $0 } == ["server shutting down"])
        let samples = try Self.parse(String(decoding: harness.gateway.operations.metrics.exposition(), as: UTF8.self)).samples
        #expect(Self.value(samples, "perpetua_draining") == 1)
        await harness.stop()
    }

    @Test("JSON logs carry the request id and metadata as fields, one object per line")
    func jsonLogs() throws {
        let lines = Mutex<[String]>([])
        var logger = Logger(label: "perpetua") { label in
            JSONLogHandler(label: label) { line in lines.withLock { $0.append(line) } }
        }
        logger[metadataKey: "request_id"] = "req-123"
        logger.warning("projector: retry", metadata: ["attempt": "2"])
        let line = try #require(lines.withLock { $0.first })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["request_id"] as? String == "req-123")
        #expect(object["attempt"] as? String == "2")
        #expect(object["level"] as? String == "warning")
        #expect(object["message"] as? String == "projector: retry")
        #expect(object["label"] as? String == "perpetua")
        #expect(!line.contains("\n"))
    }

    /// The text handler renders the logger's and the event's metadata, sorted, with the
    /// level, label and message, and nothing for an event below its level.
    @Test("text logs carry level, label, sorted metadata and the message; events below the level are dropped")
    func textLogs() throws {
        let lines = Mutex<[String]>([])
        var logger = Logger(label: "perpetua") { label in
            TextLogHandler(label: label) { line in lines.withLock { $0.append(line) } }
        }
        logger.logLevel = .info
        logger[metadataKey: "request_id"] = "req-123"
        logger.debug("not shown")
        logger.warning("projector: retry", metadata: ["attempt": "2"])
        let all = lines.withLock { $0 }
        #expect(all.count == 1)
        let line = try #require(all.first)
        #expect(line.contains(" warning perpetua : attempt=2 request_id=req-123 ["))
        #expect(line.hasSuffix("] projector: retry\n"))
    }
}
