import PerpetuaCore
import PerpetuaEngine
import PerpetuaStore

/// Hand-made events, for tests that need exact times and prices rather than an engine's.
struct EventFactory {
    var sequence: UInt64 = 0
    var tradeId: UInt64 = 0

    /// A trade between account `maker` (resting) and `taker`.
    mutating func trade(
        at time: Int64, price: String, quantity: String = "1", maker: UInt64 = 1, taker: UInt64 = 2, symbol: String = "BTCUSDT"
    ) -> ProjectedCommand {
        sequence += 1
        tradeId += 1
        let trade = TradeRecord(
            tradeId: tradeId, symbol: symbol, price: F.price(price), quantity: F.quantity(quantity), takerSide: .buy,
            makerOrderId: tradeId * 10, takerOrderId: tradeId * 10 + 1, makerAccount: maker, takerAccount: taker,
            makerFee: F.amount("0.01"), takerFee: F.amount("0.02"), makerRealizedPnl: .zero, takerRealizedPnl: .zero,
            time: time)
        return ProjectedCommand(sequence: sequence, time: time, events: [.trade(trade)])
    }

    /// A mark-price tick.
    mutating func mark(at time: Int64, mark: String, index: String, symbol: String = "BTCUSDT") -> ProjectedCommand {
        sequence += 1
        let record = MarkPriceRecord(
            symbol: symbol, markPrice: F.price(mark), indexPrice: F.price(index), estimatedFundingRate: .zero,
            nextFundingTime: 0, time: time)
        return ProjectedCommand(sequence: sequence, time: time, events: [.markPrice(record)])
    }

    /// A funding settlement.
    mutating func funding(at time: Int64, rate: String, symbol: String = "BTCUSDT") -> ProjectedCommand {
        sequence += 1
        let record = FundingRateRecord(symbol: symbol, fundingRate: F.rate(rate), markPrice: F.price("50000"), fundingTime: time)
        return ProjectedCommand(sequence: sequence, time: time, events: [.fundingRate(record)])
    }
}
