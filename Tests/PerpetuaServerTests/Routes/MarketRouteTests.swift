import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PerpetuaCore
import PerpetuaEngine
import PerpetuaJournal
import PerpetuaServer
import Testing

/// The public market data of API.md §5.1 on BTCUSDT (index and mark 65000).
@Suite("Market routes")
struct MarketRouteTests {
    @Test("symbols: the full Symbol, the filter, unknown names")
    func symbols() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            let all = try await client.call(.get, "/v1/public/market/symbols")
            #expect(all.status == .ok && all.code == 0)
            try #require(all.array.count == 1)
            let btc = all.array[0]
            #expect(btc.string("symbol") == "BTCUSDT" && btc.string("baseAsset") == "BTC" && btc.string("quoteAsset") == "USDT")
            #expect(btc.string("contractType") == "PERPETUAL" && btc.string("status") == "TRADING")
            #expect(btc.string("tickSize") == "0.1" && btc.string("stepSize") == "0.001")
            #expect(btc.string("minQty") == "0.001" && btc.string("maxQty") == "1000.000")
            #expect(btc.string("minNotional") == "5" && btc.string("priceBandRate") == "0.05")
            #expect(btc.int("maxLeverage") == 125 && btc.int("fundingIntervalHours") == 8)
            let brackets = btc["leverageBrackets"] as? [[String: Any]] ?? []
            #expect(brackets.compactMap { $0.int("bracket") } == [1, 2, 3])
            #expect(brackets.compactMap { $0.int("maxLeverage") } == [125, 100, 50])
            #expect(brackets.compactMap { $0.string("notionalFloor") } == ["0", "50000", "250000"])
            #expect(brackets.compactMap { $0.string("notionalCap") } == ["50000", "250000", "1000000"])
            #expect(brackets.compactMap { $0.string("maintMarginRate") } == ["0.004", "0.005", "0.01"])
            // cum(2) = 50000 × 0.001 = 50; cum(3) = 250000 × 0.005 + 50 = 1300.
            #expect(brackets.compactMap { $0.string("cum") } == ["0", "50", "1300"])
            let tiers = btc["feeTiers"] as? [[String: Any]] ?? []
            #expect(tiers.compactMap { $0.string("makerRate") } == ["0.0002", "-0.0001"])
            #expect(tiers.compactMap { $0.string("takerRate") } == ["0.0005", "0.0004"])
            #expect(tiers.compactMap { $0.string("minVolume30d") } == ["0", "1000000"])

