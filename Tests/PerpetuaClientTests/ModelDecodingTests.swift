import Foundation
import PerpetuaClient
import PerpetuaCore
import Testing

@Suite("Models decode the shapes of API.md §5 and §8")
struct ModelDecodingTests {
    func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(json.utf8))
    }

    @Test("Symbol with brackets and fee tiers; decimals parse with PerpetuaCore")
    func symbol() throws {
        let symbol = try decode(Symbol.self, Samples.symbol)
        #expect(symbol.symbol == "BTCUSDT" && symbol.maxLeverage == 125 && symbol.fundingIntervalHours == 8)
        #expect(symbol.leverageBrackets.count == 2 && symbol.leverageBrackets[1].cum == "50")
        #expect(symbol.feeTiers[1].makerRate == "-0.0001")
        #expect(try Price(parsing: symbol.tickSize) == Price(units: 10_000_000))
        #expect(try Rate(parsing: symbol.feeTiers[1].makerRate) == Rate(units: -10_000))
        // And back: the admin create body is the same object.
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let again = try JSONDecoder().decode(Symbol.self, from: try encoder.encode(symbol))
        #expect(again == symbol)
    }

    @Test("Order, Page<Order>, Fill")
    func orders() throws {
        let order = try decode(Order.self, Samples.order)
        #expect(order.orderId == "1001" && order.price == "65000.5" && order.cancelReason == nil && !order.isFinal)
        let page = try decode(Page<Order>.self, #"{"items":["# + Samples.order + #"],"nextCursor":"djE6MTox"}"#)
        #expect(page.items == [order] && page.nextCursor == "djE6MTox")
        let fill = try decode(Fill.self, #"""
            {"tradeId":"9","orderId":"1001","symbol":"BTCUSDT","side":"BUY","price":"65000.5","qty":"0.004",
             "quoteQty":"260.002","fee":"0.052","feeAsset":"USDT","role":"MAKER","realizedPnl":"0","time":1763700001500}
            """#)
        #expect(fill.role == "MAKER" && fill.quoteQty == "260.002")
    }

    @Test("batch results: success items carry the order, failed items their error")
    func batch() throws {
        let json = #"[{"code":0,"msg":"OK","data":"# + Samples.order
            + #"},{"code":13003,"msg":"price not on tick","data":{"field":"price","tickSize":"0.1"}}]"#
        let results = try decode([BatchItemResult<Order>].self, json)
        #expect(results.count == 2)
        #expect(results[0].isSuccess)
        #expect(try results[0].get().orderId == "1001")
        #expect(!results[1].isSuccess && results[1].errorData.tickSize?.stringValue == "0.1")
        #expect(throws: PerpetuaClientError.self) { try results[1].get() }
    }

    @Test("ConditionOrder and Strategy legs of either kind")
    func strategy() throws {
        let condition = #"{"conditionOrderId":"501","symbol":"BTCUSDT","side":"SELL","type":"STOP_MARKET","triggerPrice":"60000","triggerPriceType":"MARK","closePosition":true,"status":"UNTRIGGERED","createTime":1,"updateTime":1}"#
        let parsed = try decode(ConditionOrder.self, condition)
        #expect(parsed.closePosition == true && parsed.quantity == nil)
        let strategy = try decode(Strategy.self, #"{"strategyId":"77","type":"OTO","status":"WORKING","legs":["#
            + Samples.order + "," + condition + #",{"note":"unknown"}]}"#)
        #expect(strategy.legs.count == 3)
        if case .order(let order) = strategy.legs[0] { #expect(order.orderId == "1001") } else { Issue.record("leg 0") }
        if case .condition(let c) = strategy.legs[1] { #expect(c.conditionOrderId == "501") } else { Issue.record("leg 1") }
        if case .other(let raw) = strategy.legs[2] { #expect(raw.note == "unknown") } else { Issue.record("leg 2") }
    }

    @Test("a strategy request encodes its legs as plain order objects")
    func strategyRequest() throws {
        let request = StrategyRequest(
            type: "OTO",
            working: .order(.limit("BTCUSDT", "BUY", quantity: "1", price: "100")),
            pending: .condition(ConditionOrderRequest(
                symbol: "BTCUSDT", side: "SELL", type: "STOP_MARKET", triggerPrice: "90", closePosition: true)))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(request), as: UTF8.self)
        #expect(text == #"{"pending":{"closePosition":true,"side":"SELL","symbol":"BTCUSDT","triggerPrice":"90","type":"STOP_MARKET"},"type":"OTO","working":{"price":"100","quantity":"1","side":"BUY","symbol":"BTCUSDT","type":"LIMIT"}}"#)
    }

    @Test("Depth levels, Ticker with an empty side, Kline")
    func market() throws {
        let depth = try decode(Depth.self, #"{"symbol":"BTCUSDT","seq":123,"bids":[["65000.5","1.25"]],"asks":[["65000.6","0.75"]],"checksum":-1083678018}"#)
        #expect(depth.bids == [DepthLevel(price: "65000.5", quantity: "1.25")] && depth.checksum == -1_083_678_018)
        let ticker = try decode(Ticker.self, #"{"symbol":"BTCUSDT","last":"65000","open":"64000","high":"65500","low":"63900","volume":"12.5","quoteVolume":"800000","change":"0.0156","markPrice":"65001","indexPrice":"65002","bestBid":null,"bestAsk":"65000.6"}"#)
        #expect(ticker.bestBid == nil && ticker.bestAsk == "65000.6")
        let kline = try decode(Kline.self, #"{"openTime":0,"closeTime":59999,"open":"1","high":"2","low":"0.5","close":"1.5","volume":"0","quoteVolume":"0","tradeCount":0}"#)
        #expect(kline.closeTime == 59_999)
        _ = try decode([FundingRateConfig].self, #"[{"symbol":"BTCUSDT","intervalHours":8,"interestRate":"0.0001","capRate":"0.003","floorRate":"-0.003","impactNotional":"10000"}]"#)
        _ = try decode(Page<CurrentFundingRate>.self, #"{"items":[{"symbol":"BTCUSDT","fundingRate":"0.0001","markPrice":"65000","indexPrice":"64990","nextFundingTime":1763712000000,"lastFundingRate":"0.0001"}],"nextCursor":null}"#)
        _ = try decode(Page<FundingRateRecord>.self, #"{"items":[{"symbol":"BTCUSDT","fundingRate":"0.0001","markPrice":"65000","fundingTime":1763712000000}],"nextCursor":null}"#)
        _ = try decode([PublicTrade].self, #"[{"tradeId":"9","price":"65000.5","qty":"0.004","side":"SELL","time":1}]"#)
        _ = try decode([LeaderboardEntry].self, #"[{"rank":1,"name":"al***ce","pnl":"1200.5","roi":"0.12","volume":"99000"}]"#)
        _ = try decode(VersionInfo.self, #"{"version":"0.1.0","apiVersion":"v1","commit":"abc123"}"#)
    }

    @Test("user models; daily dates as ms or YYYY-MM-DD")
    func user() throws {
        _ = try decode(UserInfo.self, #"{"userId":"12","username":"alice","nickname":null,"createdAt":1,"feeTier":0,"makerRate":"0.0002","takerRate":"0.0005"}"#)
        _ = try decode(Asset.self, #"{"asset":"USDT","walletBalance":"1000","unrealizedPnl":"-2.5","marginBalance":"997.5","availableBalance":"900","positionInitialMargin":"90","orderInitialMargin":"7.5","maintenanceMargin":"1.2","marginRatio":"0.0012"}"#)
        _ = try decode(Page<AccountChange>.self, #"{"items":[{"id":"5","type":"DEPOSIT","asset":"USDT","amount":"1000","balanceAfter":"1000","symbol":null,"refId":null,"time":1}],"nextCursor":null}"#)
        let stats = try decode(VolumeStats.self, #"{"volume30d":"5","makerVolume30d":"2","takerVolume30d":"3","fees30d":"0.1","feeTier":0,"makerRate":"0.0002","takerRate":"0.0005","daily":[{"date":"2025-11-21","volume":"5","fees":"0.1"},{"date":1763683200000,"volume":"0","fees":"0"}]}"#)
        #expect(stats.daily.map(\.date) == [1_763_683_200_000, 1_763_683_200_000])
        let history = try decode([BalanceHistoryEntry].self, #"[{"date":"1970-01-02","walletBalance":"1","marginBalance":"1"}]"#)
        #expect(history[0].date == 86_400_000)
        let overview = try decode(TradeOverview.self, #"{"realizedPnl":"10","fees":"1","funding":"-0.5","volume":"1000","tradeCount":4,"winRate":"0.75","trend":[{"date":"2024-02-29","pnl":"10","cumulativePnl":"10","volume":"1000"}]}"#)
        #expect(overview.trend[0].date == 1_709_164_800_000)
        _ = try decode(AssetSummary.self, #"{"equity":"1","walletBalance":"1","unrealizedPnl":"0","pnlToday":"0","pnl7d":"0","pnl30d":"0","roi30d":"0"}"#)
        _ = try decode([EquityTrendPoint].self, #"[{"time":1,"equity":"1000"}]"#)
        #expect(throws: DecodingError.self) {
            try self.decode(BalanceHistoryEntry.self, #"{"date":"yesterday","walletBalance":"1","marginBalance":"1"}"#)
        }
    }

    @Test("API keys: the created key carries its secret once")
    func apiKeys() throws {
        let created = try decode(CreatedApiKey.self, #"{"apiKey":"pk_1","label":"bot","permissions":["READ","TRADE"],"ipWhitelist":["10.0.0.0/8"],"status":"ENABLED","createdAt":1,"expiresAt":null,"lastUsedAt":null,"apiSecret":"s3cr3t"}"#)
        #expect(created.key.apiKey == "pk_1" && created.apiSecret == "s3cr3t" && created.key.expiresAt == nil)
        guard case .apiKey(let key, let secret, let window) = created.credentials() else {
            Issue.record("expected API key credentials")
            return
        }
        #expect(key == "pk_1" && secret == "s3cr3t" && window == nil)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let update = String(decoding: try encoder.encode(ApiKeyUpdateRequest(apiKey: "pk_1", status: "DISABLED")), as: UTF8.self)
        #expect(update == #"{"apiKey":"pk_1","status":"DISABLED"}"#)
    }

    @Test("positions and admin answers")
    func positionsAndAdmin() throws {
        let position = try decode(Position.self, #"{"symbol":"BTCUSDT","side":"LONG","size":"0.5","entryPrice":"65000","markPrice":"65100","unrealizedPnl":"50","realizedPnl":"0","leverage":20,"marginMode":"CROSS","isolatedMargin":"0","initialMargin":"1627.5","maintenanceMargin":"130.2","liquidationPrice":null,"marginRatio":"0.01","updateTime":1}"#)
        #expect(position.leverage == 20 && position.liquidationPrice == nil)
        _ = try decode(PositionSettings.self, #"{"symbol":"BTCUSDT","leverage":20,"marginMode":"ISOLATED","maxNotional":"250000"}"#)
        _ = try decode(Page<PositionHistory>.self, #"{"items":[{"symbol":"BTCUSDT","side":"SHORT","openTime":1,"closeTime":2,"maxSize":"1","entryPrice":"10","closePrice":"9","realizedPnl":"1","fees":"0.01","funding":"0","closeType":"LIQUIDATION"}],"nextCursor":null}"#)
        _ = try decode(Page<AdminUser>.self, #"{"items":[{"userId":"1","username":"alice","nickname":"Al","createdAt":1}],"nextCursor":null}"#)
        _ = try decode(InsuranceFund.self, #"{"balance":"100","feeIncome":"5.5"}"#)
        _ = try decode(ClockState.self, #"{"time":1763700000000,"mode":"MANUAL"}"#)
        _ = try decode(WalletBalance.self, #"{"balance":"1000"}"#)
        _ = try decode(CreatedUser.self, #"{"userId":"12"}"#)
        _ = try decode(LoginResponse.self, #"{"accessToken":"a","tokenType":"Bearer","expiresIn":900}"#)
        _ = try decode(AgentTicket.self, #"{"ticket":"t","expiresAt":1}"#)
        _ = try decode(EmbedToken.self, #"{"embedToken":"e","expiresAt":1}"#)
        _ = try decode(ListenKey.self, #"{"listenKey":"lk"}"#)
    }
}
