import PerpetuaCore
import PerpetuaEngine
import PerpetuaStore
import Testing

@Suite("Klines: aggregation, gap filling, queries")
struct KlineStoreTests {
    static let minute: Int64 = 60_000
    static let day: Int64 = 86_400_000
    /// 2025-11-21 00:00 UTC (a Friday).
    static let t0: Int64 = 1_763_683_200_000

    static func bars(
        _ store: SQLStore, _ type: KlinePriceType, _ interval: KlineInterval, start: Int64? = nil, end: Int64? = nil,
        limit: Int = 1500, now: Int64
    ) async throws -> [Kline] {
        try await store.klines(symbol: "BTCUSDT", priceType: type, interval: interval, startTime: start, endTime: end, limit: limit, now: now)
    }

    @Test("TRADE: OHLC, volume, quote volume and count; quiet minutes are flat bars at the last close, up to now", arguments: Backend.available)
    func tradeBarsAndGaps(_ backend: Backend) async throws {
        try await backend.withStore { store, _ in
            var f = EventFactory()
            let projector = try await store.makeProjector()
            try await projector.apply([
                f.trade(at: Self.t0 + 1_000, price: "100", quantity: "2"),
                f.trade(at: Self.t0 + 20_000, price: "105", quantity: "1"),
                f.trade(at: Self.t0 + 59_999, price: "99", quantity: "1"),
            ])
            // Minutes 1 and 2 are quiet; a trade in minute 3 arrives in a later batch.
            try await projector.apply([f.trade(at: Self.t0 + 3 * Self.minute + 5, price: "110", quantity: "0.5")])
            let now = Self.t0 + 5 * Self.minute + 30_000
            let bars = try await Self.bars(store, .trade, .oneMinute, start: Self.t0, now: now)
            #expect(bars.map(\.openTime) == (0...5).map { Self.t0 + Int64($0) * Self.minute })
            #expect(bars.map(\.closeTime) == (1...6).map { Self.t0 + Int64($0) * Self.minute - 1 })
            let first = bars[0]
            #expect((first.open, first.high, first.low, first.close) == (F.price("100"), F.price("105"), F.price("99"), F.price("99")))
            #expect(first.volume == F.quantity("4"))
            #expect(first.quoteVolume == ExactProduct(units: ExactProduct(F.price("100"), F.quantity("2")).units
                + ExactProduct(F.price("105"), F.quantity("1")).units + ExactProduct(F.price("99"), F.quantity("1")).units))
            #expect(first.tradeCount == 3)
            for gap in [bars[1], bars[2]] {
                #expect((gap.open, gap.high, gap.low, gap.close) == (F.price("99"), F.price("99"), F.price("99"), F.price("99")))
                #expect(gap.volume == .zero && gap.tradeCount == 0 && gap.quoteVolume == ExactProduct(units: 0))
            }
            #expect(bars[3].open == F.price("110") && bars[3].volume == F.quantity("0.5") && bars[3].tradeCount == 1)
            // Up to now: minutes 4 and 5 (the running one) are flat at 110.
            #expect(bars[4].close == F.price("110") && bars[4].volume == .zero)
            #expect(bars[5].close == F.price("110") && bars[5].tradeCount == 0)

