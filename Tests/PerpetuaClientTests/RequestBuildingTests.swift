import Foundation
import PerpetuaClient
import Testing

@Suite("Building requests: the bytes signed are the bytes sent")
struct RequestBuildingTests {
    let signer = RequestSigner(apiKey: "pk_test", secret: "secret", recvWindow: 7000)

    func apiKeyClient() -> PerpetuaClient {
        PerpetuaClient(
            baseURL: "http://127.0.0.1:8080", credentials: .apiKey(key: "pk_test", secret: "secret", recvWindow: 7000),
            transport: RecordingTransport())
    }

    /// Recomputes the signature from the URL and body as sent.
    func signatureOfSentBytes(_ request: PreparedRequest) -> String {
        let afterHost = request.url.dropFirst("http://127.0.0.1:8080".count)
        let stamp = request.header("X-API-TIMESTAMP") ?? ""
        let text = stamp + "pk_test" + "7000" + request.method.rawValue + afterHost
            + String(decoding: request.body, as: UTF8.self)
        return signer.signature(stringToSign: text)
    }

    @Test("query parameters keep their order, skip nil, and are percent-encoded once")
    func queryString() {
        var query = QueryString()
        query.append("symbol", "BTCUSDT")
        query.append("orderId", nil as String?)
        query.append("limit", 50 as Int?)
        query.append("cursor", "djE6MTc2MzcwMDAwMDAwMDo0Mg==")
        query.append("note", "a b&c=d/é+")
        #expect(query.raw == "symbol=BTCUSDT&limit=50&cursor=djE6MTc2MzcwMDAwMDAwMDo0Mg%3D%3D&note=a%20b%26c%3Dd%2F%C3%A9%2B")
        #expect(QueryString().isEmpty)
    }

    @Test("page parameters go in as limit, startTime, endTime, cursor")
    func pageParameters() {
        var query = QueryString()
        query.append("symbol", "ETHUSDT")
        query.append(PageRequest(limit: 10, startTime: 1, endTime: 2, cursor: "abc"))
        #expect(query.raw == "symbol=ETHUSDT&limit=10&startTime=1&endTime=2&cursor=abc")
        let next = PageRequest(limit: 10).next(after: Page<Int>(items: [1], nextCursor: "xyz"))
        #expect(next == PageRequest(limit: 10, cursor: "xyz"))
        #expect(PageRequest().next(after: Page<Int>(items: [], nextCursor: nil)) == nil)
    }

    @Test("a signed GET signs the query exactly as it appears in the URL")
    func signedGet() {
        let client = apiKeyClient()
        var query = QueryString()
        query.append("symbol", "BTC USDT")
        query.append("limit", 5 as Int?)
        let request = client.makeRequest(.get, "/v1/private/order/history", query: query, auth: .credentials,
                                         timestamp: 1_763_700_000_000)
        #expect(request.url == "http://127.0.0.1:8080/v1/private/order/history?symbol=BTC%20USDT&limit=5")
        #expect(request.rawQuery == "symbol=BTC%20USDT&limit=5")
        #expect(request.body.isEmpty)
        #expect(request.header("Content-Type") == nil)
        #expect(request.header("X-API-RECV-WINDOW") == "7000")
        #expect(request.header("X-API-TIMESTAMP") == "1763700000000")
        #expect(request.header("X-API-SIGNATURE") == signatureOfSentBytes(request))
    }

    @Test("a signed POST sends the JSON body it signed: keys sorted, nil fields left out")
    func signedPost() throws {
        let client = apiKeyClient()
        let order = OrderRequest.limit("BTCUSDT", "BUY", quantity: "0.010", price: "65000.5", clientOrderId: "bot-42")
        let body = try client.encodeBody(order)
        #expect(String(decoding: body, as: UTF8.self)
            == #"{"clientOrderId":"bot-42","price":"65000.5","quantity":"0.010","side":"BUY","symbol":"BTCUSDT","type":"LIMIT"}"#)
        let request = client.makeRequest(.post, "/v1/private/order/place", body: body, auth: .credentials)
        #expect(request.body == body)
        #expect(request.header("Content-Type") == "application/json")
        #expect(request.header("X-API-SIGNATURE") == signatureOfSentBytes(request))
        #expect(Int64(request.header("X-API-TIMESTAMP") ?? "").map { $0 > 1_700_000_000_000 } == true)
    }

    @Test("the calls send what they signed", .timeLimit(.minutes(1)))
    func callsThroughTransport() async throws {
        let transport = RecordingTransport { _ in
            .envelope(#"{"code":0,"msg":"OK","data":{"items":[],"nextCursor":null}}"#)
        }
        let client = PerpetuaClient(
            baseURL: "http://h:1", credentials: .apiKey(key: "pk_test", secret: "secret", recvWindow: 7000),
            transport: transport)
        let page = try await client.fills(symbol: "BTCUSDT", page: PageRequest(limit: 2, cursor: "c/1"))
        #expect(page.items.isEmpty && page.nextCursor == nil)
        let request = try #require(transport.requests.first)
        #expect(request.url == "http://h:1/v1/private/order/trades?symbol=BTCUSDT&limit=2&cursor=c%2F1")
        let text = (request.header("X-API-TIMESTAMP") ?? "") + "pk_test7000GET/v1/private/order/trades?"
            + request.rawQuery
        #expect(request.header("X-API-SIGNATURE") == signer.signature(stringToSign: text))
    }

    @Test("a cancel by clientOrderId sends symbol and clientOrderId only")
    func cancelBody() async throws {
        let order = #"{"orderId":"7","clientOrderId":"c1","symbol":"BTCUSDT","side":"BUY","type":"LIMIT","quantity":"1","price":"10","status":"CANCELED","executedQty":"0","createTime":1,"updateTime":2}"#
        let transport = RecordingTransport { _ in .envelope(#"{"code":0,"msg":"OK","data":"# + order + "}") }
        let client = PerpetuaClient(baseURL: "http://h:1", credentials: .bearer("jwt"), transport: transport)
        let cancelled = try await client.cancelOrder(symbol: "BTCUSDT", .clientOrderId("c1"))
        #expect(cancelled.status == "CANCELED" && cancelled.isFinal)
        let request = try #require(transport.requests.first)
        #expect(String(decoding: request.body, as: UTF8.self) == #"{"clientOrderId":"c1","symbol":"BTCUSDT"}"#)
        #expect(request.header("Authorization") == "Bearer jwt")
        #expect(request.method == .post)
    }

    @Test("public endpoints carry no credentials; a bearer client sends its token on private ones")
    func authHeaders() {
        let apiKey = apiKeyClient()
        let publicRequest = apiKey.makeRequest(.get, "/v1/time", auth: .none)
        #expect(publicRequest.headers.isEmpty)
        let admin = PerpetuaClient(baseURL: "http://h:1", credentials: .bearer("admin-token"), transport: RecordingTransport())
        let request = admin.makeRequest(.get, "/v1/admin/clock", auth: .credentials)
        #expect(request.headers.map(\.name) == ["Authorization"])
        #expect(request.header("authorization") == "Bearer admin-token")
        let anonymous = PerpetuaClient(baseURL: "http://h:1", transport: RecordingTransport())
        #expect(anonymous.makeRequest(.get, "/v1/private/user/info", auth: .credentials).headers.isEmpty)
    }
}
