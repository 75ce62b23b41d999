import PerpetuaCore
import PerpetuaEngine

/// The exchange-core mix translated for the full ``Engine``: one BTCUSDT-like symbol,
/// accounts with a large deposit each, an index price that defines the price band, and the
/// generator's commands as ``CommandEnvelope``s (GTC and IOC limit orders become
/// `placeOrder`, cancels `cancelOrder` by id, moves `amendOrder` with the new price).
///
/// The engine numbers accepted orders 1, 2, 3, … in the order it accepts them, and the
/// generator numbers its orders the same way (the warm-up's first order is 1, IOC orders
/// take an id too). So as long as every order is accepted, the engine id of generator
/// order `g` is `g`, and the cancels and amends can be built ahead of time with it.
/// ``EngineRunner`` checks that prediction on every run: it records the id the engine gave
/// each placed order and counts both rejections and ids that differ from the prediction.
///
/// Prices: the generator's ticks are centred on ``ExchangeCoreWorkload/Configuration/centerPriceTicks``;
/// they are shifted so that the centre sits on the index price (50,000.0 at tick 0.1 by
/// default), with the ~750 live levels spread over about ±84 USDT, deep inside the ±5 %
/// band. Every price is checked against the band before the run.
public struct EngineWorkload: Sendable {
    /// The workload's name in reports.
    public var name: String
    /// The symbol every command trades.
    public var spec: SymbolSpec
    /// The engine's configuration (book capacity sized for the run).
    public var configuration: EngineConfiguration
    /// Number of accounts (ids 1...accounts), each funded with ``deposit``.
    public var accounts: Int
    public var deposit: Amount
    public var indexPrice: Price
    /// Untimed: add the symbol, set its index price, fund the accounts.
    public var setup: [CommandEnvelope]
    /// Untimed: the generator's warm-up, bringing the book to its steady state.
    public var warmUp: [CommandEnvelope]
    /// The measured commands.
    public var commands: [CommandEnvelope]
    /// Whether each warm-up and each measured envelope places an order, so that the runner
    /// can number the engine's ids without inspecting the command.
    public var warmUpPlaceFlags: [Bool]
    public var commandPlaces: [Bool]
    /// The number of orders placed in the warm-up (orders 1...warmUpPlaces).
    public var warmUpPlaces: Int
    /// Orders placed over warm-up and measured commands: the highest generator id.
    public var totalPlaces: Int
    /// Lowest and highest limit price used, in the symbol's ticks, and the band's bounds
    /// around the index price.
    public var priceRange: ClosedRange<Int64>
    public var band: ClosedRange<Int64>
    /// The generator's model: what a correct engine must report over the measured commands.
    public var expectation: WorkloadExpectation
    /// The model's view of the mix, for the report.
    public var statistics: ExchangeCoreStatistics

    /// The first envelope's timestamp: 2025-11-21 00:00 UTC. Later commands are stamped
    /// 1,000 to a millisecond, as if they arrived at 1M commands/s.
    public static let startTime: Int64 = 1_763_683_200_000

    /// Translates a generated exchange-core workload.
    ///
    /// - Parameters:
    ///   - generated: the generator's output; its `configuration.accounts` owners become
    ///     engine accounts 1...accounts.
    ///   - spec: the symbol; ``btcusdt`` unless given.
    ///   - indexPrice: the index price, on which the generator's centre price is placed.
    ///   - deposit: what each account is funded with, large enough that margin checks pass
    ///     while still being computed.
    public init(
        _ generated: ExchangeCoreWorkload, spec: SymbolSpec = EngineWorkload.btcusdt,
        indexPrice: Price = Price(units: 50_000 * fixedPointOne), deposit: Amount = Amount(units: 1_000_000 * fixedPointOne)
    ) {
        name = "exchange-core"
        self.spec = spec
        self.indexPrice = indexPrice
        self.deposit = deposit
        accounts = generated.configuration.accounts
        statistics = generated.statistics
        var configuration = EngineConfiguration()
        configuration.bookCapacity = max(4_096, 2 * generated.peakLiveOrders)
        self.configuration = configuration

        let tick = spec.tickSize.units
        let step = spec.stepSize.units
        let indexTicks = indexPrice.units / tick
        let shift = indexTicks - generated.configuration.centerPriceTicks
        let delta = Int64(Int128(indexPrice.units) * Int128(spec.priceBandRate.units) / Int128(fixedPointOne))
        // Same rounding as the engine's band: low rounded up, high rounded down.
        band = ((indexPrice.units - delta + tick - 1) / tick)...((indexPrice.units + delta) / tick)

        var sequence: UInt64 = 0
        func envelope(_ command: EngineCommand) -> CommandEnvelope {
            sequence += 1
            return CommandEnvelope(sequence: sequence, timestamp: Self.startTime + Int64(sequence / 1_000), command: command)
        }

        var setup: [CommandEnvelope] = []
        setup.append(envelope(.addSymbol(spec)))
        setup.append(envelope(.setIndexPrice(symbol: spec.symbol, price: indexPrice)))
        for account in 1...UInt64(max(accounts, 1)) {
            setup.append(envelope(.deposit(account: account, amount: deposit)))
        }
        self.setup = setup

        // Owners by generator id, for cancels and amends (which the engine checks).
        let symbol = spec.symbol
        var owners = [UInt64](repeating: 0, count: Int(generated.highestOrderId) + 1)
        var places = 0
        var lowest = Int64.max
        var highest = Int64.min
        func translate(_ command: WorkloadCommand) -> EngineCommand {
            switch command {
            case .place(let order):
                places += 1
                precondition(order.id == UInt64(places), "generator ids must be sequential")
                owners[Int(order.id)] = order.owner
                let ticks = order.priceTicks + shift
                lowest = min(lowest, ticks)
                highest = max(highest, ticks)
                return .placeOrder(OrderRequest(
                    account: order.owner, symbol: symbol, side: order.side, type: .limit,
                    quantity: Quantity(units: order.lots * step), price: Price(units: ticks * tick),
                    timeInForce: order.timeInForce, selfTradePrevention: order.selfTradePrevention))
            case .cancel(let orderId):
                // The engine id of generator order g is g while every order is accepted.
                return .cancelOrder(account: owners[Int(orderId)], symbol: symbol, order: .id(orderId))
            case .amend(let orderId, let priceTicks, _):
                let ticks = priceTicks + shift
                lowest = min(lowest, ticks)
                highest = max(highest, ticks)
                // A move: new price, same quantity (the engine keeps it when none is given).
                return .amendOrder(AmendRequest(
                    account: owners[Int(orderId)], symbol: symbol, order: .id(orderId), price: Price(units: ticks * tick)))
            }
        }
        func isPlace(_ command: WorkloadCommand) -> Bool {
            if case .place = command { return true }
            return false
        }
        warmUp = generated.warmUp.map { envelope(translate($0)) }
        warmUpPlaceFlags = generated.warmUp.map(isPlace)
        commandPlaces = generated.commands.map(isPlace)
        warmUpPlaces = places
        commands = generated.commands.map { envelope(translate($0)) }
        totalPlaces = places
        priceRange = lowest <= highest ? lowest...highest : indexTicks...indexTicks
        expectation = WorkloadExpectation(
            fills: generated.statistics.fills, resting: generated.statistics.restingAtEnd,
            tradeCommands: generated.statistics.tradeCommands, source: "the generator's reference model")
    }

