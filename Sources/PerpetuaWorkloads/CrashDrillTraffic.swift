import PerpetuaCore
import PerpetuaEngine

/// The random trading the crash drill feeds through the durable engine: many accounts on
/// two symbols placing, amending and cancelling orders, market orders, stops, leverage
/// changes, withdrawals and index moves large enough to liquidate now and then.
public struct CrashDrillTraffic: Sendable {
    var random: SplitMix64
    let accounts: Int
    var btcIndex: Int64 = 50_000
    var ethIndex: Int64 = 2_500
    var clientCounter = 0

    public init(seed: UInt64, accounts: Int) {
        random = SplitMix64(seed: seed)
        self.accounts = max(2, accounts)
    }

    static func spec(_ symbol: String, tick: Int64, step: Int64, maxLeverage: Int) -> SymbolSpec {
        SymbolSpec(
            symbol: symbol, baseAsset: String(symbol.dropLast(4)), tickSize: Price(units: tick), stepSize: Quantity(units: step),
            minQty: Quantity(units: step), maxQty: Quantity(units: 1_000 * fixedPointOne), minNotional: Amount(units: 5 * fixedPointOne),
            priceBandRate: Rate(units: 5_000_000),
            leverageBrackets: [
                LeverageBracket(bracket: 1, maxLeverage: maxLeverage, notionalFloor: .zero,
                                notionalCap: Amount(units: 50_000 * fixedPointOne), maintMarginRate: Rate(units: 400_000)),
                LeverageBracket(bracket: 2, maxLeverage: 20, notionalFloor: Amount(units: 50_000 * fixedPointOne),
                                notionalCap: Amount(units: 5_000_000 * fixedPointOne), maintMarginRate: Rate(units: 2_000_000)),
            ],
            feeTiers: [FeeTier(tier: 0, minVolume30d: .zero, makerRate: Rate(units: 20_000), takerRate: Rate(units: 50_000))])
    }

    /// The commands that create the market: two symbols, index prices and funded accounts.
    public func setup() -> [EngineCommand] {
        var commands: [EngineCommand] = [
            .addSymbol(Self.spec("BTCUSDT", tick: 10_000_000, step: 100_000, maxLeverage: 100)),
            .addSymbol(Self.spec("ETHUSDT", tick: 1_000_000, step: 1_000_000, maxLeverage: 50)),
            .setIndexPrice(symbol: "BTCUSDT", price: Price(units: btcIndex * fixedPointOne)),
            .setIndexPrice(symbol: "ETHUSDT", price: Price(units: ethIndex * fixedPointOne)),
            .depositInsuranceFund(amount: Amount(units: 10_000 * fixedPointOne)),
        ]
        for account in 1...accounts {
            commands.append(.deposit(account: UInt64(account), amount: Amount(units: Int64(1_000 + account * 37) * fixedPointOne)))
        }
        return commands
    }

    /// The next random command.
    public mutating func next() -> EngineCommand {
        let account = UInt64(random.uniform(accounts) + 1)
        let btc = random.chance(2, in: 3)
        let symbol = btc ? "BTCUSDT" : "ETHUSDT"
        let index = btc ? btcIndex : ethIndex
        let tick: Int64 = btc ? 10_000_000 : 1_000_000
        let step: Int64 = btc ? 100_000 : 1_000_000
        let side: Side = random.chance(1, in: 2) ? .buy : .sell
        // Prices within about ±0.4 % of the index, on the tick.
        let offset = Int64(random.uniform(81)) - 40
        let priceUnits = index * fixedPointOne + offset * index * fixedPointOne / 10_000
        let price = Price(units: max(tick, priceUnits - priceUnits % tick))
        let quantity = Quantity(units: Int64(random.uniform(20) + 1) * step * (btc ? 10 : 1))
        switch random.uniform(100) {
        case 0..<45:
            clientCounter += 1
            let tif: TimeInForce = random.chance(1, in: 10) ? .ioc : (random.chance(1, in: 15) ? .postOnly : .gtc)
            return .placeOrder(OrderRequest(
                account: account, symbol: symbol, side: side, type: .limit, quantity: quantity, price: price, timeInForce: tif,
                reduceOnly: random.chance(1, in: 12), clientOrderId: ClientOrderId("d\(clientCounter)")))
        case 45..<55:
            return .placeOrder(OrderRequest(account: account, symbol: symbol, side: side, type: .market, quantity: quantity))
        case 55..<68:
            let back = random.uniform(40) + 1
            return .cancelOrder(account: account, symbol: symbol, order: .client(ClientOrderId("d\(max(1, clientCounter - back))")!))
        case 68..<78:
            let back = random.uniform(40) + 1
            return .amendOrder(AmendRequest(account: account, symbol: symbol, order: .client(ClientOrderId("d\(max(1, clientCounter - back))")!),
                                            price: price))
        case 78..<84:
            let trigger = Price(units: side == .buy ? price.units + 20 * tick : max(tick, price.units - 20 * tick))
            return .placeCondition(ConditionRequest(
                account: account, symbol: symbol, side: side, type: .stopMarket, triggerPrice: trigger,
                triggerPriceType: random.chance(1, in: 2) ? .mark : .last, quantity: quantity))
        case 84..<88:
            return .setLeverage(account: account, symbol: symbol, leverage: [5, 10, 20, 50][random.uniform(4)])
        case 88..<90:
            return .withdraw(account: account, amount: Amount(units: Int64(random.uniform(50) + 1) * fixedPointOne))
        case 90..<92:
            return .deposit(account: account, amount: Amount(units: Int64(random.uniform(500) + 1) * fixedPointOne))
        default:
            // Index moves: mostly small, sometimes a jump of a few percent.
            let jump = random.chance(1, in: 12)
            let move = Int64(random.uniform(jump ? 601 : 41)) - (jump ? 300 : 20)
            if btc { btcIndex = max(1_000, btcIndex + btcIndex * move / 10_000) } else { ethIndex = max(50, ethIndex + ethIndex * move / 10_000) }
            return .setIndexPrice(symbol: symbol, price: Price(units: (btc ? btcIndex : ethIndex) * fixedPointOne))
        }
    }
}
