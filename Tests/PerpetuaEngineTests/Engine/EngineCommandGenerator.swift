import PerpetuaCore
@testable import PerpetuaEngine
import Testing

// The random command streams of the engine's property tests (EnginePropertyTests.swift):
// three symbols on different grids, twenty accounts in two roles, and every command kind
// of ``EngineCommand`` with valid and invalid shapes. Market makers (accounts 1–4, large
// deposits, moderate leverage) keep both sides of every book filled around the mark;
// traders (5–20, small deposits, leverage up to the maximum) take liquidity, rest orders,
// place condition orders and strategies, and get liquidated when the index random walk
// jumps. Accounts 21 and 404 never deposit. Commands render as Swift source
// (``EngineSource``) so that a shrunk failing stream can be pasted into a test.

// MARK: Symbols

/// BTCUSDT of the fixtures plus two symbols with other grids, brackets and fee tiers.
enum PropertySymbols {
    typealias F = EngineFixtures

    static var btc: SymbolSpec { EngineFixtures.btc }

    /// Tick 0.01, step 0.01, four brackets from 100x, a rebate tier at 200,000 volume.
    static var eth: SymbolSpec {
        SymbolSpec(
            symbol: "ETHUSDT", baseAsset: "ETH", tickSize: F.price("0.01"), stepSize: F.quantity("0.01"),
            minQty: F.quantity("0.01"), maxQty: F.quantity("10000"), minNotional: F.amount("5"), priceBandRate: F.rate("0.05"),
            leverageBrackets: [
                LeverageBracket(bracket: 1, maxLeverage: 100, notionalFloor: .zero, notionalCap: F.amount("20000"), maintMarginRate: F.rate("0.005")),
                LeverageBracket(bracket: 2, maxLeverage: 50, notionalFloor: F.amount("20000"), notionalCap: F.amount("100000"), maintMarginRate: F.rate("0.01")),
                LeverageBracket(bracket: 3, maxLeverage: 20, notionalFloor: F.amount("100000"), notionalCap: F.amount("500000"), maintMarginRate: F.rate("0.025")),
                LeverageBracket(bracket: 4, maxLeverage: 10, notionalFloor: F.amount("500000"), notionalCap: F.amount("2000000"), maintMarginRate: F.rate("0.05")),
            ],
            feeTiers: [
                FeeTier(tier: 0, minVolume30d: .zero, makerRate: F.rate("0.0002"), takerRate: F.rate("0.0005")),
                FeeTier(tier: 1, minVolume30d: F.amount("200000"), makerRate: F.rate("-0.0001"), takerRate: F.rate("0.0004")),
                FeeTier(tier: 2, minVolume30d: F.amount("2000000"), makerRate: F.rate("-0.0002"), takerRate: F.rate("0.0003")),
            ])
    }

    /// Tick 0.001, step 0.1, a wider band, 4-hour funding, a small impact notional and a
    /// low open-order cap (so that 13016 happens).
    static var sol: SymbolSpec {
        SymbolSpec(
            symbol: "SOLUSDT", baseAsset: "SOL", tickSize: F.price("0.001"), stepSize: F.quantity("0.1"),
            minQty: F.quantity("0.1"), maxQty: F.quantity("100000"), minNotional: F.amount("1"), priceBandRate: F.rate("0.08"),
            leverageBrackets: [
                LeverageBracket(bracket: 1, maxLeverage: 75, notionalFloor: .zero, notionalCap: F.amount("5000"), maintMarginRate: F.rate("0.01")),
                LeverageBracket(bracket: 2, maxLeverage: 50, notionalFloor: F.amount("5000"), notionalCap: F.amount("25000"), maintMarginRate: F.rate("0.015")),
                LeverageBracket(bracket: 3, maxLeverage: 25, notionalFloor: F.amount("25000"), notionalCap: F.amount("100000"), maintMarginRate: F.rate("0.02")),
                LeverageBracket(bracket: 4, maxLeverage: 10, notionalFloor: F.amount("100000"), notionalCap: F.amount("1000000"), maintMarginRate: F.rate("0.05")),
            ],
            feeTiers: [
                FeeTier(tier: 0, minVolume30d: .zero, makerRate: F.rate("0.0002"), takerRate: F.rate("0.0006")),
                FeeTier(tier: 1, minVolume30d: F.amount("100000"), makerRate: .zero, takerRate: F.rate("0.0005")),
            ],
            fundingIntervalHours: 4, impactNotional: F.amount("3000"), maxOpenOrders: 40)
    }

    static var all: [SymbolSpec] { [btc, eth, sol] }
    static let names = ["BTCUSDT", "ETHUSDT", "SOLUSDT"]
    /// Index prices at the start, in 10⁻⁸.
    static let startPrices: [Int64] = [50_000 * fixedPointOne, 3_000 * fixedPointOne, 150 * fixedPointOne]

    static func base(_ name: String) -> SymbolSpec? { all.first { $0.symbol == name } }

    /// A symbol as the operator changes it: the base specification with the fields that
    /// the streams vary. Every `updateSymbol` of a stream is one of these, which is what
    /// lets ``EngineSource`` print it back.
    static func variant(
        _ name: String, symbol: String? = nil, status: SymbolStatus = .trading, priceBandRate: String? = nil,
        maxOpenOrders: Int? = nil, fundingIntervalHours: Int? = nil, tickSize: String? = nil
    ) -> SymbolSpec {
        var spec = base(name)!
        if let symbol { spec.symbol = symbol }
        spec.status = status
        if let priceBandRate { spec.priceBandRate = F.rate(priceBandRate) }
        if let maxOpenOrders { spec.maxOpenOrders = maxOpenOrders }
        if let fundingIntervalHours { spec.fundingIntervalHours = fundingIntervalHours }
        if let tickSize { spec.tickSize = F.price(tickSize) }
        return spec
    }
}

// MARK: The generator

/// A seeded stream of command envelopes. It reads the engine (through its public queries)
/// to aim at live orders, positions and prices, and learns ids from the results.
struct EngineStreamGenerator {
    static let makers: [UInt64] = [1, 2, 3, 4]
    static let traders: [UInt64] = Array(5...20)
    /// Accounts that never deposit: orders answer 13001, settings create them empty.
    static let strangers: [UInt64] = [21, 404]
    /// An account no generated command ever names (the rejection check's no-op uses it).
    static let noopAccount: UInt64 = 9_999_999
    static let startTime: Int64 = 1_763_683_200_000  // 2025-11-21 00:00 UTC
    static let day: Int64 = 86_400_000

    var rng: SplitMix64
    private(set) var step = 0
    private var time = startTime
    private var sequence: UInt64 = 0
    private var queued: [EngineCommand] = []
    private var index: [Int64]
    private var lastDay: Int64 = startTime / day
    private var restoreAt: [Int?] = [nil, nil, nil]
    private var clientCounter = 0
    /// Accounts just liquidated: they try to act again at once (14001 until a mark tick
    /// finds them healthy).
    private var recentlyLiquidated: [UInt64] = []

    /// What the streams have seen, for references to final and other accounts' objects.
    private struct Seen { var id: UInt64; var account: UInt64; var symbol: Int }
    private var seenOrders: [Seen] = []
    private var seenOrderIds: Set<UInt64> = []
    private var seenConditions: [Seen] = []
    private var seenConditionIds: Set<UInt64> = []
    private var seenClientIds: [(account: UInt64, id: ClientOrderId, symbol: Int)] = []
    private var seenStrategyClientIds: [(account: UInt64, id: ClientOrderId)] = []

