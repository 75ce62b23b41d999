import Foundation
import PerpetuaClient
import Testing

@Suite("Request signing (API.md §2.2, vectors/wire.json)")
struct SigningTests {
    @Test("the string to sign hashes to the vector's signature", arguments: SigningVector.all)
    func stringToSign(vector: SigningVector) {
        let signer = RequestSigner(apiKey: vector.apiKey, secret: vector.secret)
        #expect(signer.signature(stringToSign: vector.stringToSign) == vector.signature)
    }

    @Test("the pieces, fed one by one, give the vector's signature", arguments: SigningVector.all)
    func pieces(vector: SigningVector) {
        let window = Int(vector.recvWindow)!
        let signer = RequestSigner(apiKey: vector.apiKey, secret: vector.secret, recvWindow: window)
        let signature = signer.signature(
            timestamp: vector.timestamp, method: vector.method, path: vector.path, rawQuery: vector.rawQuery,
            body: Data(vector.body.utf8))
        #expect(signature == vector.signature)
    }

    @Test("a client with the vector's key builds exactly the vector's request", arguments: SigningVector.all)
    func clientRequest(vector: SigningVector) throws {
        // 5000 is the default: send no header then, as API.md allows.
        let window = vector.recvWindow == "5000" ? nil : Int(vector.recvWindow)
        let client = PerpetuaClient(
            baseURL: "http://127.0.0.1:8080/",
            credentials: .apiKey(key: vector.apiKey, secret: vector.secret, recvWindow: window),
            transport: RecordingTransport())
        var query = QueryString()
        for pair in vector.rawQuery.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            query.append(String(parts[0]), String(parts[1]))
        }
        let method = try #require(RequestMethod(rawValue: vector.method))
        let request = client.makeRequest(
            method, vector.path, query: query, body: Data(vector.body.utf8), auth: .credentials,
            timestamp: Int64(vector.timestamp)!)
        #expect(request.url == "http://127.0.0.1:8080" + vector.pathWithQuery)
        #expect(request.header("X-API-KEY") == vector.apiKey)
        #expect(request.header("X-API-TIMESTAMP") == vector.timestamp)
        #expect(request.header("X-API-RECV-WINDOW") == (window == nil ? nil : vector.recvWindow))
        #expect(request.header("X-API-SIGNATURE") == vector.signature)
        #expect(String(decoding: request.body, as: UTF8.self) == vector.body)
    }

    @Test("the signature is 64 lower-case hex digits")
    func hexShape() {
        let signature = RequestSigner(apiKey: "k", secret: "s").signature(stringToSign: "")
        #expect(signature.count == 64)
        #expect(signature.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        // HMAC-SHA256 of the empty message under key "s", computed with Python's hmac module.
        #expect(signature == "64eca07cce67929c357d63d0a4aec207e774800403298914fc04e88ce02ac49f")
    }
}