            let one = try await client.call(.get, "/v1/public/market/symbols?symbol=BTCUSDT")
            #expect(one.array.count == 1 && one.array.first?.string("symbol") == "BTCUSDT")
            let unknown = try await client.call(.get, "/v1/public/market/symbols?symbol=ETHUSDT")
            #expect(unknown.status == .notFound && unknown.code == 12002)
            #expect(unknown.msg == "instrument does not exist: ETHUSDT")
            let typo = try await client.call(.get, "/v1/public/market/symbols?symbol=btc-usdt")
            #expect(typo.status == .notFound && typo.code == 12002)
            #expect(typo.msg == "instrument does not exist: btc-usdt; did you mean BTCUSDT?")
        }
        await t.harness.stop()
    }

    @Test("depth: aggregated levels, seq moves with the book, checksum of API.md §6.1")
    func depth() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            try await client.place(orderJSON("BUY", "0.010", price: "64990.0"), t.aliceKey)
            try await client.place(orderJSON("BUY", "0.005", price: "64990"), t.bobKey)
            try await client.place(orderJSON("BUY", "0.002", price: "64980.5"), t.aliceKey)
            try await client.place(orderJSON("SELL", "0.003", price: "65010.0"), t.bobKey)

            let reply = try await client.call(.get, "/v1/public/market/depth?symbol=BTCUSDT")
            #expect(reply.status == .ok && reply.code == 0)
            #expect(reply.object.string("symbol") == "BTCUSDT")
            let bids = reply.object["bids"] as? [[String]] ?? []
            let asks = reply.object["asks"] as? [[String]] ?? []
            #expect(bids == [["64990.0", "0.015"], ["64980.5", "0.002"]])
            #expect(asks == [["65010.0", "0.003"]])
            // bid 1, ask 1, bid 2 (the longer side continues alone).
            let text = "64990.0:0.015:65010.0:0.003:64980.5:0.002"
            #expect(reply.object.int("checksum") == Int64(referenceCRC32(text)))
            #expect(DepthChecksum.string(bids: bids, asks: asks) == text)
            let seq = try #require(reply.object.int("seq"))
            // Reading does not move it; a book change does.
            #expect(try await client.call(.get, "/v1/public/market/depth?symbol=BTCUSDT").object.int("seq") == seq)
            try await client.place(orderJSON("SELL", "0.001", price: "65020.0"), t.bobKey)
            let changed = try await client.call(.get, "/v1/public/market/depth?symbol=BTCUSDT&limit=5")
            let newSeq = try #require(changed.object.int("seq"))
            #expect(newSeq > seq)
            #expect(changed.object["asks"] as? [[String]] == [["65010.0", "0.003"], ["65020.0", "0.001"]])

            // limit caps the levels per side.
            for price in ["64970.0", "64960.0", "64950.0", "64940.0"] {
                try await client.place(orderJSON("BUY", "0.001", price: price), t.aliceKey)
            }
            let five = try await client.call(.get, "/v1/public/market/depth?symbol=BTCUSDT&limit=5")
            #expect((five.object["bids"] as? [[String]])?.count == 5)
            #expect((five.object["bids"] as? [[String]])?.last == ["64950.0", "0.001"])

            for limit in ["4", "1001", "x"] {
                let bad = try await client.call(.get, "/v1/public/market/depth?symbol=BTCUSDT&limit=\(limit)")
                #expect(bad.status == .badRequest && bad.code == 12001 && bad.field == "limit")
            }
            let missing = try await client.call(.get, "/v1/public/market/depth")
            #expect(missing.status == .badRequest && missing.code == 12001 && missing.field == "symbol")
            let unknown = try await client.call(.get, "/v1/public/market/depth?symbol=ETHUSDT")
            #expect(unknown.status == .notFound && unknown.code == 12002)
        }
        await t.harness.stop()
    }

    /// The depthChecksum vectors of /work/shared/vectors/wire.json.
    static let checksumVectors: [(bids: [[String]], asks: [[String]], checksum: Int32)] = [
        (bids: [["3366.1", "7.0"]],
         asks: [["3366.8", "9.0"], ["3368", "8.0"]],
         checksum: 127671690),
        (bids: [["65000.5", "1.25"], ["65000.4", "0.5"], ["64999", "3"]],
         asks: [["65000.6", "0.75"]],
         checksum: 662068042),
        (bids: [],
         asks: [["1.0001", "10"]],
         checksum: -1083678018),
        (bids: [["100.0", "1"], ["99.5", "2"], ["99.0", "3"], ["98.5", "4"], ["98.0", "5"], ["97.5", "6"], ["97.0", "7"], ["96.5", "8"], ["96.0", "9"], ["95.5", "10"], ["95.0", "11"], ["94.5", "12"], ["94.0", "13"], ["93.5", "14"], ["93.0", "15"], ["92.5", "16"], ["92.0", "17"], ["91.5", "18"], ["91.0", "19"], ["90.5", "20"], ["90.0", "21"], ["89.5", "22"], ["89.0", "23"], ["88.5", "24"], ["88.0", "25"], ["87.5", "26"], ["87.0", "27"], ["86.5", "28"], ["86.0", "29"], ["85.5", "30"]],
         asks: [["101.0", "30"], ["101.5", "29"], ["102.0", "28"], ["102.5", "27"], ["103.0", "26"], ["103.5", "25"], ["104.0", "24"], ["104.5", "23"], ["105.0", "22"], ["105.5", "21"], ["106.0", "20"], ["106.5", "19"], ["107.0", "18"], ["107.5", "17"], ["108.0", "16"], ["108.5", "15"], ["109.0", "14"], ["109.5", "13"], ["110.0", "12"], ["110.5", "11"], ["111.0", "10"], ["111.5", "9"], ["112.0", "8"], ["112.5", "7"], ["113.0", "6"], ["113.5", "5"], ["114.0", "4"], ["114.5", "3"], ["115.0", "2"], ["115.5", "1"]],
         checksum: 1182405184),
    ]

    @Test("DepthChecksum reproduces the wire.json vectors, and so does an independent CRC32")
    func checksumVectors() {
        #expect(Self.checksumVectors.count == 4)
        for vector in Self.checksumVectors {
            #expect(DepthChecksum.compute(bids: vector.bids, asks: vector.asks) == vector.checksum)
            #expect(referenceCRC32(DepthChecksum.string(bids: vector.bids, asks: vector.asks)) == vector.checksum)
        }
        #expect(DepthChecksum.string(bids: Self.checksumVectors[0].bids, asks: Self.checksumVectors[0].asks) == "3366.1:7.0:3366.8:9.0:3368:8.0")
        #expect(DepthChecksum.string(bids: Self.checksumVectors[1].bids, asks: Self.checksumVectors[1].asks)
            == "65000.5:1.25:65000.6:0.75:65000.4:0.5:64999:3")
        // Thirty levels a side: only 25 count.
        #expect(DepthChecksum.string(bids: Self.checksumVectors[3].bids, asks: Self.checksumVectors[3].asks).split(separator: ":").count == 100)
    }

    @Test("trades: the taker's side, newest first")
    func trades() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            // Trade 1: bob takes alice's ask (BUY); trade 2: bob hits alice's bid (SELL).
            try await client.place(orderJSON("SELL", "0.010", price: "65000.0"), t.aliceKey)
            try await client.place(orderJSON("BUY", "0.010"), t.bobKey)
            try await client.place(orderJSON("BUY", "0.004", price: "65100.0"), t.aliceKey)
            try await client.place(orderJSON("SELL", "0.004"), t.bobKey)
            await t.harness.exchange.waitForProjection()

            let reply = try await client.call(.get, "/v1/public/market/trades?symbol=BTCUSDT")
            #expect(reply.status == .ok && reply.code == 0)
            try #require(reply.array.count == 2)
            #expect(reply.array.compactMap { $0.string("tradeId") } == ["2", "1"])
            #expect(reply.array.compactMap { $0.string("side") } == ["SELL", "BUY"])
            #expect(reply.array.compactMap { $0.string("price") } == ["65100.0", "65000.0"])
            #expect(reply.array.compactMap { $0.string("qty") } == ["0.004", "0.010"])
            #expect(reply.array.allSatisfy { $0.int("time") == at(1000) })
            let one = try await client.call(.get, "/v1/public/market/trades?symbol=BTCUSDT&limit=1")
            #expect(one.array.compactMap { $0.string("tradeId") } == ["2"])

            let zero = try await client.call(.get, "/v1/public/market/trades?symbol=BTCUSDT&limit=0")
            #expect(zero.status == .badRequest && zero.code == 12001 && zero.field == "limit")
            let large = try await client.call(.get, "/v1/public/market/trades?symbol=BTCUSDT&limit=1001")
            #expect(large.status == .badRequest && large.code == 12001)
            let missing = try await client.call(.get, "/v1/public/market/trades")
            #expect(missing.code == 12001 && missing.field == "symbol")
            let unknown = try await client.call(.get, "/v1/public/market/trades?symbol=ETHUSDT")
            #expect(unknown.status == .notFound && unknown.code == 12002)
        }
        await t.harness.stop()
    }

    @Test("ticker: one and all; 24 h open, high, low, volume after trades")
    func ticker() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            // Before any trade: prices of the book and the index only.
            let quiet = try await client.call(.get, "/v1/public/market/ticker?symbol=BTCUSDT")
            #expect(quiet.status == .ok && quiet.code == 0)
            #expect(quiet.object.isNull("last") && quiet.object.isNull("open") && quiet.object.isNull("change"))
            #expect(quiet.object.string("volume") == "0.000" && quiet.object.string("quoteVolume") == "0")
            #expect(quiet.object.string("markPrice") == "65000.0" && quiet.object.string("indexPrice") == "65000.0")
            #expect(quiet.object.isNull("bestBid") && quiet.object.int("tradeCount") == 0)

            try await client.place(orderJSON("SELL", "0.010", price: "65000.0"), t.aliceKey)
            try await client.place(orderJSON("BUY", "0.010"), t.bobKey)
            try await client.place(orderJSON("BUY", "0.010", price: "65100.0"), t.aliceKey)
            try await client.place(orderJSON("SELL", "0.010"), t.bobKey)
            try await client.place(orderJSON("BUY", "0.001", price: "64000.0"), t.aliceKey)
            try await client.place(orderJSON("SELL", "0.001", price: "66000.0"), t.aliceKey)
            await t.harness.exchange.waitForProjection()

            let reply = try await client.call(.get, "/v1/public/market/ticker?symbol=BTCUSDT")
            let ticker = reply.object
            #expect(ticker.string("symbol") == "BTCUSDT")
            #expect(ticker.string("last") == "65100.0" && ticker.string("open") == "65000.0")
            #expect(ticker.string("high") == "65100.0" && ticker.string("low") == "65000.0")
            // 0.010 + 0.010; 650 + 651.
            #expect(ticker.string("volume") == "0.020" && ticker.string("quoteVolume") == "1301")
            // 100 / 65000 = 0.1538 % → 0.15.
            #expect(ticker.string("change") == "100.0" && ticker.string("changePercent") == "0.15")
            #expect(ticker.string("markPrice") == "65000.0" && ticker.string("indexPrice") == "65000.0")
            #expect(ticker.string("bestBid") == "64000.0" && ticker.string("bestAsk") == "66000.0")
            #expect(ticker.int("tradeCount") == 2 && ticker.int("time") == at(1000))

            let all = try await client.call(.get, "/v1/public/market/ticker")
            #expect(all.status == .ok && all.array.count == 1)
            #expect(all.array.first?.string("symbol") == "BTCUSDT" && all.array.first?.string("last") == "65100.0")
            let unknown = try await client.call(.get, "/v1/public/market/ticker?symbol=ETHUSDT")
            #expect(unknown.status == .notFound && unknown.code == 12002)
        }
        await t.harness.stop()
    }

    @Test("klines: TRADE bars after trades, MARK and INDEX bars after ticks, bad parameters")
    func klines() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            try await client.place(orderJSON("SELL", "0.010", price: "65000.0"), t.aliceKey)
            try await client.place(orderJSON("BUY", "0.010"), t.bobKey)
            try await client.place(orderJSON("BUY", "0.010", price: "65100.0"), t.aliceKey)
            try await client.place(orderJSON("SELL", "0.010"), t.bobKey)

            let trade = try await client.call(.get, "/v1/public/market/klines?symbol=BTCUSDT&interval=1m")
            #expect(trade.status == .ok && trade.code == 0)
            try #require(trade.array.count == 1)
            let bar = trade.array[0]
            #expect(bar.int("openTime") == ServerHarness.startTime && bar.int("closeTime") == ServerHarness.startTime + 59_999)
            #expect(bar.string("open") == "65000.0" && bar.string("high") == "65100.0")
            #expect(bar.string("low") == "65000.0" && bar.string("close") == "65100.0")
            #expect(bar.string("volume") == "0.020" && bar.string("quoteVolume") == "1301" && bar.int("tradeCount") == 2)
            let hourly = try await client.call(.get, "/v1/public/market/klines?symbol=BTCUSDT&interval=1h&priceType=TRADE")
            #expect(hourly.array.count == 1 && hourly.array.first?.int("closeTime") == ServerHarness.startTime + 3_599_999)

            // Mark ticks: 65000 at +1 s (from the setup); index 66000, then ticks at +2 s and
            // +3 s: median(66000, 66000, last 65100) = 66000.
            #expect(try await client.admin(.post, "/v1/admin/index-price", body: #"{"symbol":"BTCUSDT","price":"66000"}"#).code == 0)
            try await t.harness.exchange.sequencer.advanceClock(by: 2000)
            let mark = try await client.call(.get, "/v1/public/market/klines?symbol=BTCUSDT&interval=1m&priceType=MARK")
            try #require(mark.array.count == 1)
            #expect(mark.array[0].string("open") == "65000.0" && mark.array[0].string("high") == "66000.0")
            #expect(mark.array[0].string("low") == "65000.0" && mark.array[0].string("close") == "66000.0")
            #expect(mark.array[0].string("volume") == "0" && mark.array[0].string("quoteVolume") == "0")
            #expect(mark.array[0].int("tradeCount") == 0)
            let index = try await client.call(.get, "/v1/public/market/klines?symbol=BTCUSDT&interval=1m&priceType=INDEX")
            #expect(index.array.first?.string("open") == "65000.0" && index.array.first?.string("close") == "66000.0")
            #expect(index.array.first?.string("volume") == "0")

            let badInterval = try await client.call(.get, "/v1/public/market/klines?symbol=BTCUSDT&interval=2m")
            #expect(badInterval.status == .badRequest && badInterval.code == 12001 && badInterval.field == "interval")
            let noInterval = try await client.call(.get, "/v1/public/market/klines?symbol=BTCUSDT")
            #expect(noInterval.code == 12001 && noInterval.field == "interval")
            let badType = try await client.call(.get, "/v1/public/market/klines?symbol=BTCUSDT&interval=1m&priceType=LAST")
            #expect(badType.code == 12001 && badType.field == "priceType")
            let limit = try await client.call(.get, "/v1/public/market/klines?symbol=BTCUSDT&interval=1m&limit=1501")
            #expect(limit.status == .badRequest && limit.code == 12001 && limit.field == "limit")
            let range = try await client.call(.get, "/v1/public/market/klines?symbol=BTCUSDT&interval=1m&startTime=2&endTime=1")
            #expect(range.code == 12001 && range.field == "startTime")
            let unknown = try await client.call(.get, "/v1/public/market/klines?symbol=ETHUSDT&interval=1m")
            #expect(unknown.status == .notFound && unknown.code == 12002)
        }
        await t.harness.stop()
    }

    @Test("funding rate: configuration, current estimate, history after a settlement")
    func fundingRate() async throws {
        let t = try await Traders.start()
        try await t.harness.test { client in
            let config = try await client.call(.get, "/v1/public/market/funding-rate")
            #expect(config.status == .ok && config.code == 0)
            try #require(config.array.count == 1)
            let btc = config.array[0]
            #expect(btc.string("symbol") == "BTCUSDT" && btc.int("intervalHours") == 8)
            // Interest 0.01 % per 8 h; cap 0.75 × 0.004; impact 200 × 125.
            #expect(btc.string("interestRate") == "0.0001")
            #expect(btc.string("capRate") == "0.003" && btc.string("floorRate") == "-0.003")
            #expect(btc.string("impactNotional") == "25000")
            let filtered = try await client.call(.get, "/v1/public/market/funding-rate?symbol=ETHUSDT")
            #expect(filtered.status == .notFound && filtered.code == 12002)

            let current = try await client.call(.get, "/v1/public/market/funding-rate/current")
            #expect(current.status == .ok && current.isNull("nextCursor"))
            try #require(current.items.count == 1)
            let now = current.items[0]
            #expect(now.string("symbol") == "BTCUSDT" && now.string("fundingRate") == "0.0001")
            #expect(now.string("markPrice") == "65000.0" && now.string("indexPrice") == "65000.0")
            #expect(now.int("nextFundingTime") == ServerHarness.startTime + 8 * 3_600_000)
            #expect(now.string("lastFundingRate") == "0")
            let badCursor = try await client.call(.get, "/v1/public/market/funding-rate/current?cursor=o:x")
            #expect(badCursor.status == .badRequest && badCursor.code == 12001 && badCursor.field == "cursor")
            let badLimit = try await client.call(.get, "/v1/public/market/funding-rate/current?limit=0")
            #expect(badLimit.code == 12001 && badLimit.field == "limit")

            let none = try await client.call(.get, "/v1/public/market/funding-rate/history?symbol=BTCUSDT")
            #expect(none.status == .ok && none.items.isEmpty && none.isNull("nextCursor"))
            #expect(try await client.admin(.post, "/v1/admin/funding/settle", body: #"{"symbol":"BTCUSDT"}"#).code == 0)
            let history = try await client.call(.get, "/v1/public/market/funding-rate/history?symbol=BTCUSDT")
            try #require(history.items.count == 1)
            #expect(history.items[0].string("symbol") == "BTCUSDT" && history.items[0].string("fundingRate") == "0.0001")
            #expect(history.items[0].string("markPrice") == "65000.0" && history.items[0].int("fundingTime") == at(1000))
            let settled = try await client.call(.get, "/v1/public/market/funding-rate/current?symbol=BTCUSDT")
            #expect(settled.items.first?.string("lastFundingRate") == "0.0001")

            let missing = try await client.call(.get, "/v1/public/market/funding-rate/history")
            #expect(missing.status == .badRequest && missing.code == 12001 && missing.field == "symbol")
            let unknown = try await client.call(.get, "/v1/public/market/funding-rate/history?symbol=ETHUSDT")
            #expect(unknown.status == .notFound && unknown.code == 12002)
        }
        await t.harness.stop()
    }
}