    /// How many commands the setup takes (they come first).
    private(set) var setupCount = 0

    init(seed: UInt64) {
        rng = SplitMix64(seed: seed)
        index = PropertySymbols.startPrices
        queued = setupCommands()
        setupCount = queued.count
    }

    /// The symbols, prices, money and settings every stream starts from.
    private mutating func setupCommands() -> [EngineCommand] {
        var commands: [EngineCommand] = PropertySymbols.all.map { .addSymbol($0) }
        for (s, name) in PropertySymbols.names.enumerated() {
            commands.append(.setIndexPrice(symbol: name, price: Price(units: index[s])))
        }
        commands.append(.markPriceTick)
        commands.append(.depositInsuranceFund(amount: whole(20_000)))
        for a in Self.makers { commands.append(.deposit(account: a, amount: whole(3_000_000))) }
        // Traders 5–12 are small (their margin, not the brackets, limits them), 13–20 larger.
        for a in Self.traders { commands.append(.deposit(account: a, amount: whole(a <= 12 ? rng.int(300...3_000) : rng.int(3_000...40_000)))) }
        for a in Self.makers {
            for name in PropertySymbols.names { commands.append(.setLeverage(account: a, symbol: name, leverage: Int(rng.int(5...20)))) }
        }
        for a in Self.traders {
            for (s, name) in PropertySymbols.names.enumerated() {
                let maxLeverage = PropertySymbols.all[s].maxLeverage
                commands.append(.setLeverage(account: a, symbol: name, leverage: Int(rng.int(Int64(maxLeverage / 3)...Int64(maxLeverage)))))
                if a >= 17, rng.chance(60) { commands.append(.setMarginMode(account: a, symbol: name, mode: .isolated)) }
            }
        }
        return commands
    }

    // MARK: Numbers

    private func whole(_ value: Int64) -> Amount { Amount(units: value * fixedPointOne) }

    /// `price` × (1 + ppm / 10⁶) in whole ticks of symbol `s` (at least one tick).
    private func ticks(_ s: Int, _ price: Price, ppm: Int64) -> Int64 {
        let tick = Int128(PropertySymbols.all[s].tickSize.units)
        return Int64(max(1, Int128(price.units) * Int128(1_000_000 + ppm) / 1_000_000 / tick))
    }

    private func priceAt(_ s: Int, ticks: Int64) -> Price { PropertySymbols.all[s].price(ticks: ticks) }

    /// The quantity worth about `notional` USDT (10⁻⁸ units) at `price`, on the step, at
    /// least the minimum quantity.
    private func quantity(_ s: Int, notional: Int128, at price: Price) -> Quantity {
        let spec = PropertySymbols.all[s]
        let units = notional * Int128(fixedPointOne) / Int128(max(1, price.units))
        let lots = max(Int128(spec.minQty.units / spec.stepSize.units), units / Int128(spec.stepSize.units))
        return spec.quantity(lots: Int64(min(lots, Int128(spec.maxQty.units / spec.stepSize.units))))
    }

    private func mark(_ engine: Engine, _ s: Int) -> Price {
        let market = engine.market(PropertySymbols.names[s])!
        return market.markPrice ?? market.indexPrice ?? Price(units: index[s])
    }

    private func currentPrice(_ engine: Engine, _ s: Int, _ type: TriggerPriceType) -> Price {
        let market = engine.market(PropertySymbols.names[s])!
        let fallback = market.indexPrice ?? Price(units: index[s])
        switch type {
        case .last: return market.lastPrice ?? fallback
        case .mark: return market.markPrice ?? fallback
        case .index: return fallback
        }
    }

    private mutating func symbol() -> Int { Int(rng.int(0...2)) }

    /// A symbol name: rarely an unknown one (12002), sometimes one the API would normalise.
    private mutating func name(_ s: Int) -> String {
        if rng.chance(1) { return rng.pick(["BTC-USDT", "btcusdt", "DOGEUSDT"]) }
        return PropertySymbols.names[s]
    }

    private mutating func anyAccount() -> UInt64 {
        let roll = rng.int(0...99)
        return roll < 20 ? rng.pick(Self.makers) : roll < 96 ? rng.pick(Self.traders) : rng.pick(Self.strangers)
    }

    private mutating func traderOrOther() -> UInt64 {
        if !recentlyLiquidated.isEmpty, rng.chance(40) { return recentlyLiquidated.removeFirst() }
        let roll = rng.int(0...99)
        return roll < 88 ? rng.pick(Self.traders) : roll < 97 ? rng.pick(Self.makers) : rng.pick(Self.strangers)
    }

    private mutating func stp() -> SelfTradePrevention {
        rng.chance(50) ? .cancelTaker : rng.pick(SelfTradePrevention.allCases)
    }

    /// A fresh client id (30 %), rarely one already used by the account (13015, or accepted
    /// again once the old one was forgotten after seven days).
    private mutating func clientId(_ account: UInt64, percent: Int = 30) -> ClientOrderId? {
        guard rng.chance(percent) else { return nil }
        if rng.chance(10), let used = seenClientIds.filter({ $0.account == account }).randomElement(using: &rng) {
            return used.id
        }
        clientCounter += 1
        let text = rng.pick(["c\(clientCounter)", "ord-\(clientCounter)", "A:b.\(clientCounter)_x", "\(clientCounter)"])
        return ClientOrderId(text)!
    }

    /// `percent` % of the notional the account could open now: its available balance
    /// times its leverage, at most what the leverage's bracket allows less what it holds
    /// (at least 20 USDT).
    private func affordable(_ engine: Engine, _ account: UInt64, _ s: Int, percent: Int64) -> Int128 {
        let symbolName = PropertySymbols.names[s]
        let available = Int128(engine.asset(account: account)?.availableBalance.units ?? 0)
        let settings = engine.positionSettings(account: account, symbol: symbolName)
        let leverage = Int128(settings?.leverage ?? 20)
        let held = Int128(abs(position(engine, account, s))) * Int128(mark(engine, s).units) / Int128(fixedPointOne)
        let room = max(0, Int128(settings?.maxNotional.units ?? 0) - held)
        return max(Int128(20 * fixedPointOne), min(available * leverage, room) * Int128(percent) / 100)
    }

    private func position(_ engine: Engine, _ account: UInt64, _ s: Int) -> Int64 {
        engine.positions(account: account, symbol: PropertySymbols.names[s]).first?.size.units ?? 0
    }

    private mutating func weighted<T>(_ table: [(Int, T)]) -> T {
        var roll = Int.random(in: 0..<table.reduce(0) { $0 + $1.0 }, using: &rng)
        for (weight, value) in table {
            if roll < weight { return value }
            roll -= weight
        }
        return table[0].1
    }

    // MARK: Envelopes

    /// The next envelope: setup first, then timers that are due, then a random command.
    mutating func next(given engine: Engine) -> CommandEnvelope {
        step += 1
        sequence += 1
        if !queued.isEmpty {
            return CommandEnvelope(sequence: sequence, timestamp: time, command: queued.removeFirst())
        }
        // Time: mostly a few hundred milliseconds, sometimes hours (funding, rollovers,
        // the seven-day client-id retention); rarely a stamp behind the engine's clock.
        if rng.chance(1) && rng.chance(50) {
            time += rng.int(1_800_000...18_000_000)
        } else {
            time += rng.int(0...400)
        }
        var stamp = time
        if rng.chance(1) { stamp -= rng.int(1...5_000) }
        return CommandEnvelope(sequence: sequence, timestamp: stamp, command: due(engine) ?? random(engine))
    }