            // Coarser intervals hold everything in one bar.
            for interval in [KlineInterval.fiveMinutes, .oneHour, .oneDay, .oneWeek, .oneMonth] {
                let coarse = try await Self.bars(store, .trade, interval, now: now)
                let last = try #require(coarse.last, "\(interval)")
                #expect(last.openTime == interval.openTime(containing: now), "\(interval)")
                #expect(coarse.reduce(0) { $0 + $1.tradeCount } == 4, "\(interval)")
            }
            let week = try #require(try await Self.bars(store, .trade, .oneWeek, now: now).last)
            #expect(week.openTime == Self.t0 - 4 * Self.day)  // Monday 2025-11-17
            #expect((week.open, week.high, week.low, week.close) == (F.price("100"), F.price("110"), F.price("99"), F.price("110")))
            let month = try #require(try await Self.bars(store, .trade, .oneMonth, now: now).last)
            #expect(month.openTime == 1_761_955_200_000 && month.closeTime == 1_764_547_200_000 - 1)
            #expect(month.volume == F.quantity("4.5"))
        }
    }

    @Test("currentKline: the running bar (flat at the last close when the interval is quiet) with the projector's sequence from the same snapshot", arguments: Backend.available)
    func currentKlineWithSequence(_ backend: Backend) async throws {
        try await backend.withStore { store, _ in
            var f = EventFactory()
            let projector = try await store.makeProjector()
            try await projector.apply([
                f.trade(at: Self.t0 + 1_000, price: "100", quantity: "2"),
                f.trade(at: Self.t0 + 2_000, price: "104", quantity: "1"),
            ])
            let projected = try await store.projectedSequence()
            let running = try await store.currentKline(symbol: "BTCUSDT", priceType: .trade, interval: .oneMinute, now: Self.t0 + 30_000)
            #expect(running.projectedThrough == projected && projected > 0)
            let bar = try #require(running.bar)
            #expect(bar.openTime == Self.t0 && bar.tradeCount == 2 && bar.close == F.price("104") && bar.volume == F.quantity("3"))
            // Two minutes later nothing has traded: a flat bar at the last close, as the REST klines give.
            let quiet = try await store.currentKline(symbol: "BTCUSDT", priceType: .trade, interval: .oneMinute, now: Self.t0 + 2 * Self.minute + 5)
            let flat = try #require(quiet.bar)
            #expect(flat.openTime == Self.t0 + 2 * Self.minute && flat.tradeCount == 0 && flat.open == F.price("104") && flat.close == F.price("104"))
            // A symbol that never traded has no bar.
            let none = try await store.currentKline(symbol: "ETHUSDT", priceType: .trade, interval: .oneMinute, now: Self.t0 + 30_000)
            #expect(none.bar == nil && none.projectedThrough == projected)
        }
    }

    @Test("MARK and INDEX from mark ticks: zero volume, gaps filled; weeks and months later", arguments: Backend.available)
    func markAndIndex(_ backend: Backend) async throws {
        try await backend.withStore { store, _ in
            var f = EventFactory()
            let projector = try await store.makeProjector()
            try await projector.apply([
                f.mark(at: Self.t0, mark: "50000", index: "49990"),
                f.mark(at: Self.t0 + 1_000, mark: "50010", index: "50000"),
                f.mark(at: Self.t0 + 2 * Self.minute, mark: "49900", index: "49950"),
            ])
            let now = Self.t0 + 3 * Self.minute
            let mark = try await Self.bars(store, .mark, .oneMinute, start: Self.t0, now: now)
            #expect(mark.map(\.close) == ["50010", "50010", "49900", "49900"].map(F.price))
            #expect(mark[0].open == F.price("50000") && mark[0].high == F.price("50010"))
            #expect(mark.allSatisfy { $0.volume == .zero && $0.tradeCount == 0 && $0.quoteVolume == ExactProduct(units: 0) })
            let index = try await Self.bars(store, .index, .oneMinute, start: Self.t0, now: now)
            #expect(index.map(\.close) == ["50000", "50000", "49950", "49950"].map(F.price))
            #expect(index[0].low == F.price("49990"))
            // No trades: no TRADE bars at all, not flat ones from nowhere.
            #expect(try await Self.bars(store, .trade, .oneMinute, now: now).isEmpty)

            // Forty days later: weekly and monthly bars in between are flat at the last close.
            let later = Self.t0 + 40 * Self.day
            try await projector.apply([f.mark(at: later, mark: "60000", index: "59000")])
            let weeks = try await Self.bars(store, .mark, .oneWeek, start: Self.t0 - 10 * Self.day, now: later)
            #expect(weeks.first?.openTime == Self.t0 - 4 * Self.day)
            #expect(weeks.count == 7)
            #expect(weeks.dropFirst().dropLast().allSatisfy { $0.open == F.price("49900") && $0.close == F.price("49900") })
            #expect(weeks.last?.close == F.price("60000"))
            for (a, b) in zip(weeks, weeks.dropFirst()) { #expect(b.openTime == a.openTime + 7 * Self.day) }
            let months = try await Self.bars(store, .index, .oneMonth, start: Self.t0 - 30 * Self.day, now: later)
            #expect(months.map(\.openTime) == [1_761_955_200_000, 1_764_547_200_000])  // November, December
            #expect(months.map(\.close) == [F.price("49950"), F.price("59000")])
            #expect(months[1].open == F.price("59000"))
        }
    }

    @Test("limits and windows: the latest bars without startTime, none past now, bad limits refused", arguments: Backend.available)
    func windows(_ backend: Backend) async throws {
        try await backend.withStore { store, _ in
            var f = EventFactory()
            try await store.makeProjector().apply((0..<10).map { f.trade(at: Self.t0 + Int64($0) * Self.minute, price: "\(100 + $0)") })
            let now = Self.t0 + 20 * Self.minute
            let latest = try await Self.bars(store, .trade, .oneMinute, limit: 3, now: now)
            #expect(latest.map(\.openTime) == [18, 19, 20].map { Self.t0 + $0 * Self.minute })
            #expect(latest.allSatisfy { $0.close == F.price("109") })
            let window = try await Self.bars(store, .trade, .oneMinute, start: Self.t0 + 2 * Self.minute + 1, end: Self.t0 + 5 * Self.minute, now: now)
            #expect(window.map(\.openTime) == [3, 4, 5].map { Self.t0 + $0 * Self.minute })
            #expect(window.map(\.open) == ["103", "104", "105"].map(F.price))
            let limited = try await Self.bars(store, .trade, .oneMinute, start: Self.t0, limit: 4, now: now)
            #expect(limited.count == 4 && limited.first?.openTime == Self.t0)
            let future = try await Self.bars(store, .trade, .oneMinute, start: now + Self.day, now: now)
            #expect(future.isEmpty)
            #expect(try await Self.bars(store, .trade, .oneMinute, end: Self.t0 - 1, now: now).isEmpty)
            for limit in [0, 1501] {
                await #expect(throws: StoreError.invalidLimit(limit, maximum: 1500)) {
                    try await Self.bars(store, .trade, .oneMinute, limit: limit, now: now)
                }
            }
        }
    }

    @Test("a bar interrupted by a restart continues from its committed state", arguments: Backend.available)
    func restartContinuesBar(_ backend: Backend) async throws {
        try await backend.withStore { store, location in
            var f = EventFactory()
            try await store.makeProjector().apply([f.trade(at: Self.t0 + 1_000, price: "100", quantity: "1")])
            let reopened = try await SQLStore.open(location)
            try await reopened.makeProjector().apply([
                f.trade(at: Self.t0 + 2_000, price: "120", quantity: "2"),
                f.trade(at: Self.t0 + 3_000, price: "90", quantity: "1"),
            ])
            for interval in KlineInterval.allCases {
                let bar = try #require(try await Self.bars(reopened, .trade, interval, limit: 1, now: Self.t0 + 4_000).first)
                #expect((bar.open, bar.high, bar.low, bar.close) == (F.price("100"), F.price("120"), F.price("90"), F.price("90")), "\(interval)")
                #expect(bar.volume == F.quantity("4") && bar.tradeCount == 3, "\(interval)")
            }
            await reopened.close()
        }
    }
}
