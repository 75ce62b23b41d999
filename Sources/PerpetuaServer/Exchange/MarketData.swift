import PerpetuaCore
import PerpetuaEngine
import PerpetuaJournal
import PerpetuaStore
import Synchronization

/// Public market data the engine does not keep: the most recent trades of each symbol and
/// rolling 24-hour statistics in one-minute buckets. Fed in sequence order from committed
/// commands; read by the trades and ticker endpoints without touching the engine thread.
public final class MarketData: Sendable {
    /// How many recent trades each symbol keeps.
    public static let recentTradeCapacity = 1000
    static let minute: Int64 = 60_000
    static let day: Int64 = 86_400_000

    struct SymbolTape: Sendable {
        /// Newest last; at most ``recentTradeCapacity``.
        var trades: [PublicTrade] = []
        /// One-minute buckets keyed by their start, oldest first.
        var buckets: [MinuteBucket] = []
        var lastPrice: Price?
    }

    struct MinuteBucket: Sendable {
        var start: Int64
        var open: Price
        var high: Price
        var low: Price
        var close: Price
        var volume: Quantity
        var quoteVolume: Int128
        var trades: Int64
    }

    private let tapes = Mutex<[String: SymbolTape]>([:])
    /// Every symbol's specification as of the last committed change, so routes can parse
    /// and format without a trip to the engine thread.
    private let specs = Mutex<[String: SymbolSpec]>([:])
    private let symbolOrder = Mutex<[String]>([])

    public init() {}

    /// Loads the last 24 hours of one-minute TRADE bars from the store, so that the ticker's
    /// statistics survive a restart.
    func seed(from store: any HistoryStore, symbols: [String], now: Int64) async throws {
        for symbol in symbols {
            let bars = try await store.klines(
                symbol: symbol, priceType: .trade, interval: .oneMinute, startTime: now - Self.day, endTime: now,
                limit: 1500, now: now)
            let buckets = bars.filter { $0.tradeCount > 0 }.map {
                MinuteBucket(
                    start: $0.openTime, open: $0.open, high: $0.high, low: $0.low, close: $0.close, volume: $0.volume,
                    quoteVolume: $0.quoteVolume.units, trades: $0.tradeCount)
            }
            let last = bars.last?.close
            tapes.withLock { tapes in
                tapes[symbol, default: SymbolTape()].buckets = buckets
                if tapes[symbol]!.lastPrice == nil { tapes[symbol]!.lastPrice = last }
            }
        }
    }

    /// Records the trades and symbol changes of a committed batch.
    func apply(_ batch: [CommittedCommand]) {
        tapes.withLock { tapes in
            for command in batch {
                for event in command.result.events {
                    switch event {
                    case .trade(let trade): Self.record(trade, in: &tapes[trade.symbol, default: SymbolTape()])
                    case .symbol(let spec): update(spec)
                    default: break
                    }
                }
            }
        }
    }

    /// Records a symbol's current specification.
    public func update(_ spec: SymbolSpec) {
        let isNew = specs.withLock { specs in
            defer { specs[spec.symbol] = spec }
            return specs[spec.symbol] == nil
        }
        if isNew { symbolOrder.withLock { $0.append(spec.symbol) } }
    }

    /// A symbol's specification.
    public func spec(_ symbol: String) -> SymbolSpec? { specs.withLock { $0[symbol] } }

    /// Every symbol's specification, in creation order.
    public var allSpecs: [SymbolSpec] {
        let order = symbolOrder.withLock { $0 }
        return specs.withLock { specs in order.compactMap { specs[$0] } }
    }

    static func record(_ trade: TradeRecord, in tape: inout SymbolTape) {
        tape.trades.append(PublicTrade(
            tradeId: trade.tradeId, price: trade.price, quantity: trade.quantity, side: trade.takerSide, time: trade.time))
        if tape.trades.count > recentTradeCapacity + recentTradeCapacity / 4 {
            tape.trades.removeFirst(tape.trades.count - recentTradeCapacity)
        }
        tape.lastPrice = trade.price
        let start = trade.time - ((trade.time % minute) + minute) % minute
        let quote = Int128(trade.price.units) * Int128(trade.quantity.units)
        if var bucket = tape.buckets.last, bucket.start == start {
            bucket.high = max(bucket.high, trade.price)
            bucket.low = min(bucket.low, trade.price)
            bucket.close = trade.price
            bucket.volume = Quantity(units: bucket.volume.units + trade.quantity.units)
            bucket.quoteVolume += quote
            bucket.trades += 1
            tape.buckets[tape.buckets.count - 1] = bucket
        } else {
            tape.buckets.append(MinuteBucket(
                start: start, open: trade.price, high: trade.price, low: trade.price, close: trade.price,
                volume: trade.quantity, quoteVolume: quote, trades: 1))
            // Keep a day and a little more; older buckets never count again.
            let horizon = start - day - minute
            if let first = tape.buckets.first, first.start < horizon {
                tape.buckets.removeAll { $0.start < horizon }
            }
        }
    }

    /// The newest `limit` trades of `symbol`, newest first.
    public func recentTrades(_ symbol: String, limit: Int) -> [PublicTrade] {
        tapes.withLock { tapes in
            guard let trades = tapes[symbol]?.trades else { return [] }
            return Array(trades.suffix(limit).reversed())
        }
    }

    /// Statistics over the 24 hours before `now` (by whole minutes).
    public func rollingDay(_ symbol: String, now: Int64) -> DayStatistics {
        tapes.withLock { tapes in
            guard let tape = tapes[symbol] else { return DayStatistics() }
            var stats = DayStatistics()
            stats.last = tape.lastPrice
            let since = now - Self.day
            for bucket in tape.buckets where bucket.start + Self.minute > since && bucket.start <= now {
                if stats.open == nil { stats.open = bucket.open }
                stats.high = max(stats.high ?? bucket.high, bucket.high)
                stats.low = min(stats.low ?? bucket.low, bucket.low)
                stats.volume = Quantity(units: stats.volume.units + bucket.volume.units)
                stats.quoteVolume += bucket.quoteVolume
                stats.tradeCount += bucket.trades
            }
            return stats
        }
    }
}

/// A trade as the public sees it: the taker's side is the trade's side.
public struct PublicTrade: Hashable, Sendable {
    public var tradeId: UInt64
    public var price: Price
    public var quantity: Quantity
    public var side: Side
    public var time: Int64
}

/// A symbol's last 24 hours.
public struct DayStatistics: Hashable, Sendable {
    public var last: Price?
    public var open: Price?
    public var high: Price?
    public var low: Price?
    public var volume = Quantity.zero
    /// Σ price × quantity at 10⁻¹⁶.
    public var quoteVolume: Int128 = 0
    public var tradeCount: Int64 = 0
}