    /// Timers the sequencer's clock would fire now, and the operator reopening markets.
    private mutating func due(_ engine: Engine) -> EngineCommand? {
        if time / Self.day > lastDay {
            lastDay = time / Self.day
            return .dailyRollover
        }
        for name in PropertySymbols.names where engine.market(name)!.nextFundingTime <= max(time, engine.time) {
            return .settleFunding(symbol: nil)
        }
        for s in 0..<3 {
            let spec = engine.market(PropertySymbols.names[s])!.spec
            if spec.status == .trading { restoreAt[s] = nil; continue }
            if restoreAt[s] == nil { restoreAt[s] = step + Int(rng.int(30...150)) }
            if step >= restoreAt[s]! {
                restoreAt[s] = nil
                return .updateSymbol(PropertySymbols.variant(
                    spec.symbol, status: .trading, priceBandRate: spec.priceBandRate.description,
                    maxOpenOrders: spec.maxOpenOrders, fundingIntervalHours: spec.fundingIntervalHours))
            }
        }
        return nil
    }

    private enum Kind {
        case indexMove, markTick, premium, settleOne, rollover, deposit, withdraw, insurance, makerQuote, traderOrder
        case badOrder, cancel, amend, batchPlace, batchAmend, batchCancel, cancelAll, condition, cancelCondition
        case strategy, leverage, marginMode, updateSymbol, crunch, ladder
    }

    private mutating func random(_ engine: Engine) -> EngineCommand {
        let kind: Kind = weighted([
            (80, .indexMove), (90, .markTick), (25, .premium), (3, .settleOne), (1, .rollover), (25, .deposit),
            (15, .withdraw), (2, .insurance), (190, .makerQuote), (150, .traderOrder), (25, .badOrder), (50, .cancel),
            (60, .amend), (20, .batchPlace), (15, .batchAmend), (15, .batchCancel), (15, .cancelAll), (55, .condition),
            (15, .cancelCondition), (25, .strategy), (15, .leverage), (12, .marginMode), (3, .updateSymbol), (3, .crunch), (8, .ladder),
        ])
        switch kind {
        case .indexMove: return indexMove()
        case .markTick: return .markPriceTick
        case .premium: return .premiumSample
        case .settleOne: return .settleFunding(symbol: rng.chance(90) ? PropertySymbols.names[symbol()] : "NOPEUSDT")
        case .rollover: return .dailyRollover
        case .deposit: return deposit(engine)
        case .withdraw: return withdraw(engine)
        case .insurance: return .depositInsuranceFund(amount: rng.chance(95) ? whole(rng.int(100...5_000)) : .zero)
        case .makerQuote: return makerQuote(engine)
        case .traderOrder: return .placeOrder(traderOrder(engine, account: traderOrOther(), symbol: symbol()))
        case .badOrder: return .placeOrder(badOrder(engine))
        case .cancel: return cancel(engine)
        case .amend: return amend(engine)
        case .batchPlace: return batchPlace(engine)
        case .batchAmend: return batchAmend(engine)
        case .batchCancel: return batchCancel(engine)
        case .cancelAll:
            let scope = rng.pick([CancelScope.normal, .condition, .all])
            let symbolName: String? = rng.chance(30) ? nil : rng.chance(5) ? "ETH-USDT" : name(symbol())
            return .cancelAll(account: anyAccount(), symbol: symbolName, scope: scope)
        case .condition: return .placeCondition(condition(engine, account: traderOrOther(), symbol: symbol()))
        case .cancelCondition: return cancelCondition(engine)
        case .strategy: return .placeStrategy(strategy(engine))
        case .leverage: return leverage(engine)
        case .marginMode: return marginMode(engine)
        case .updateSymbol: return updateSymbol(engine)
        case .ladder:
            // A maker lays a ladder of passive orders 1–4 % from the mark: depth for sweeps
            // and liquidations, and, repeated, the symbol's open-order cap (13016).
            let account = rng.chance(70) ? Self.makers[0] : rng.pick(Self.makers)
            let s = rng.chance(50) ? 2 : symbol()
            let mark = mark(engine, s)
            // A quarter of the ladders are of small orders: margin then does not stop them
            // before the open-order cap does.
            let notional: ClosedRange<Int64> = rng.chance(25) ? 20...60 : 500...6_000
            return .batchPlace((0..<Int(rng.int(8...20))).map { _ in
                let side = rng.pick(Side.allCases)
                let distance = rng.int(10_000...40_000)
                let price = priceAt(s, ticks: ticks(s, mark, ppm: side == .buy ? -distance : distance))
                return OrderRequest(account: account, symbol: PropertySymbols.names[s], side: side, type: .limit,
                                    quantity: quantity(s, notional: Int128(rng.int(notional)) * Int128(fixedPointOne), at: price),
                                    price: price, timeInForce: rng.chance(70) ? .gtc : .postOnly)
            })
        case .crunch:
            // Three of the four makers pull their quotes on one symbol: the book is thin for
            // a while, so that orders sweep far from the mark and liquidations run out of
            // bids. Half the time the most leveraged trader then closes in a hurry.
            let s = symbol()
            let symbolName = PropertySymbols.names[s]
            queued = Self.makers.dropFirst().dropLast().map { .cancelAll(account: $0, symbol: symbolName, scope: .normal) }
            if rng.chance(40) {
                // A small trader goes all in just before, and runs for the exit just after.
                let account = rng.pick(Array(Self.traders.prefix(8)))
                let side = rng.pick(Side.allCases)
                let size = quantity(s, notional: affordable(engine, account, s, percent: rng.int(80...100)), at: mark(engine, s))
                queued.insert(.cancelAll(account: Self.makers[0], symbol: symbolName, scope: .normal), at: 0)
                queued.append(.placeOrder(OrderRequest(account: account, symbol: symbolName, side: side.opposite, type: .market,
                                                       quantity: size, reduceOnly: rng.chance(50))))
                return .placeOrder(OrderRequest(account: account, symbol: symbolName, side: side, type: .market, quantity: size))
            }
            var hurried: (account: UInt64, size: Int64, ratio: Int128)?
            for account in Self.traders {
                let size = position(engine, account, s)
                let wallet = Int128(max(1, engine.asset(account: account)?.walletBalance.units ?? 1))
                let ratio = Int128(abs(size)) * 1_000_000 / wallet
                if size != 0, ratio > hurried?.ratio ?? -1 { hurried = (account, size, ratio) }
            }
            if rng.chance(50), let (account, size, _) = hurried {
                queued.append(.placeOrder(OrderRequest(
                    account: account, symbol: symbolName, side: size > 0 ? .sell : .buy, type: rng.chance(70) ? .market : .limit,
                    quantity: Quantity(units: abs(size)), price: priceAt(s, ticks: ticks(s, mark(engine, s), ppm: size > 0 ? -30_000 : 30_000)),
                    timeInForce: .ioc, reduceOnly: rng.chance(50))))
            }
            return .cancelAll(account: Self.makers[0], symbol: symbolName, scope: .normal)
        }
    }

    // MARK: Operator and money

