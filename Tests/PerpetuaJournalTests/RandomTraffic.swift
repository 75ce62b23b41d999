import PerpetuaCore
import PerpetuaEngine

/// A seeded stream of exchange traffic on BTCUSDT for the recovery tests: three market
/// makers with deep pockets and five small traders placing, cancelling and amending limit
/// orders around a random-walking index, taking liquidity with market orders, moving
/// leverage, and now and then letting time pass (mark ticks, premium samples, funding).
struct RandomTraffic {
    /// One step: a command, or time passing on the manual clock.
    enum Step {
        case command(EngineCommand)
        case advance(milliseconds: Int64)
    }

    static let symbol = "BTCUSDT"
    static let accounts: ClosedRange<UInt64> = 1...8
    static let tick: Int64 = 10_000_000  // 0.1
    static let lot: Int64 = 100_000  // 0.001

    var random: SeededRandom
    /// The index price in ticks.
    var indexTicks: Int64 = 500_000
    /// Orders the stream has tried to place, a bound for the ids it cancels and amends.
    var ordersTried: UInt64 = 0

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    /// The commands that open the market.
    func opening() -> [EngineCommand] {
        var spec = JournalFixtures.btc
        spec.fundingIntervalHours = 1
        var commands: [EngineCommand] = [
            .addSymbol(spec),
            .setIndexPrice(symbol: Self.symbol, price: Price(units: indexTicks * Self.tick)),
        ]
        for account in Self.accounts {
            let whole: Int64 = account <= 3 ? 2_000_000 : 20_000
            commands.append(.deposit(account: account, amount: Amount(units: whole * fixedPointOne)))
        }
        return commands
    }

    mutating func int(_ range: ClosedRange<Int64>) -> Int64 { Int64.random(in: range, using: &random) }
    mutating func account() -> UInt64 { UInt64.random(in: Self.accounts, using: &random) }
    mutating func side() -> Side { Bool.random(using: &random) ? .buy : .sell }
    mutating func price(spread: Int64) -> Price { Price(units: (indexTicks + int(-spread...spread)) * Self.tick) }
    mutating func recentOrderId() -> UInt64 {
        UInt64.random(in: (ordersTried > 300 ? ordersTried - 300 : 1)...(ordersTried + 3), using: &random)
    }

    mutating func limitOrder() -> OrderRequest {
        ordersTried += 1
        let tif: TimeInForce = switch int(0...9) {
        case 0: .ioc
        case 1: .postOnly
        case 2: .fok
        default: .gtc
        }
        let client = int(0...3) == 0 ? ClientOrderId("c\(ordersTried)") : nil
        return OrderRequest(
            account: account(), symbol: Self.symbol, side: side(), type: .limit,
            quantity: Quantity(units: int(1...400) * Self.lot), price: price(spread: 300), timeInForce: tif,
            reduceOnly: int(0...19) == 0, clientOrderId: client)
    }

    mutating func next() -> Step {
        switch int(0...999) {
        case 0..<30:
            return .command(.deposit(account: account(), amount: Amount(units: int(100...5_000) * fixedPointOne)))
        case 30..<40:
            return .command(.withdraw(account: account(), amount: Amount(units: int(10...500) * fixedPointOne)))
        case 40..<500:
            return .command(.placeOrder(limitOrder()))
        case 500..<580:
            ordersTried += 1
            return .command(.placeOrder(OrderRequest(
                account: account(), symbol: Self.symbol, side: side(), type: .market,
                quantity: Quantity(units: int(1...100) * Self.lot))))
        case 580..<750:
            return .command(.cancelOrder(account: account(), symbol: Self.symbol, order: .id(recentOrderId())))
        case 750..<880:
            let quantity = int(0...2) == 0 ? Quantity(units: int(1...400) * Self.lot) : nil
            return .command(.amendOrder(AmendRequest(
                account: account(), symbol: Self.symbol, order: .id(recentOrderId()), price: price(spread: 300), quantity: quantity)))
        case 880..<900:
            indexTicks = max(1_000, indexTicks + int(-1_500...1_500))
            return .command(.setIndexPrice(symbol: Self.symbol, price: Price(units: indexTicks * Self.tick)))
        case 900..<920:
            return .command(.setLeverage(account: account(), symbol: Self.symbol, leverage: Int(int(1...60))))
        case 920..<935:
            return .command(.cancelAll(account: account(), symbol: Self.symbol, scope: .all))
        case 935..<955:
            let side = side()
            let offset = int(50...2_000) * (side == .buy ? 1 : -1)
            return .command(.placeCondition(ConditionRequest(
                account: account(), symbol: Self.symbol, side: side, type: .stopMarket,
                triggerPrice: Price(units: (indexTicks + offset) * Self.tick), triggerPriceType: int(0...1) == 0 ? .last : .mark,
                quantity: Quantity(units: int(1...50) * Self.lot))))
        case 955..<970:
            return .command(.batchPlace((0..<Int(int(1...3))).map { _ in limitOrder() }))
        case 970..<990:
            return .advance(milliseconds: int(200...3_000))
        case 990..<999:
            return .command(.cancelOrder(account: account(), symbol: Self.symbol, order: .client(ClientOrderId("c\(int(1...Int64(ordersTried + 1)))")!)))
        default:
            // Rarely a minute or an hour passes; funding is hourly, so it settles a few times.
            return int(0...3) == 0 ? .advance(milliseconds: 3_600_000) : .advance(milliseconds: 60_000)
        }
    }
}
