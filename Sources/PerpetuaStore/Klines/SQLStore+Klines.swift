import PerpetuaCore
import SQLKit

extension SQLStore {
    /// The most bars one kline request returns (API.md §5.1).
    public static let maximumKlineLimit = 1500

    public func klines(
        symbol: String, priceType: KlinePriceType, interval: KlineInterval, startTime: Int64?, endTime: Int64?,
        limit: Int, now: Int64
    ) async throws -> [Kline] {
        guard (1...Self.maximumKlineLimit).contains(limit) else {
            throw StoreError.invalidLimit(limit, maximum: Self.maximumKlineLimit)
        }
        if let startTime, let endTime, startTime > endTime { throw StoreError.invalidTimeRange }
        // No bar opens after now; this also keeps the bar arithmetic below clear of overflow.
        if let startTime, startTime > now { return [] }
        // No bar exists past the one running now.
        let lastOpen = interval.openTime(containing: min(endTime ?? now, now))
        let firstOpen: Int64
        let endOpen: Int64
        if let startTime {
            // Bars that open at or after startTime.
            let aligned = interval.openTime(containing: startTime)
            firstOpen = aligned == startTime ? aligned : interval.advance(aligned, by: 1)
            endOpen = min(lastOpen, interval.advance(firstOpen, by: Int64(limit - 1)))
        } else {
            endOpen = lastOpen
            firstOpen = interval.advance(lastOpen, by: -Int64(limit - 1))
        }
        guard firstOpen <= endOpen else { return [] }

        let (stored, previous) = try await database.read { db in
            let rows = try await db.select().column("*").from("klines")
                .where("symbol", .equal, symbol).where("price_type", .equal, priceType.rawValue)
                .where("interval", .equal, interval.rawValue)
                .where("open_time", .greaterThanOrEqual, firstOpen).where("open_time", .lessThanOrEqual, endOpen)
                .orderBy("open_time").all().map(Self.kline)
            let before = try await db.select().column("*").from("klines")
                .where("symbol", .equal, symbol).where("price_type", .equal, priceType.rawValue)
                .where("interval", .equal, interval.rawValue).where("open_time", .lessThan, firstOpen)
                .orderBy("open_time", .descending).limit(1).first().map(Self.kline)
            return (rows, before)
        }
        return Self.fillGaps(stored: stored, previous: previous, interval: interval, from: firstOpen, through: endOpen)
    }

    /// The bar of `interval` that contains `now` (nil when none is stored), together with
    /// the last sequence the projector had stored when it was read, both from one read
    /// snapshot: a live kline stream starts from this bar and must not count again the
    /// trades of commands up to that sequence when it sees them.
    public func currentKline(
        symbol: String, priceType: KlinePriceType, interval: KlineInterval, now: Int64
    ) async throws -> (bar: Kline?, projectedThrough: UInt64) {
        let open = interval.openTime(containing: now)
        let (stored, previous, through) = try await database.readSnapshot { db in
            let bar = try await db.select().column("*").from("klines")
                .where("symbol", .equal, symbol).where("price_type", .equal, priceType.rawValue)
                .where("interval", .equal, interval.rawValue).where("open_time", .equal, open)
                .first().map(Self.kline)
            let before = try await db.select().column("*").from("klines")
                .where("symbol", .equal, symbol).where("price_type", .equal, priceType.rawValue)
                .where("interval", .equal, interval.rawValue).where("open_time", .lessThan, open)
                .orderBy("open_time", .descending).limit(1).first().map(Self.kline)
            let row = try await db.select().column("last_sequence").from("projector_state").where("id", .equal, 1).first()
            return (bar, before, UInt64(bitPattern: try row?.int("last_sequence") ?? 0))
        }
        // As `klines` answers: a flat bar at the last close when the interval has no row yet.
        let bar = Self.fillGaps(stored: stored.map { [$0] } ?? [], previous: previous, interval: interval, from: open, through: open).last
        return (bar, through)
    }

    /// Walks every bar from `from` through `through`: stored bars as they are, and for an
    /// interval with no row, a flat zero-volume bar at the last close seen. Nothing is
    /// emitted before the series' first bar.
    static func fillGaps(stored: [Kline], previous: Kline?, interval: KlineInterval, from: Int64, through: Int64) -> [Kline] {
        var result: [Kline] = []
        var lastClose = previous?.close
        var next = stored.makeIterator()
        var pending = next.next()
        var open = from
        while open <= through {
            let nextOpen = interval.advance(open, by: 1)
            if let bar = pending, bar.openTime == open {
                result.append(bar)
                lastClose = bar.close
                pending = next.next()
            } else if let close = lastClose {
                result.append(.flat(openTime: open, closeTime: nextOpen - 1, at: close))
            } else if let bar = pending {
                // Nothing before the first stored bar: skip straight to it.
                open = bar.openTime
                continue
            } else {
                break
            }
            open = nextOpen
        }
        return result
    }

    @Sendable static func kline(_ row: any SQLRow) throws -> Kline {
        Kline(
            openTime: try row.int("open_time"), closeTime: try row.int("close_time"), open: try row.fixed("open"),
            high: try row.fixed("high"), low: try row.fixed("low"), close: try row.fixed("close"),
            volume: try row.fixed("volume"), quoteVolume: try row.exact("quote_volume"),
            tradeCount: try row.int("trade_count"))
    }

    /// The latest stored bar of every series of `symbol`, for the projector's aggregator.
    func latestKlineBars(symbol: String) async throws -> [(KlinePriceType, KlineInterval, KlineBar)] {
        try await database.read { db in
            var result: [(KlinePriceType, KlineInterval, KlineBar)] = []
            for type in KlinePriceType.allCases {
                for interval in KlineInterval.allCases {
                    guard let row = try await db.select().column("*").from("klines")
                        .where("symbol", .equal, symbol).where("price_type", .equal, type.rawValue)
                        .where("interval", .equal, interval.rawValue)
                        .orderBy("open_time", .descending).limit(1).first()
                    else { continue }
                    let k = try Self.kline(row)
                    var bar = KlineBar(
                        openTime: k.openTime, nextOpenTime: k.closeTime + 1, price: k.open.units, volume: k.volume.units,
                        quoteVolume: k.quoteVolume.units, tradeCount: k.tradeCount)
                    bar.high = k.high.units
                    bar.low = k.low.units
                    bar.close = k.close.units
                    result.append((type, interval, bar))
                }
            }
            return result
        }
    }
}