    /// A random walk of the index with jumps of several percent, kept within 0.6–1.6 × the
    /// start; rarely an invalid price.
    private mutating func indexMove() -> EngineCommand {
        let s = symbol()
        if rng.chance(2) { return .setIndexPrice(symbol: PropertySymbols.names[s], price: Price(units: rng.pick([0, -100]))) }
        let ppm = rng.chance(7) ? rng.pick([-1, 1]) * rng.int(20_000...70_000) : rng.int(-2_500...2_500)
        var next = Int64(Int128(index[s]) * Int128(1_000_000 + ppm) / 1_000_000)
        let start = PropertySymbols.startPrices[s]
        if next < start / 10 * 6 || next > start / 10 * 16 { next = Int64(Int128(index[s]) * Int128(1_000_000 - ppm) / 1_000_000) }
        index[s] = next
        return .setIndexPrice(symbol: name(s), price: Price(units: next))
    }

    private mutating func deposit(_ engine: Engine) -> EngineCommand {
        if rng.chance(3) { return .deposit(account: anyAccount(), amount: Amount(units: rng.pick([0, -fixedPointOne]))) }
        // Mostly the poorest trader, so that liquidated traders come back.
        var account = rng.pick(Self.traders)
        if rng.chance(60) {
            account = Self.traders.min { (engine.asset(account: $0)?.marginBalance.units ?? 0) < (engine.asset(account: $1)?.marginBalance.units ?? 0) }!
        } else if rng.chance(10) {
            account = rng.pick(Self.makers)
        }
        let size = account <= 12 ? rng.int(100...3_000) : rng.int(500...30_000)
        return .deposit(account: account, amount: Amount(units: size * fixedPointOne + rng.int(0...99_999_999)))
    }

    /// Up to everything available, sometimes more (13001), rarely zero or from a stranger.
    private mutating func withdraw(_ engine: Engine) -> EngineCommand {
        let account = rng.chance(5) ? rng.pick(Self.strangers) : rng.pick(Self.traders + Self.makers)
        if rng.chance(3) { return .withdraw(account: account, amount: .zero) }
        let available = engine.asset(account: account)?.availableBalance.units ?? 0
        let amount: Int64
        switch rng.int(0...9) {
        case 0...5: amount = max(1, available / 100 * rng.int(1...60))
        case 6: amount = available  // all of it: must be allowed
        case 7: amount = available + rng.int(1...1_000_000)  // just more
        default: amount = available * 2 + fixedPointOne
        }
        return .withdraw(account: account, amount: Amount(units: max(1, amount)))
    }

    private mutating func leverage(_ engine: Engine) -> EngineCommand {
        if rng.chance(40) {
            // Cut the leverage of an account with a position and orders on the symbol.
            let s = symbol()
            let symbolName = PropertySymbols.names[s]
            let busy = Self.traders.filter { position(engine, $0, s) != 0 && !engine.openOrders(account: $0, symbol: symbolName).isEmpty }
            if let account = busy.randomElement(using: &rng) {
                let current = engine.positionSettings(account: account, symbol: symbolName)!.leverage
                return .setLeverage(account: account, symbol: symbolName, leverage: max(1, current / Int(rng.int(2...5))))
            }
        }
        let s = symbol()
        let maxLeverage = PropertySymbols.all[s].maxLeverage
        let leverage = rng.chance(85) ? Int(rng.int(1...Int64(maxLeverage))) : rng.pick([0, -5, maxLeverage + 1, 1_000])
        return .setLeverage(account: anyAccount(), symbol: name(s), leverage: leverage)
    }

    /// Half the time an account that can switch (flat, no orders on the symbol).
    private mutating func marginMode(_ engine: Engine) -> EngineCommand {
        let s = symbol()
        let symbolName = PropertySymbols.names[s]
        if rng.chance(50) {
            let free = Self.traders.filter {
                position(engine, $0, s) == 0 && engine.openOrders(account: $0, symbol: symbolName).isEmpty
                    && engine.conditionOrders(account: $0, symbol: symbolName).isEmpty
            }
            if let account = free.randomElement(using: &rng) {
                let current = engine.positionSettings(account: account, symbol: symbolName)!.marginMode
                return .setMarginMode(account: account, symbol: symbolName, mode: current == .cross ? .isolated : .cross)
            }
        }
        return .setMarginMode(account: anyAccount(), symbol: name(s), mode: rng.pick([MarginMode.cross, .isolated]))
    }

    /// Status changes (reopened later by ``due``), band, cap and funding-interval changes,
    /// and invalid ones (tick change, no band, unknown symbol).
    private mutating func updateSymbol(_ engine: Engine) -> EngineCommand {
        let s = symbol()
        let spec = engine.market(PropertySymbols.names[s])!.spec
        var status = spec.status
        var band = spec.priceBandRate.description
        var cap = spec.maxOpenOrders
        var interval = spec.fundingIntervalHours
        switch rng.int(0...99) {
        case 0..<30: status = .reduceOnly
        case 30..<58: status = .suspended
        case 58..<74: band = rng.pick(["0.03", "0.05", "0.08", "0.1"])
        case 74..<80: cap = rng.pick([20, 40, 200])
        case 80..<86: interval = rng.pick([1, 2, 4, 8])
        case 86..<93:
            return .updateSymbol(PropertySymbols.variant(spec.symbol, status: status, priceBandRate: band, maxOpenOrders: cap,
                                                         fundingIntervalHours: interval, tickSize: "0.5"))
        case 93..<97:
            return .updateSymbol(PropertySymbols.variant(spec.symbol, status: status, priceBandRate: "0", maxOpenOrders: cap,
                                                         fundingIntervalHours: interval))
        default:
            return .updateSymbol(PropertySymbols.variant(spec.symbol, symbol: "XRPUSDT"))
        }
        return .updateSymbol(PropertySymbols.variant(spec.symbol, status: status, priceBandRate: band, maxOpenOrders: cap,
                                                     fundingIntervalHours: interval))
    }

    // MARK: Normal orders

    /// A market maker's quote: passive around the mark, sometimes through it; a maker
    /// with too many orders clears some, one with a large position leans to reduce it.
    private mutating func makerQuote(_ engine: Engine) -> EngineCommand {
        let account = rng.pick(Self.makers)
        let s = symbol()
        let symbolName = PropertySymbols.names[s]
        let open = engine.openOrders(account: account, symbol: symbolName)
        // Makers let their orders pile up to the symbol's cap now and then (13016).
        if open.count > 25, rng.chance(open.count >= 38 ? 50 : 15) {
            if rng.chance(50) { return .cancelAll(account: account, symbol: symbolName, scope: .normal) }
            return .batchCancel(account: account, symbol: symbolName,
                                orders: open.prefix(Int(rng.int(5...20))).map { .id($0.orderId) })
        }
        return .placeOrder(makerOrder(engine, account: account, symbol: s))
    }

    private mutating func makerOrder(_ engine: Engine, account: UInt64, symbol s: Int) -> OrderRequest {
        let mark = mark(engine, s)
        let held = position(engine, account, s)
        let heldNotional = Int128(abs(held)) * Int128(mark.units) / Int128(fixedPointOne)
        var side = rng.pick(Side.allCases)
        if heldNotional > Int128(150_000 * fixedPointOne), rng.chance(70) { side = held > 0 ? .sell : .buy }
        let aggressive = rng.chance(12)
        let distance = aggressive ? -rng.int(0...3_000) : rng.int(100...12_000)
        let priceTicks = ticks(s, mark, ppm: side == .buy ? -distance : distance)
        let price = priceAt(s, ticks: priceTicks)
        let notional = Int128(rng.chance(80) ? rng.int(300...8_000) : rng.int(8_000...40_000)) * Int128(fixedPointOne)
        let tif: TimeInForce = weighted([(70, .gtc), (20, .postOnly), (5, .ioc), (5, .fok)])
        let reducing = held != 0 && (held > 0) == (side == .sell)
        return OrderRequest(
            account: account, symbol: name(s), side: side, type: .limit, quantity: quantity(s, notional: notional, at: price),
            price: price, timeInForce: tif, reduceOnly: reducing && rng.chance(10), clientOrderId: clientId(account, percent: 20),
            selfTradePrevention: stp())
    }

