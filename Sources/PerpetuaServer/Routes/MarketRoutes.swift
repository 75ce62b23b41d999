import PerpetuaCore
import PerpetuaEngine
import PerpetuaStore

/// The public market data of API.md §5.1: symbols, depth, trades, ticker, klines and
/// funding. Live figures come from the engine and ``MarketData``; history from the store.
extension APIRouter {
    func addMarketRoutes(_ gateway: Gateway) {
        let exchange = gateway.exchange

        get("/v1/public/market/symbols", access: .open) { request in
            let specs = exchange.market.allSpecs
            if let name = request.query("symbol"), !name.isEmpty {
                guard let spec = specs.first(where: { $0.symbol == name }) else {
                    throw SymbolName.notFound(name, known: specs.map(\.symbol))
                }
                return [SymbolResource(spec)]
            }
            return specs.map(SymbolResource.init)
        }

        get("/v1/public/market/depth", access: .open, weight: 5) { request in
            let symbol = try exchange.symbol(request.requiredQuery("symbol"))
            let limit = Int(try request.integerQuery("limit", in: 5...1000) ?? 100)
            let (spec, depth) = try await exchange.read { engine in
                (engine.market(symbol.symbol)!.spec, engine.depth(symbol.symbol, limit: limit)!)
            }
            let bids = depth.bids.map { [spec.text($0.0), spec.text($0.1)] }
            let asks = depth.asks.map { [spec.text($0.0), spec.text($0.1)] }
            return DepthResource(
                symbol: spec.symbol, seq: depth.sequence, bids: bids, asks: asks,
                checksum: DepthChecksum.compute(bids: bids, asks: asks), time: request.now)
        }

        get("/v1/public/market/trades", access: .open) { request in
            let symbol = try exchange.symbol(request.requiredQuery("symbol"))
            let limit = Int(try request.integerQuery("limit", in: 1...Int64(MarketData.recentTradeCapacity)) ?? 100)
            return exchange.market.recentTrades(symbol.symbol, limit: limit).map {
                PublicTradeResource(
                    tradeId: String($0.tradeId), price: symbol.text($0.price), qty: symbol.text($0.quantity),
                    side: $0.side.rawValue, time: $0.time)
            }
        }

        get("/v1/public/market/ticker", access: .open) { request -> TickerReply in
            if let name = request.query("symbol"), !name.isEmpty {
                let symbol = try exchange.symbol(name)
                return .one(try await exchange.ticker(symbol.symbol, now: request.now))
            }
            let specs = exchange.market.allSpecs
            var all: [TickerResource] = []
            for spec in specs { all.append(try await exchange.ticker(spec.symbol, now: request.now)) }
            return .all(all)
        }

        get("/v1/public/market/klines", access: .open) { request in
            let symbol = try exchange.symbol(request.requiredQuery("symbol"))
            let intervalText = try request.requiredQuery("interval")
            guard let interval = KlineInterval(rawValue: intervalText) else {
                throw APIError.invalid(
                    "interval", "must be one of \(KlineInterval.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(intervalText)\"")
            }
            let typeText = request.query("priceType") ?? "TRADE"
            guard let priceType = KlinePriceType(rawValue: typeText) else {
                throw APIError.invalid("priceType", "must be TRADE, MARK or INDEX, got \"\(typeText)\"")
            }
            let limit = Int(try request.integerQuery("limit", in: 1...1500) ?? 500)
            let start = try request.integerQuery("startTime", in: 0...Int64.max)
            let end = try request.integerQuery("endTime", in: 0...Int64.max)
            if let start, let end, start > end { throw APIError.invalid("startTime", "must not be after endTime") }
            await exchange.waitForProjection()
            let bars = try await exchange.store.klines(
                symbol: symbol.symbol, priceType: priceType, interval: interval, startTime: start, endTime: end, limit: limit,
                now: request.now)
            return bars.map { KlineResource($0, spec: symbol) }
        }

        get("/v1/public/market/funding-rate", access: .open) { request in
            let specs = exchange.market.allSpecs
            let selected = try Self.filter(specs, request.query("symbol"))
            return selected.map {
                FundingConfigResource(
                    symbol: $0.symbol, intervalHours: $0.fundingIntervalHours, interestRate: $0.interestRate.description,
                    capRate: $0.capRate.description, floorRate: $0.floorRate.description, impactNotional: $0.impactNotional.description)
            }
        }

        get("/v1/public/market/funding-rate/current", access: .open) { request in
            let page = try request.pageRequest()
            let markets = try await exchange.read { engine in engine.symbolSpecs.compactMap { engine.market($0.symbol) } }
            let selected = try Self.filter(markets.map(\.spec), request.query("symbol")).map(\.symbol)
            let items = markets.filter { selected.contains($0.spec.symbol) }.map { market in
                CurrentFundingResource(
                    symbol: market.spec.symbol, fundingRate: market.estimatedFundingRate.description,
                    markPrice: market.spec.text(market.markPrice), indexPrice: market.spec.text(market.indexPrice),
                    nextFundingTime: market.nextFundingTime, lastFundingRate: market.lastFundingRate.description)
            }
            // A handful of symbols: one page, in symbol order, with cursor support for form.
            let offset = try page.cursor.map { cursor -> Int in
                guard let value = Int(cursor.dropFirst(2)), cursor.hasPrefix("o:"), value >= 0 else {
                    throw APIError.invalid("cursor", "is not a cursor this endpoint returned; start again without it")
                }
                return value
            } ?? 0
            let slice = Array(items.dropFirst(offset).prefix(page.limit))
            let next = offset + slice.count < items.count ? "o:\(offset + slice.count)" : nil
            return PageResource(items: slice, nextCursor: next)
        }

        get("/v1/public/market/funding-rate/history", access: .open) { request in
            let symbol = try exchange.symbol(request.requiredQuery("symbol"))
            let page = try request.pageRequest()
            await exchange.waitForProjection()
            let history = try await exchange.store.fundingHistory(symbol: symbol.symbol, page: page)
            return PageResource(history) {
                FundingHistoryResource(
                    symbol: $0.symbol, fundingRate: $0.fundingRate.description, markPrice: symbol.text($0.markPrice),
                    fundingTime: $0.fundingTime)
            }
        }
    }

