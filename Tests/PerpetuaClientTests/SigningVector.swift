/// One request-signing vector of `/work/shared/vectors/wire.json` (API.md §2.2), copied
/// here so the tests do not read outside the package.
struct SigningVector: Sendable, CustomTestStringConvertible {
    var secret: String
    var apiKey: String
    var timestamp: String
    var recvWindow: String
    var method: String
    var pathWithQuery: String
    var body: String
    var stringToSign: String
    var signature: String

    var testDescription: String { "\(method) \(pathWithQuery)" }

    static let all: [SigningVector] = [
        SigningVector(
            secret: "s3cr3t-Example-Secret-0001", apiKey: "pk_test_4f2a9c", timestamp: "1763700000000",
            recvWindow: "5000", method: "GET", pathWithQuery: "/v1/private/user/asset", body: "",
            stringToSign: "1763700000000pk_test_4f2a9c5000GET/v1/private/user/asset",
            signature: "c459b1e80554e50d7ccead09f0a0a49eec67b36cc751d805d2eb90b0a25f3810"),
        SigningVector(
            secret: "s3cr3t-Example-Secret-0001", apiKey: "pk_test_4f2a9c", timestamp: "1763700000123",
            recvWindow: "10000", method: "GET", pathWithQuery: "/v1/private/order/history?symbol=BTCUSDT&limit=50",
            body: "",
            stringToSign: "1763700000123pk_test_4f2a9c10000GET/v1/private/order/history?symbol=BTCUSDT&limit=50",
            signature: "b626862107a3a2485c36a23c0c2c5d248cf6ef883bff1d346d42c3e6ff0192e1"),
        SigningVector(
            secret: "another/Secret+with=symbols", apiKey: "pk_live_77", timestamp: "1763700001000",
            recvWindow: "5000", method: "POST", pathWithQuery: "/v1/private/order/place",
            body: #"{"symbol":"BTCUSDT","side":"BUY","type":"LIMIT","price":"65000.5","quantity":"0.010","timeInForce":"GTC","clientOrderId":"bot-42"}"#,
            stringToSign: #"1763700001000pk_live_775000POST/v1/private/order/place{"symbol":"BTCUSDT","side":"BUY","type":"LIMIT","price":"65000.5","quantity":"0.010","timeInForce":"GTC","clientOrderId":"bot-42"}"#,
            signature: "dd62ff77add7411403cb7c623d341b37f9313bcf164861da45ed8bb05ed222ae"),
        SigningVector(
            secret: "another/Secret+with=symbols", apiKey: "pk_live_77", timestamp: "1763700002000",
            recvWindow: "5000", method: "PUT", pathWithQuery: "/v1/private/user/listen-key", body: "{}",
            stringToSign: "1763700002000pk_live_775000PUT/v1/private/user/listen-key{}",
            signature: "1d515d59ef63f802713156d0c3e02edc201e2ad6934cb24dd85a161970ef39c8"),
    ]

    var path: String { String(pathWithQuery.split(separator: "?", maxSplits: 1)[0]) }
    var rawQuery: String {
        let parts = pathWithQuery.split(separator: "?", maxSplits: 1)
        return parts.count == 2 ? String(parts[1]) : ""
    }
}

import Testing
