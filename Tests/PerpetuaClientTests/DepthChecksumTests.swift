import PerpetuaClient
import Testing

@Suite("Depth checksum (API.md §6.1, vectors/wire.json)")
struct DepthChecksumTests {
    static func levels(_ pairs: [(String, String)]) -> [DepthLevel] {
        pairs.map { DepthLevel(price: $0.0, quantity: $0.1) }
    }

    @Test("the three short vectors")
    func shortVectors() {
        let cases: [(bids: [DepthLevel], asks: [DepthLevel], text: String, checksum: Int32)] = [
            (Self.levels([("3366.1", "7.0")]), Self.levels([("3366.8", "9.0"), ("3368", "8.0")]),
             "3366.1:7.0:3366.8:9.0:3368:8.0", 127_671_690),
            (Self.levels([("65000.5", "1.25"), ("65000.4", "0.5"), ("64999", "3")]), Self.levels([("65000.6", "0.75")]),
             "65000.5:1.25:65000.6:0.75:65000.4:0.5:64999:3", 662_068_042),
            ([], Self.levels([("1.0001", "10")]), "1.0001:10", -1_083_678_018),
        ]
        for item in cases {
            #expect(Depth.checksumString(bids: item.bids, asks: item.asks) == item.text)
            #expect(Depth.checksum(bids: item.bids, asks: item.asks) == item.checksum)
        }
    }

    @Test("30 levels a side: only the first 25 count")
    func deepBook() {
        // The vector's bids run 100.0, 99.5, … down by 0.5 with quantities 1…30; its asks
        // run 101.0, 101.5, … up by 0.5 with quantities 30…1.
        func price(_ halfSteps: Int) -> String {
            "\(halfSteps / 2).\(halfSteps % 2 == 0 ? "0" : "5")"
        }
        let bids = (0..<30).map { DepthLevel(price: price(200 - $0), quantity: String($0 + 1)) }
        let asks = (0..<30).map { DepthLevel(price: price(202 + $0), quantity: String(30 - $0)) }
        #expect(bids[1].price == "99.5" && asks[29].price == "115.5")
        let text = Depth.checksumString(bids: bids, asks: asks)
        #expect(text.hasPrefix("100.0:1:101.0:30:99.5:2:101.5:29:99.0:3:102.0:28:98.5:4:102.5:27:98.0:5:103.0:26"))
        #expect(Depth.checksum(bids: bids, asks: asks) == 1_182_405_184)
    }
}
