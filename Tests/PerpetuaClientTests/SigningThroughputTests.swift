import Foundation
import PerpetuaClient
import Testing

/// How many order requests a second one core signs (build, sort-encode the body, HMAC, hex).
/// Opt-in: `PERPETUA_CLIENT_BENCH=1 swift test -c release --filter SigningThroughput`.
@Suite("SigningThroughput", .enabled(if: ProcessInfo.processInfo.environment["PERPETUA_CLIENT_BENCH"] != nil))
struct SigningThroughputTests {
    @Test("signing and request building rate")
    func rate() throws {
        let client = PerpetuaClient(
            baseURL: "http://127.0.0.1:8080", credentials: .apiKey(key: "pk_bench", secret: "secret-bench"),
            transport: RecordingTransport())
        let signer = RequestSigner(apiKey: "pk_bench", secret: "secret-bench")
        let body = Data(#"{"price":"65000.5","quantity":"0.010","side":"BUY","symbol":"BTCUSDT","type":"LIMIT"}"#.utf8)
        let count = 200_000
        let clock = ContinuousClock()
        var sink = 0
        let signOnly = clock.measure {
            for index in 0..<count {
                sink &+= signer.signature(
                    timestamp: String(1_763_700_000_000 + index), method: "POST", path: "/v1/private/order/place",
                    rawQuery: "", body: body).utf8.count
            }
        }
        let order = OrderRequest.limit("BTCUSDT", "BUY", quantity: "0.010", price: "65000.5", clientOrderId: "bot-1")
        let full = try clock.measure {
            for _ in 0..<count / 4 {
                let request = client.makeRequest(.post, "/v1/private/order/place", body: try client.encodeBody(order),
                                                 auth: .credentials)
                sink &+= request.headers.count
            }
        }
        let perSecond = { (duration: Duration, n: Int) -> Int in
            let nanos = duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
            return Int(Int64(n) * 1_000_000_000 / max(nanos, 1))
        }
        print("signatures/s: \(perSecond(signOnly, count)); encoded+signed order requests/s: \(perSecond(full, count / 4)) (\(sink))")
        #expect(sink > 0)
    }
}