    /// Why the workload cannot run as built (a price outside the band), or `nil`.
    public var problem: String? {
        if !band.contains(priceRange.lowerBound) || !band.contains(priceRange.upperBound) {
            return "prices \(priceRange) ticks leave the band \(band) around the index"
        }
        return nil
    }

    /// A fresh engine with the setup applied (untimed); throws away nothing that matters.
    /// Returns the number of setup commands that failed, which must be zero.
    public func makeEngine() -> (engine: Engine, setupFailures: Int) {
        var engine = Engine(configuration: configuration)
        var failures = 0
        for envelope in setup where engine.apply(envelope).error != nil { failures += 1 }
        return (engine, failures)
    }

    /// A BTCUSDT-like perpetual: tick 0.1, step 0.001 (max 1,000 BTC per order), ±5 %
    /// price band, a ten-bracket leverage schedule from 125x down to 1x, maker 0.02 % and
    /// taker 0.05 % at the base tier, 8-hour funding. The minimum notional is 5 USDT so that
    /// the generator's one-lot orders (0.001 BTC, about 50 USDT) are all valid.
    public static var btcusdt: SymbolSpec {
        func amount(_ whole: Int64) -> Amount { Amount(units: whole * fixedPointOne) }
        /// A rate given in hundred-thousandths (40 = 0.0004 = 0.04 %).
        func rate(_ hundredThousandths: Int64) -> Rate { Rate(units: hundredThousandths * 1_000) }
        let schedule: [(leverage: Int, cap: Int64, mmr: Int64)] = [
            (125, 50_000, 400), (100, 500_000, 500), (50, 8_000_000, 1_000), (20, 50_000_000, 2_500),
            (10, 80_000_000, 5_000), (5, 100_000_000, 10_000), (4, 200_000_000, 12_500), (3, 300_000_000, 15_000),
            (2, 500_000_000, 25_000), (1, 800_000_000, 50_000),
        ]
        var brackets: [LeverageBracket] = []
        var floor: Int64 = 0
        for (index, entry) in schedule.enumerated() {
            brackets.append(LeverageBracket(
                bracket: index + 1, maxLeverage: entry.leverage, notionalFloor: amount(floor), notionalCap: amount(entry.cap),
                maintMarginRate: rate(entry.mmr)))
            floor = entry.cap
        }
        return SymbolSpec(
            symbol: "BTCUSDT", baseAsset: "BTC", tickSize: Price(units: fixedPointOne / 10),
            stepSize: Quantity(units: fixedPointOne / 1_000), minQty: Quantity(units: fixedPointOne / 1_000),
            maxQty: Quantity(units: 1_000 * fixedPointOne), minNotional: amount(5), priceBandRate: rate(5_000),
            leverageBrackets: brackets,
            feeTiers: [
                FeeTier(tier: 0, minVolume30d: .zero, makerRate: rate(20), takerRate: rate(50)),
                FeeTier(tier: 1, minVolume30d: amount(15_000_000), makerRate: rate(16), takerRate: rate(40)),
                FeeTier(tier: 2, minVolume30d: amount(100_000_000), makerRate: rate(14), takerRate: rate(35)),
                FeeTier(tier: 3, minVolume30d: amount(500_000_000), makerRate: rate(12), takerRate: rate(32)),
            ],
            maxOpenOrders: 200)
    }
}