    /// A trader's order: sized from the available balance and leverage (sometimes beyond
    /// it), taking or resting; a quarter of the time it works on the open position.
    private mutating func traderOrder(_ engine: Engine, account: UInt64, symbol s: Int) -> OrderRequest {
        let mark = mark(engine, s)
        let held = position(engine, account, s)
        var side = rng.pick(Side.allCases)
        var reduceOnly = false
        var size: Quantity
        if held != 0, rng.chance(25) {
            side = held > 0 ? .sell : .buy
            reduceOnly = rng.chance(50)
            let lots = max(1, abs(held) / PropertySymbols.all[s].stepSize.units * rng.int(30...150) / 100)
            size = PropertySymbols.all[s].quantity(lots: lots)
        } else {
            reduceOnly = rng.chance(5)
            // Half the time all the account can afford, so that it runs at no spare margin.
            let percent = rng.chance(50) ? rng.int(90...110) : rng.int(5...130)
            size = quantity(s, notional: affordable(engine, account, s, percent: percent), at: mark)
        }
        let isMarket = rng.chance(40)
        var price: Price?
        var tif: TimeInForce
        if isMarket {
            tif = weighted([(80, .ioc), (10, .fok), (9, .gtc), (1, .postOnly)])
        } else {
            let through = rng.chance(70) ? rng.int(0...8_000) : -rng.int(1...4_000)
            price = priceAt(s, ticks: ticks(s, mark, ppm: side == .buy ? through : -through))
            tif = weighted([(40, .gtc), (25, .ioc), (15, .fok), (20, .postOnly)])
        }
        if rng.chance(8) { size = Quantity(units: size.units * rng.int(2...6)) }
        return OrderRequest(
            account: account, symbol: name(s), side: side, type: isMarket ? .market : .limit, quantity: size, price: price,
            timeInForce: tif, reduceOnly: reduceOnly, clientOrderId: clientId(account), selfTradePrevention: stp())
    }

    /// An order with one defect, each answered by its own code.
    private mutating func badOrder(_ engine: Engine) -> OrderRequest {
        let s = symbol()
        var order = traderOrder(engine, account: traderOrOther(), symbol: s)
        let spec = PropertySymbols.all[s]
        let mark = mark(engine, s)
        switch rng.int(0...9) {
        case 0:
            order.type = .limit
            order.price = Price(units: (order.price ?? mark).units / spec.tickSize.units * spec.tickSize.units + spec.tickSize.units / 2)
        case 1: order.quantity = Quantity(units: order.quantity.units + spec.stepSize.units / 2)
        case 2: order.quantity = .zero
        case 3: order.quantity = Quantity(units: spec.maxQty.units + spec.stepSize.units)
        case 4:
            order.type = .limit
            order.price = spec.tickSize
            order.quantity = spec.minQty
        case 5:
            order.type = .limit
            order.price = priceAt(s, ticks: ticks(s, mark, ppm: rng.pick([-1, 1]) * rng.int(120_000...300_000)))
        case 6:
            order.type = .limit
            order.price = nil
        case 7:
            order.type = .market
            order.timeInForce = .postOnly
        case 8: order.symbol = rng.pick(["ETH/USDT", "BTCUSD", ""])
        default:
            if let used = seenClientIds.randomElement(using: &rng) {
                order.account = used.account
                order.clientOrderId = used.id
            }
        }
        return order
    }

    private mutating func liveOrder(_ engine: Engine, account: UInt64? = nil, symbol: Int? = nil) -> OrderSnapshot? {
        let account = account ?? (rng.chance(50) ? rng.pick(Self.makers) : rng.pick(Self.traders))
        return engine.openOrders(account: account, symbol: symbol.map { PropertySymbols.names[$0] }).randomElement(using: &rng)
    }

    /// A reference to a live order (by id or client id), a final one, an unknown one or
    /// another account's; with the account and symbol a cancel or amend would name.
    private mutating func reference(_ engine: Engine) -> (account: UInt64, symbol: String, reference: OrderReference) {
        let roll = rng.int(0...99)
        if roll < 55, let order = liveOrder(engine) {
            let reference: OrderReference = order.clientOrderId != nil && rng.chance(40) ? .client(order.clientOrderId!) : .id(order.orderId)
            let symbolName = rng.chance(5) ? PropertySymbols.names[(PropertySymbols.names.firstIndex(of: order.symbol)! + 1) % 3] : order.symbol
            return (order.account, symbolName, reference)
        }
        if roll < 75, let seen = seenOrders.randomElement(using: &rng) {
            return (seen.account, PropertySymbols.names[seen.symbol], .id(seen.id))
        }
        if roll < 85, let seen = seenClientIds.randomElement(using: &rng) {
            return (seen.account, PropertySymbols.names[seen.symbol], .client(seen.id))
        }
        if roll < 93 {
            return (anyAccount(), PropertySymbols.names[symbol()], rng.chance(70) ? .id(UInt64(rng.int(10_000_000...20_000_000))) : .client(ClientOrderId("never-\(rng.int(1...999))")!))
        }
        if let order = liveOrder(engine) {
            return (order.account == 5 ? 6 : 5, order.symbol, .id(order.orderId))
        }
        return (anyAccount(), PropertySymbols.names[symbol()], .id(0))
    }

    private mutating func cancel(_ engine: Engine) -> EngineCommand {
        let (account, symbolName, reference) = reference(engine)
        return .cancelOrder(account: account, symbol: rng.chance(1) ? "NOPE" : symbolName, order: reference)
    }

    /// An amend of a live order (new price, passive or crossing; smaller or larger; both;
    /// unchanged), or an invalid one.
    private mutating func amend(_ engine: Engine) -> EngineCommand {
        if rng.chance(10) {
            let (account, symbolName, reference) = reference(engine)
            return .amendOrder(AmendRequest(account: account, symbol: symbolName, order: reference, price: nil,
                                            quantity: rng.chance(50) ? PropertySymbols.all[symbol()].minQty : nil))
        }
        guard let order = liveOrder(engine, account: rng.chance(60) ? rng.pick(Self.makers) : rng.pick(Self.traders)) else {
            return cancel(engine)
        }
        return .amendOrder(amendment(engine, of: order))
    }

