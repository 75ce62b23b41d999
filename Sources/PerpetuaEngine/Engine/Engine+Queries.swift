import PerpetuaCore

/// Live state for the API: balances, positions, open orders and market prices are read
/// from the engine; history comes from the store.
extension Engine {
    /// An account's USDT figures (API.md §5.2 `asset`), or nil for an unknown account.
    public func asset(account id: UInt64) -> AssetSnapshot? {
        guard let account = accounts[id] else { return nil }
        let figures = crossFigures(account)
        var unrealized = figures.unrealizedPnl
        var maintenance = figures.maintenanceMargin
        var positionMargin = figures.positionInitialMargin
        for (s, p) in account.positions.enumerated() where p.marginMode == .isolated && p.size != 0 {
            let mark = valuationPrice(s, p)
            unrealized += p.unrealizedPnl(mark: mark)
            maintenance += maintenanceMargin(notional: p.notional(mark: mark), spec: symbols[s].spec)
            positionMargin += Int128(p.isolatedMargin.units) * Self.one
        }
        let marginBalance = Int128(account.wallet.units) * Self.one + unrealized
        let available = availableBalance(id)
        let ratio = marginBalance > 0 ? RoundingRule.up.divide(maintenance * Self.one, by: marginBalance) : (maintenance > 0 ? Self.one : 0)
        return AssetSnapshot(
            account: id, walletBalance: account.wallet, unrealizedPnl: Self.display(unrealized),
            marginBalance: Self.display(marginBalance), availableBalance: Self.display(max(0, available)),
            positionInitialMargin: Self.display(positionMargin), orderInitialMargin: Self.display(figures.orderInitialMargin),
            maintenanceMargin: Self.display(maintenance), marginRatio: Rate(units: Int64(min(ratio, Int128(Int64.max)))),
            volume30d: account.volume30d, volumeToday: account.volumeToday, makerVolumeToday: account.makerVolumeToday,
            feesToday: account.feesToday)
    }

    /// The account's non-flat positions (or the one on `symbol`), in symbol order.
    public func positions(account id: UInt64, symbol: String? = nil) -> [PositionSnapshot] {
        guard let account = accounts[id] else { return [] }
        return account.positions.indices.filter { s in
            account.positions[s].size != 0 && (symbol == nil || symbols[s].spec.symbol == symbol)
        }.map { positionSnapshot(id, $0) }
    }

    /// Leverage, margin mode and the largest notional the leverage allows.
    public func positionSettings(account id: UInt64, symbol: String) -> (leverage: Int, marginMode: MarginMode, maxNotional: Amount)? {
        guard let s = symbolIds[symbol] else { return nil }
        let position = accounts[id]?.positions[s] ?? PositionState(leverage: min(configuration.defaultLeverage, symbols[s].spec.maxLeverage))
        return (position.leverage, position.marginMode, maxNotional(spec: symbols[s].spec, leverage: position.leverage))
    }

    /// An account's open orders (optionally of one symbol), oldest first.
    public func openOrders(account id: UInt64, symbol: String? = nil) -> [OrderSnapshot] {
        openOrders.values.filter { $0.snapshot.account == id && (symbol == nil || $0.snapshot.symbol == symbol) }
            .map(\.snapshot).sorted { $0.orderId < $1.orderId }
    }

    /// A live order by id or client id, if it belongs to the account.
    public func openOrder(account id: UInt64, reference: OrderReference) -> OrderSnapshot? {
        let orderId: UInt64?
        switch reference {
        case .id(let value): orderId = value
        case .client(let client): orderId = clientIds[ClientKey(account: id, id: client)]
        }
        guard let orderId, orderId & Self.conditionIdFlag == 0, let order = openOrders[orderId], order.snapshot.account == id else { return nil }
        return order.snapshot
    }

    /// An account's untriggered condition orders, oldest first.
    public func conditionOrders(account id: UInt64, symbol: String? = nil) -> [ConditionSnapshot] {
        conditions.values.filter { $0.snapshot.request.account == id && (symbol == nil || $0.snapshot.request.symbol == symbol) }
            .map(\.snapshot).sorted { $0.conditionOrderId < $1.conditionOrderId }
    }

    /// A live strategy of the account.
    public func strategy(account id: UInt64, strategyId: UInt64) -> StrategySnapshot? {
        guard let strategy = strategies[strategyId], strategy.snapshot.account == id else { return nil }
        return strategy.snapshot
    }

    /// Every symbol's specification, in creation order.
    public var symbolSpecs: [SymbolSpec] { symbols.map(\.spec) }

    /// A symbol's market state.
    public func market(_ symbol: String) -> MarketSnapshot? {
        guard let s = symbolIds[symbol] else { return nil }
        let state = symbols[s]
        return MarketSnapshot(
            spec: state.spec, indexPrice: state.indexPrice, markPrice: state.markPrice, lastPrice: state.lastPrice,
            lastFundingRate: state.lastFundingRate, estimatedFundingRate: fundingRate(s),
            nextFundingTime: state.nextFundingTime, depthSequence: state.book.sequence)
    }

    /// Up to `limit` aggregated levels per side, as decimals, with the depth sequence.
    public func depth(_ symbol: String, limit: Int) -> (sequence: UInt64, bids: [(Price, Quantity)], asks: [(Price, Quantity)])? {
        guard let s = symbolIds[symbol] else { return nil }
        let book = symbols[s].book
        let spec = symbols[s].spec
        let convert = { (level: DepthLevel) in (spec.price(ticks: level.priceTicks), spec.quantity(lots: level.lots)) }
        return (book.sequence, book.depth(side: .buy, limit: limit).map(convert), book.depth(side: .sell, limit: limit).map(convert))
    }

    /// The ids of every account the engine knows, ascending.
    public var accountIds: [UInt64] { accounts.keys.sorted() }

    /// How many trades the engine has made: trade ids run from 1 without gaps, so this is
    /// also the last trade id (the store holds two fills per trade).
    public var tradeCount: UInt64 { nextTradeId - 1 }
}

/// An account's balances (API.md §5.2 `asset`) and today's trading figures.
public struct AssetSnapshot: Hashable, Sendable {
    public var account: UInt64
    public var walletBalance: Amount
    public var unrealizedPnl: Amount
    public var marginBalance: Amount
    public var availableBalance: Amount
    public var positionInitialMargin: Amount
    public var orderInitialMargin: Amount
    public var maintenanceMargin: Amount
    public var marginRatio: Rate
    public var volume30d: Amount
    public var volumeToday: Amount
    public var makerVolumeToday: Amount
    public var feesToday: Amount
}

/// A symbol's prices and funding state.
public struct MarketSnapshot: Hashable, Sendable {
    public var spec: SymbolSpec
    public var indexPrice: Price?
    public var markPrice: Price?
    public var lastPrice: Price?
    public var lastFundingRate: Rate
    public var estimatedFundingRate: Rate
    public var nextFundingTime: Int64
    public var depthSequence: UInt64
}
