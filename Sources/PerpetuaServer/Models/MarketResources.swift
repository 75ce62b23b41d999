import PerpetuaCore
import PerpetuaStore

struct DepthResource: Encodable, Sendable {
    var symbol: String
    var seq: UInt64
    var bids: [[String]]
    var asks: [[String]]
    var checksum: Int32
    var time: Int64
}

struct PublicTradeResource: Encodable, Sendable {
    var tradeId: String
    var price: String
    var qty: String
    var side: String
    var time: Int64
}

/// The 24-hour rolling ticker. `change` is last − open in price; `changePercent` the same
/// in percent. Prices are null until the symbol has one.
struct TickerResource: Encodable, Sendable {
    var symbol: String
    var last: String?
    var open: String?
    var high: String?
    var low: String?
    var volume: String
    var quoteVolume: String
    var change: String?
    var changePercent: String?
    var markPrice: String?
    var indexPrice: String?
    var bestBid: String?
    var bestAsk: String?
    var tradeCount: Int64
    var time: Int64

    enum CodingKeys: String, CodingKey {
        case symbol, last, open, high, low, volume, quoteVolume, change, changePercent, markPrice, indexPrice, bestBid, bestAsk,
             tradeCount, time
    }

    /// Every key is present; unknown prices are `null` rather than missing.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(symbol, forKey: .symbol)
        for (key, value) in [(CodingKeys.last, last), (.open, open), (.high, high), (.low, low)] { try c.encode(value, forKey: key) }
        try c.encode(volume, forKey: .volume)
        try c.encode(quoteVolume, forKey: .quoteVolume)
        for (key, value) in [(CodingKeys.change, change), (.changePercent, changePercent), (.markPrice, markPrice), (.indexPrice, indexPrice),
                             (.bestBid, bestBid), (.bestAsk, bestAsk)] { try c.encode(value, forKey: key) }
        try c.encode(tradeCount, forKey: .tradeCount)
        try c.encode(time, forKey: .time)
    }
}

/// One ticker object with `symbol`, a list of all without it.
enum TickerReply: Encodable, Sendable {
    case one(TickerResource)
    case all([TickerResource])

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .one(let ticker): try ticker.encode(to: encoder)
        case .all(let tickers): try tickers.encode(to: encoder)
        }
    }
}

struct KlineResource: Encodable, Sendable {
    var openTime: Int64
    var closeTime: Int64
    var open: String
    var high: String
    var low: String
    var close: String
    var volume: String
    var quoteVolume: String
    var tradeCount: Int64

    init(_ bar: Kline, spec: SymbolSpec) {
        openTime = bar.openTime
        closeTime = bar.closeTime
        open = spec.text(bar.open)
        high = spec.text(bar.high)
        low = spec.text(bar.low)
        close = spec.text(bar.close)
        volume = bar.volume.units == 0 ? "0" : spec.text(bar.volume)
        quoteVolume = Amount.display(exact: bar.quoteVolume.units).description
        tradeCount = bar.tradeCount
    }
}

struct FundingConfigResource: Encodable, Sendable {
    var symbol: String
    var intervalHours: Int
    var interestRate: String
    var capRate: String
    var floorRate: String
    var impactNotional: String
}

struct CurrentFundingResource: Encodable, Sendable {
    var symbol: String
    var fundingRate: String
    @Null var markPrice: String?
    @Null var indexPrice: String?
    var nextFundingTime: Int64
    var lastFundingRate: String
}

struct FundingHistoryResource: Encodable, Sendable {
    var symbol: String
    var fundingRate: String
    var markPrice: String
    var fundingTime: Int64
}