    private mutating func amendment(_ engine: Engine, of order: OrderSnapshot) -> AmendRequest {
        let s = PropertySymbols.names.firstIndex(of: order.symbol)!
        let spec = PropertySymbols.all[s]
        let mark = mark(engine, s)
        let step = spec.stepSize.units
        let executed = order.executedQuantity.units / step
        let lots = order.quantity.units / step
        let reference: OrderReference = order.clientOrderId != nil && rng.chance(30) ? .client(order.clientOrderId!) : .id(order.orderId)
        var price: Price?
        var size: Quantity?
        func passive(_ g: inout EngineStreamGenerator) -> Price {
            let d = g.rng.int(100...10_000)
            return g.priceAt(s, ticks: g.ticks(s, mark, ppm: order.side == .buy ? -d : d))
        }
        switch rng.int(0...99) {
        case 0..<25: price = passive(&self)
        case 25..<40:
            let d = rng.int(0...4_000)
            price = priceAt(s, ticks: ticks(s, mark, ppm: order.side == .buy ? d : -d))
        case 40..<55: if lots - 1 > executed { size = spec.quantity(lots: rng.int((executed + 1)...(lots - 1))) } else { size = order.quantity }
        case 55..<65: size = spec.quantity(lots: lots + rng.int(1...lots + 5))
        case 65..<72:
            price = passive(&self)
            size = spec.quantity(lots: rng.int((executed + 1)...(lots + 10)))
        case 72..<77:
            price = order.price
            size = order.quantity
        case 77..<80: break
        case 80..<85: size = spec.quantity(lots: executed)
        case 85..<88: price = Price(units: (order.price ?? mark).units + spec.tickSize.units / 2)
        case 88..<92: price = priceAt(s, ticks: ticks(s, mark, ppm: rng.pick([-1, 1]) * rng.int(120_000...300_000)))
        default: size = Quantity(units: order.quantity.units + step / 2 + (step == 1 ? 1 : 0))
        }
        return AmendRequest(account: order.account, symbol: order.symbol, order: reference, price: price, quantity: size)
    }

    private mutating func batchPlace(_ engine: Engine) -> EngineCommand {
        let account = rng.chance(50) ? rng.pick(Self.makers) : traderOrOther()
        let count = rng.chance(3) ? 21 : Int(rng.int(1...6))
        var orders: [OrderRequest] = []
        for _ in 0..<count {
            let s = symbol()
            switch rng.int(0...9) {
            case 0: orders.append(badOrder(engine))
            case 1...5: orders.append(Self.makers.contains(account) ? makerOrder(engine, account: account, symbol: s) : traderOrder(engine, account: account, symbol: s))
            default: orders.append(traderOrder(engine, account: account, symbol: s))
            }
            orders[orders.count - 1].account = account
        }
        return .batchPlace(orders)
    }

    private mutating func batchAmend(_ engine: Engine) -> EngineCommand {
        let account = rng.chance(60) ? rng.pick(Self.makers) : rng.pick(Self.traders)
        let s = symbol()
        let open = engine.openOrders(account: account, symbol: PropertySymbols.names[s])
        if rng.chance(3) {
            return .batchAmend(Array(repeating: AmendRequest(account: account, symbol: PropertySymbols.names[s], order: .id(1), price: nil, quantity: PropertySymbols.all[s].minQty), count: 21))
        }
        var amends: [AmendRequest] = []
        for order in open.shuffled(using: &rng).prefix(Int(rng.int(1...5))) { amends.append(amendment(engine, of: order)) }
        if amends.isEmpty || rng.chance(20) {
            let (_, _, reference) = reference(engine)
            amends.append(AmendRequest(account: account, symbol: PropertySymbols.names[s], order: reference,
                                       price: priceAt(s, ticks: ticks(s, mark(engine, s), ppm: -5_000)), quantity: nil))
        }
        return .batchAmend(amends)
    }

    private mutating func batchCancel(_ engine: Engine) -> EngineCommand {
        let account = rng.chance(50) ? rng.pick(Self.makers) : rng.pick(Self.traders)
        let s = symbol()
        if rng.chance(3) {
            return .batchCancel(account: account, symbol: PropertySymbols.names[s], orders: (1...21).map { .id(UInt64($0)) })
        }
        var references: [OrderReference] = engine.openOrders(account: account, symbol: PropertySymbols.names[s])
            .shuffled(using: &rng).prefix(Int(rng.int(1...8)))
            .map { $0.clientOrderId != nil && rng.chance(30) ? .client($0.clientOrderId!) : .id($0.orderId) }
        for _ in 0..<Int(rng.int(0...2)) { references.append(reference(engine).reference) }
        if !references.isEmpty, rng.chance(10) { references.append(references[0]) }  // the same order twice
        return .batchCancel(account: account, symbol: name(s), orders: references)
    }

    // MARK: Condition orders and strategies

    /// A condition order of any type and trigger price type, mostly with its trigger not
    /// yet reached (within 0.03–1.5 % of the price, so that it fires soon), sometimes
    /// already reached (13012), closing the position or sized, with invalid variants.
    private mutating func condition(
        _ engine: Engine, account: UInt64, symbol s: Int, side forcedSide: Side? = nil, type forcedType: ConditionType? = nil,
        around: Price? = nil
    ) -> ConditionRequest {
        let spec = PropertySymbols.all[s]
        let type = forcedType ?? rng.pick(ConditionType.allCases)
        let priceType = rng.pick(TriggerPriceType.allCases)
        let current = around ?? currentPrice(engine, s, priceType)
        let held = position(engine, account, s)
        var side = forcedSide ?? rng.pick(Side.allCases)
        if forcedSide == nil, held != 0, rng.chance(60) { side = held > 0 ? .sell : .buy }
        let rising = type.isStop ? side == .buy : side == .sell
        let reached = forcedSide == nil && rng.chance(8)
        let distance = rng.int(300...15_000)
        let up = rising != reached
        var trigger: Price? = priceAt(s, ticks: ticks(s, current, ppm: up ? distance : -distance))
        var limitPrice: Price?
        if type.placesLimitOrder {
            let through = rng.int(-2_000...6_000)
            limitPrice = priceAt(s, ticks: ticks(s, trigger!, ppm: side == .buy ? through : -through))
        }
        var callback: Rate?
        var activation: Price?
        if type == .trailingStopMarket {
            trigger = nil
            callback = Rate(units: rng.chance(95) ? rng.int(100_000...3_000_000) : rng.pick([50_000, 20_000_000]))
            if rng.chance(3) { callback = nil }
            if rng.chance(50) { activation = priceAt(s, ticks: ticks(s, current, ppm: rng.int(-8_000...8_000))) }
        }
        var closePosition = rng.chance(20)
        var size: Quantity?
        if !closePosition {
            size = held != 0 && rng.chance(50)
                ? spec.quantity(lots: max(1, abs(held) / spec.stepSize.units * rng.int(30...120) / 100))
                : quantity(s, notional: affordable(engine, account, s, percent: rng.int(5...80)), at: current)
        }
        switch rng.int(0...99) {
        case 0: size = spec.minQty; closePosition = true
        case 1: size = nil; closePosition = false
        case 2: trigger = trigger.map { Price(units: $0.units + spec.tickSize.units / 2) }
        case 3 where type.placesLimitOrder: limitPrice = nil
        case 4: size = size.map { Quantity(units: $0.units + spec.stepSize.units / 2) }
        default: break
        }
        let tif: TimeInForce = type.placesLimitOrder ? weighted([(80, .gtc), (8, .ioc), (6, .fok), (6, .postOnly)]) : .gtc
        return ConditionRequest(
            account: account, symbol: forcedSide == nil ? name(s) : spec.symbol, side: side, type: type, triggerPrice: trigger,
            triggerPriceType: priceType, price: limitPrice, quantity: size, closePosition: closePosition,
            reduceOnly: !closePosition && rng.chance(25), clientOrderId: clientId(account), callbackRate: callback,
            activationPrice: activation, timeInForce: tif, selfTradePrevention: stp())
    }