    static func filter(_ specs: [SymbolSpec], _ name: String?) throws -> [SymbolSpec] {
        guard let name, !name.isEmpty else { return specs }
        guard let spec = specs.first(where: { $0.symbol == name }) else {
            throw SymbolName.notFound(name, known: specs.map(\.symbol))
        }
        return [spec]
    }
}

extension Exchange {
    /// The spec of a known symbol; 12002 (with a suggestion) otherwise.
    func symbol(_ name: String) throws -> SymbolSpec {
        guard let spec = market.spec(name) else { throw SymbolName.notFound(name, known: market.allSpecs.map(\.symbol)) }
        return spec
    }

    /// The symbol a new order names, checked for its status before any of the order's
    /// parameters (API.md §5.5: symbol, status, parameters, ...), with the engine's own
    /// 13017. The engine checks the status again when it applies the order.
    func tradingSymbol(_ name: String) throws -> SymbolSpec {
        let spec = try symbol(name)
        if spec.status == .suspended {
            throw APIError(PerpetuaError(.marketNotTrading, ["symbol": spec.symbol, "status": spec.status.rawValue]))
        }
        return spec
    }

    /// The 24-hour ticker of a symbol.
    func ticker(_ symbol: String, now: Int64) async throws -> TickerResource {
        let (market, book) = try await read { engine in (engine.market(symbol)!, engine.depth(symbol, limit: 1)!) }
        return TickerResource.make(
            spec: market.spec, day: self.market.rollingDay(symbol, now: now), lastPrice: market.lastPrice,
            markPrice: market.markPrice, indexPrice: market.indexPrice, bestBid: book.bids.first?.0, bestAsk: book.asks.first?.0,
            now: now)
    }
}
