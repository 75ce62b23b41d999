import PerpetuaCore
import PerpetuaEngine

/// What the hub starts from: the engine's state at one command boundary, read once when the
/// exchange opens. Committed commands at or below ``lastSequence`` are already in it.
struct StreamSeed: Sendable {
    struct Symbol: Sendable {
        var market: MarketSnapshot
        /// Resting orders (every open order that is not an ADL record).
        var orders: [OrderSnapshot]
        /// The engine's aggregated book, to check the view built from the orders.
        var bids: [(Price, Quantity)]
        var asks: [(Price, Quantity)]
    }

    var lastSequence: UInt64
    var time: Int64
    var symbols: [Symbol]

    /// Reads the seed on the engine thread.
    static func read(_ engine: Engine) -> StreamSeed {
        var orders: [String: [OrderSnapshot]] = [:]
        for account in engine.accountIds {
            for order in engine.openOrders(account: account) { orders[order.symbol, default: []].append(order) }
        }
        let symbols = engine.symbolSpecs.compactMap { spec -> Symbol? in
            guard let market = engine.market(spec.symbol), let depth = engine.depth(spec.symbol, limit: .max) else { return nil }
            return Symbol(market: market, orders: orders[spec.symbol] ?? [], bids: depth.bids, asks: depth.asks)
        }
        return StreamSeed(lastSequence: engine.lastSequence, time: engine.time, symbols: symbols)
    }
}