    private mutating func cancelCondition(_ engine: Engine) -> EngineCommand {
        let roll = rng.int(0...99)
        let account = rng.pick(Self.traders)
        if roll < 60, let live = engine.conditionOrders(account: account).randomElement(using: &rng) {
            return .cancelCondition(account: account, symbol: live.request.symbol, conditionOrderId: live.conditionOrderId)
        }
        if roll < 85, let seen = seenConditions.randomElement(using: &rng) {
            // Final, or live and named with the wrong account now and then (13013).
            return .cancelCondition(account: rng.chance(85) ? seen.account : anyAccount(), symbol: PropertySymbols.names[seen.symbol],
                                    conditionOrderId: seen.id)
        }
        return .cancelCondition(account: account, symbol: name(symbol()), conditionOrderId: UInt64(rng.int(0...5_000_000)))
    }

    /// OTO, OCO and OTOCO around the mark: a working limit order that often fills at once,
    /// take-profit and stop legs on the closing side; invalid shapes now and then.
    private mutating func strategy(_ engine: Engine) -> StrategyRequest {
        let account = rng.chance(92) ? rng.pick(Self.traders) : anyAccount()
        let s = symbol()
        let spec = PropertySymbols.all[s]
        let type = rng.pick([StrategyType.oto, .oco, .otoco])
        let mark = mark(engine, s)
        let held = position(engine, account, s)
        var working = traderOrder(engine, account: account, symbol: s)
        working.symbol = spec.symbol
        working.type = .limit
        working.reduceOnly = false
        working.timeInForce = rng.chance(85) ? .gtc : .ioc
        let through = rng.chance(50) ? rng.int(0...3_000) : -rng.int(50...3_000)
        working.price = priceAt(s, ticks: ticks(s, mark, ppm: working.side == .buy ? through : -through))
        let exitSide = type == .oco ? (held > 0 ? Side.sell : held < 0 ? .buy : rng.pick(Side.allCases)) : working.side.opposite
        let entry = type == .oco ? mark : working.price!
        func takeProfit(_ g: inout EngineStreamGenerator) -> StrategyLeg {
            let d = g.rng.int(2_000...20_000)
            if g.rng.chance(30) {
                var order = g.traderOrder(engine, account: account, symbol: s)
                order.symbol = spec.symbol
                order.side = exitSide
                order.type = .limit
                order.timeInForce = .gtc
                order.price = g.priceAt(s, ticks: g.ticks(s, entry, ppm: exitSide == .sell ? d : -d))
                order.reduceOnly = g.rng.chance(30)
                return .order(order)
            }
            let type: ConditionType = g.rng.chance(50) ? .takeProfitMarket : .takeProfitLimit
            return .condition(g.condition(engine, account: account, symbol: s, side: exitSide, type: type, around: entry))
        }
        func stop(_ g: inout EngineStreamGenerator) -> StrategyLeg {
            let type: ConditionType = g.weighted([(60, .stopMarket), (25, .stopLimit), (15, .trailingStopMarket)])
            return .condition(g.condition(engine, account: account, symbol: s, side: exitSide, type: type, around: entry))
        }
        var request: StrategyRequest
        switch type {
        case .oto:
            request = StrategyRequest(account: account, type: .oto, working: .order(working),
                                      pending: rng.chance(50) ? takeProfit(&self) : stop(&self))
        case .oco:
            request = StrategyRequest(account: account, type: .oco, legs: [takeProfit(&self), stop(&self)])
        case .otoco:
            request = StrategyRequest(account: account, type: .otoco, working: .order(working), legs: [takeProfit(&self), stop(&self)])
        }
        if rng.chance(30) {
            if rng.chance(15), let used = seenStrategyClientIds.filter({ $0.account == account }).randomElement(using: &rng) {
                request.clientStrategyId = used.id
            } else {
                clientCounter += 1
                request.clientStrategyId = ClientOrderId("s\(clientCounter)")!
            }
        }
        switch rng.int(0...99) {
        case 0: request.working = nil
        case 1: request.legs = Array(request.legs.prefix(1))
        case 2: request.pending = request.working
        case 3:
            var other = traderOrder(engine, account: account, symbol: (s + 1) % 3)
            other.symbol = PropertySymbols.names[(s + 1) % 3]
            if request.legs.isEmpty { request.pending = .order(other) } else { request.legs[0] = .order(other) }
        default: break
        }
        return request
    }

    // MARK: Learning from results

    /// Remembers the ids a command's events mention, for later references.
    mutating func observe(_ result: EngineResult) {
        for event in result.events {
            switch event {
            case .order(let o):
                guard let s = PropertySymbols.names.firstIndex(of: o.symbol) else { continue }
                if seenOrderIds.insert(o.orderId).inserted {
                    remember(&seenOrders, Seen(id: o.orderId, account: o.account, symbol: s))
                    if let client = o.clientOrderId {
                        seenClientIds.append((o.account, client, s))
                        if seenClientIds.count > 400 { seenClientIds.removeFirst(100) }
                    }
                }
            case .condition(let c):
                guard let s = PropertySymbols.names.firstIndex(of: c.request.symbol) else { continue }
                if seenConditionIds.insert(c.conditionOrderId).inserted {
                    remember(&seenConditions, Seen(id: c.conditionOrderId, account: c.request.account, symbol: s))
                }
            case .liquidation(let l):
                if !recentlyLiquidated.contains(l.account) { recentlyLiquidated.append(l.account) }
            case .strategy(let st):
                if let client = st.clientStrategyId, st.status == .new {
                    seenStrategyClientIds.append((st.account, client))
                    if seenStrategyClientIds.count > 200 { seenStrategyClientIds.removeFirst(50) }
                }
            default: break
            }
        }
    }

    private func remember(_ list: inout [Seen], _ item: Seen) {
        list.append(item)
        if list.count > 600 { list.removeFirst(150) }
    }
}

// MARK: Commands as Swift source

/// Renders commands as Swift source for `EngineDriver` (with `typealias F =
/// EngineFixtures`), so that a shrunk failing stream becomes a regression test.
enum EngineSource {
    static func amount(_ a: Amount) -> String { "F.amount(\"\(a)\")" }
    static func price(_ p: Price) -> String { "F.price(\"\(p)\")" }
    static func quantity(_ q: Quantity) -> String { "F.quantity(\"\(q)\")" }
    static func rate(_ r: Rate) -> String { "F.rate(\"\(r)\")" }
    static func client(_ c: ClientOrderId) -> String { "ClientOrderId(\"\(c)\")!" }
    static func string(_ s: String) -> String { "\"\(s)\"" }

    static func reference(_ r: OrderReference) -> String {
        switch r {
        case .id(let id): ".id(\(id))"
        case .client(let c): ".client(\(client(c)))"
        }
    }

    static func order(_ r: OrderRequest) -> String {
        var parts = ["account: \(r.account)", "symbol: \(string(r.symbol))", "side: .\(r.side == .buy ? "buy" : "sell")",
                     "type: .\(r.type == .limit ? "limit" : "market")", "quantity: \(quantity(r.quantity))"]
        if let p = r.price { parts.append("price: \(price(p))") }
        if r.timeInForce != .gtc { parts.append("timeInForce: .\(r.timeInForce.swiftName)") }
        if r.reduceOnly { parts.append("reduceOnly: true") }
        if let c = r.clientOrderId { parts.append("clientOrderId: \(client(c))") }
        if r.selfTradePrevention != .cancelTaker { parts.append("selfTradePrevention: .\(r.selfTradePrevention.swiftName)") }
        return "OrderRequest(\(parts.joined(separator: ", ")))"
    }

    static func amend(_ r: AmendRequest) -> String {
        var parts = ["account: \(r.account)", "symbol: \(string(r.symbol))", "order: \(reference(r.order))"]
        if let p = r.price { parts.append("price: \(price(p))") }
        if let q = r.quantity { parts.append("quantity: \(quantity(q))") }
        return "AmendRequest(\(parts.joined(separator: ", ")))"
    }

    static func conditionType(_ t: ConditionType) -> String {
        switch t {
        case .stopMarket: ".stopMarket"
        case .stopLimit: ".stopLimit"
        case .takeProfitMarket: ".takeProfitMarket"
        case .takeProfitLimit: ".takeProfitLimit"
        case .trailingStopMarket: ".trailingStopMarket"
        }
    }

    static func condition(_ r: ConditionRequest) -> String {
        var parts = ["account: \(r.account)", "symbol: \(string(r.symbol))", "side: .\(r.side == .buy ? "buy" : "sell")",
                     "type: \(conditionType(r.type))"]
        if let p = r.triggerPrice { parts.append("triggerPrice: \(price(p))") }
        if r.triggerPriceType != .last { parts.append("triggerPriceType: .\(r.triggerPriceType.rawValue.lowercased())") }
        if let p = r.price { parts.append("price: \(price(p))") }
        if let q = r.quantity { parts.append("quantity: \(quantity(q))") }
        if r.closePosition { parts.append("closePosition: true") }
        if r.reduceOnly { parts.append("reduceOnly: true") }
        if let c = r.clientOrderId { parts.append("clientOrderId: \(client(c))") }
        if let c = r.callbackRate { parts.append("callbackRate: \(rate(c))") }
        if let p = r.activationPrice { parts.append("activationPrice: \(price(p))") }
        if r.timeInForce != .gtc { parts.append("timeInForce: .\(r.timeInForce.swiftName)") }
        if r.selfTradePrevention != .cancelTaker { parts.append("selfTradePrevention: .\(r.selfTradePrevention.swiftName)") }
        return "ConditionRequest(\(parts.joined(separator: ", ")))"
    }

    static func leg(_ l: StrategyLeg) -> String {
        switch l {
        case .order(let r): ".order(\(order(r)))"
        case .condition(let r): ".condition(\(condition(r)))"
        }
    }

    static func strategy(_ r: StrategyRequest) -> String {
        var parts = ["account: \(r.account)", "type: .\(r.type.rawValue.lowercased())"]
        if let c = r.clientStrategyId { parts.append("clientStrategyId: \(client(c))") }
        if let w = r.working { parts.append("working: \(leg(w))") }
        if let p = r.pending { parts.append("pending: \(leg(p))") }
        if !r.legs.isEmpty { parts.append("legs: [\(r.legs.map(leg).joined(separator: ", "))]") }
        return "StrategyRequest(\(parts.joined(separator: ", ")))"
    }

    static func status(_ s: SymbolStatus) -> String {
        switch s {
        case .trading: ".trading"
        case .suspended: ".suspended"
        case .reduceOnly: ".reduceOnly"
        }
    }

    /// A specification as the ``PropertySymbols`` call that made it.
    static func spec(_ spec: SymbolSpec, adding: Bool) -> String {
        if adding, let base = PropertySymbols.base(spec.symbol), base == spec {
            return "PropertySymbols.\(spec.baseAsset.lowercased())"
        }
        for base in PropertySymbols.all {
            let candidate = PropertySymbols.variant(
                base.symbol, symbol: spec.symbol == base.symbol ? nil : spec.symbol, status: spec.status,
                priceBandRate: spec.priceBandRate.description, maxOpenOrders: spec.maxOpenOrders,
                fundingIntervalHours: spec.fundingIntervalHours,
                tickSize: spec.tickSize == base.tickSize ? nil : spec.tickSize.description)
            if candidate == spec {
                var parts = [string(base.symbol)]
                if spec.symbol != base.symbol { parts.append("symbol: \(string(spec.symbol))") }
                if spec.status != .trading { parts.append("status: \(status(spec.status))") }
                if spec.priceBandRate != base.priceBandRate { parts.append("priceBandRate: \(string(spec.priceBandRate.description))") }
                if spec.maxOpenOrders != base.maxOpenOrders { parts.append("maxOpenOrders: \(spec.maxOpenOrders)") }
                if spec.fundingIntervalHours != base.fundingIntervalHours { parts.append("fundingIntervalHours: \(spec.fundingIntervalHours)") }
                if spec.tickSize != base.tickSize { parts.append("tickSize: \(string(spec.tickSize.description))") }
                return "PropertySymbols.variant(\(parts.joined(separator: ", ")))"
            }
        }
        return "/* unprintable spec */ PropertySymbols.btc"
    }

    static func command(_ c: EngineCommand) -> String {
        switch c {
        case .deposit(let a, let x): ".deposit(account: \(a), amount: \(amount(x)))"
        case .withdraw(let a, let x): ".withdraw(account: \(a), amount: \(amount(x)))"
        case .placeOrder(let r): ".placeOrder(\(order(r)))"
        case .cancelOrder(let a, let s, let r): ".cancelOrder(account: \(a), symbol: \(string(s)), order: \(reference(r)))"
        case .amendOrder(let r): ".amendOrder(\(amend(r)))"
        case .batchPlace(let rs): ".batchPlace([\(rs.map(order).joined(separator: ", "))])"
        case .batchAmend(let rs): ".batchAmend([\(rs.map(amend).joined(separator: ", "))])"
        case .batchCancel(let a, let s, let rs):
            ".batchCancel(account: \(a), symbol: \(string(s)), orders: [\(rs.map(reference).joined(separator: ", "))])"
        case .cancelAll(let a, let s, let scope):
            ".cancelAll(account: \(a), symbol: \(s.map(string) ?? "nil"), scope: .\(scope.rawValue.lowercased()))"
        case .placeCondition(let r): ".placeCondition(\(condition(r)))"
        case .cancelCondition(let a, let s, let id): ".cancelCondition(account: \(a), symbol: \(string(s)), conditionOrderId: \(id))"
        case .placeStrategy(let r): ".placeStrategy(\(strategy(r)))"
        case .setLeverage(let a, let s, let l): ".setLeverage(account: \(a), symbol: \(string(s)), leverage: \(l))"
        case .setMarginMode(let a, let s, let m): ".setMarginMode(account: \(a), symbol: \(string(s)), mode: .\(m == .cross ? "cross" : "isolated"))"
        case .addSymbol(let spec): ".addSymbol(\(self.spec(spec, adding: true)))"
        case .updateSymbol(let spec): ".updateSymbol(\(self.spec(spec, adding: false)))"
        case .setIndexPrice(let s, let p): ".setIndexPrice(symbol: \(string(s)), price: \(price(p)))"
        case .depositInsuranceFund(let x): ".depositInsuranceFund(amount: \(amount(x)))"
        case .markPriceTick: ".markPriceTick"
        case .premiumSample: ".premiumSample"
        case .settleFunding(let s): ".settleFunding(symbol: \(s.map(string) ?? "nil"))"
        case .dailyRollover: ".dailyRollover"
        }
    }

    /// A stream as `EngineDriver` statements: the time whenever it changes, then the command.
    static func driver(_ envelopes: [CommandEnvelope]) -> String {
        var lines: [String] = ["var d = EngineDriver()"]
        var time = EngineDriver().time
        for envelope in envelopes {
            if envelope.timestamp != time {
                lines.append("d.time = \(envelope.timestamp)")
                time = envelope.timestamp
            }
            lines.append("d.apply(\(command(envelope.command)))")
        }
        return lines.joined(separator: "\n")
    }
}
