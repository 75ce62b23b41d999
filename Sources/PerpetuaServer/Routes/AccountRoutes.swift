import PerpetuaCore
import PerpetuaEngine
import PerpetuaStore

/// The account endpoints of API.md §5.2 (READ): balances from the engine; the change log,
/// daily figures and analytics from the store, with today's figures from the engine.
/// Profit and loss over a period is the sum of the account change log except deposits,
/// withdrawals and adjustments: realised PnL, fees, funding, liquidation and ADL.
extension APIRouter {
    func addAccountRoutes(_ gateway: Gateway) {
        let exchange = gateway.exchange
        let read = RouteAccess.user(.read)

        get("/v1/private/user/asset", access: read) { request in
            let account = request.userId
            return AssetResource(try await exchange.read { $0.asset(account: account) })
        }

        get("/v1/private/user/account-change-log", access: read, weight: 5) { request in
            let page = try request.pageRequest()
            let type: BalanceChangeType? = try request.query("type").map { try parseEnum("type", $0) }
            await exchange.waitForProjection()
            let changes = try await exchange.store.accountChanges(account: request.userId, type: type, page: page)
            return PageResource(changes, transform: AccountChangeResource.init)
        }

        get("/v1/private/user/volume-stats", access: read, weight: 5) { request in
            let account = request.userId
            let asset = try await exchange.read { $0.asset(account: account) }
            let today = UTCDay.start(of: request.now)
            await exchange.waitForProjection()
            let days = try await exchange.store.dailyVolumes(account: account, startTime: today - 30 * UTCDay.milliseconds, endTime: today - 1)
            let maker = days.reduce(Amount.zero) { $0 + $1.makerVolume }
            let volume = days.reduce(Amount.zero) { $0 + $1.volume }
            let fees = days.reduce(Amount.zero) { $0 + $1.fees }
            let schedule = exchange.feeTier(volume30d: asset?.volume30d ?? .zero)
            var daily = days.map { VolumeStatsResource.Day(date: UTCDay.string($0.day), volume: $0.volume.description, fees: $0.fees.description) }
            if let asset {
                daily.append(.init(date: UTCDay.string(today), volume: asset.volumeToday.description, fees: asset.feesToday.description))
            }
            return VolumeStatsResource(
                volume30d: (asset?.volume30d ?? volume).description, makerVolume30d: maker.description,
                takerVolume30d: (volume - maker).description, fees30d: fees.description, feeTier: schedule?.tier ?? 0,
                makerRate: (schedule?.makerRate ?? .zero).description, takerRate: (schedule?.takerRate ?? .zero).description,
                daily: daily)
        }

        get("/v1/private/user/balance-history", access: read, weight: 5) { request in
            let start = try request.integerQuery("startTime", in: 0...Int64.max)
            let end = try request.integerQuery("endTime", in: 0...Int64.max)
            if let start, let end, start > end { throw APIError.invalid("startTime", "must not be after endTime") }
            await exchange.waitForProjection()
            let days = try await exchange.store.dailyBalances(account: request.userId, startTime: start, endTime: end)
            return days.map {
                BalanceHistoryResource(date: UTCDay.string($0.day), walletBalance: $0.walletBalance.description, marginBalance: $0.marginBalance.description)
            }
        }

        get("/v1/private/user/trade-overview", access: read, weight: 10) { request in
            let period: Period = try parseEnum("period", request.query("period"), default: .month)
            return try await exchange.tradeOverview(account: request.userId, period: period, now: request.now)
        }

        get("/v1/private/user/asset/overview/summary", access: read, weight: 10) { request in
            try await exchange.assetSummary(account: request.userId, now: request.now)
        }

        get("/v1/private/user/asset/overview/trend", access: read, weight: 5) { request in
            let period: Period = try parseEnum("period", request.query("period"), default: .month)
            let account = request.userId
            let today = UTCDay.start(of: request.now)
            await exchange.waitForProjection()
            let days = try await exchange.store.dailyBalances(
                account: account, startTime: today - period.days * UTCDay.milliseconds, endTime: today - 1)
            var points = days.map { EquityPointResource(time: $0.day + UTCDay.milliseconds, equity: $0.marginBalance.description) }
            let asset = try await exchange.read { $0.asset(account: account) }
            points.append(EquityPointResource(time: request.now, equity: (asset?.marginBalance ?? .zero).description))
            return points
        }

        get("/v1/public/leaderboard/pnl", access: .open, weight: 10) { request in
            let period: Period = try parseEnum("period", request.query("period"), default: .week)
            let limit = Int(try request.integerQuery("limit", in: 1...100) ?? 20)
            return try await exchange.leaderboard(period: period, limit: limit, now: request.now)
        }
    }
}

extension Exchange {
    /// The fee tier of a 30-day volume on the first listed symbol's schedule (tiers are set
    /// per symbol; the listed symbols share one schedule in practice).
    func feeTier(volume30d: Amount) -> FeeTier? {
        guard let spec = market.allSpecs.first, !spec.feeTiers.isEmpty else { return nil }
        return spec.feeTier(forVolume: volume30d)
    }

    /// Profit and loss in `start...end`: every change-log type except money moved in or out.
    func pnl(account: UInt64, start: Int64, end: Int64) async throws -> (pnl: Amount, totals: [BalanceChangeType: Amount]) {
        let totals = try await store.accountChangeTotals(account: account, startTime: start, endTime: end)
        let pnl = totals.filter { ![.deposit, .withdraw, .adjustment].contains($0.key) }.values.reduce(Amount.zero, +)
        return (pnl, totals)
    }

    func tradeOverview(account: UInt64, period: Period, now: Int64) async throws -> TradeOverviewResource {
        let today = UTCDay.start(of: now)
        let start = today - (period.days - 1) * UTCDay.milliseconds
        let asset = try await read { $0.asset(account: account) }
        await waitForProjection()
        let (_, totals) = try await pnl(account: account, start: start, end: now)
        var volumes: [Int64: Amount] = [:]
        for day in try await store.dailyVolumes(account: account, startTime: start, endTime: today - 1) { volumes[day.day] = day.volume }
        volumes[today] = asset?.volumeToday ?? .zero
        let fills = try await store.fillCount(account: account, startTime: start, endTime: now)

        // Win rate over the positions closed in the period.
        var wins = 0
        var closed = 0
        var cursor: String?
        repeat {
            let page = try await store.positionHistory(
                account: account, symbol: nil, page: PageRequest(limit: PageRequest.maximumLimit, startTime: start, cursor: cursor))
            closed += page.items.count
            wins += page.items.filter { $0.realizedPnl.units > 0 }.count
            cursor = page.nextCursor
        } while cursor != nil && closed < 10_000

        var trend: [TradeOverviewResource.Point] = []
        var cumulative = Amount.zero
        var day = start
        while day <= today {
            let (dayPnl, _) = try await pnl(account: account, start: day, end: day + UTCDay.milliseconds - 1)
            cumulative = cumulative + dayPnl
            trend.append(.init(
                date: UTCDay.string(day), pnl: dayPnl.description, cumulativePnl: cumulative.description,
                volume: (volumes[day] ?? .zero).description))
            day += UTCDay.milliseconds
        }
        let fees = Amount.zero - (totals[.tradeFee] ?? .zero)
        return TradeOverviewResource(
            realizedPnl: (totals[.realizedPnl] ?? .zero).description, fees: fees.description,
            funding: (totals[.fundingFee] ?? .zero).description, volume: volumes.values.reduce(Amount.zero, +).description,
            tradeCount: fills, winRate: Self.ratio(Int64(wins), Int64(closed)).description, trend: trend)
    }

    func assetSummary(account: UInt64, now: Int64) async throws -> AssetSummaryResource {
        let asset = try await read { $0.asset(account: account) }
        let today = UTCDay.start(of: now)
        await waitForProjection()
        let pnlToday = try await pnl(account: account, start: today, end: now).pnl
        let pnl7d = try await pnl(account: account, start: today - 6 * UTCDay.milliseconds, end: now).pnl
        let (pnl30d, totals30d) = try await pnl(account: account, start: today - 29 * UTCDay.milliseconds, end: now)
        let equity = asset?.marginBalance ?? .zero
        let deposits = totals30d[.deposit] ?? .zero
        let withdrawals = totals30d[.withdraw] ?? .zero
        // Equity 30 days ago plus what was deposited since: the capital the PnL was made on.
        let capital = equity - pnl30d - deposits - withdrawals + deposits
        let roi = capital.units > 0 ? Rate(units: Int64(clamping: RoundingRule.halfAwayFromZero.divide(
            Int128(pnl30d.units) * Int128(fixedPointOne), by: Int128(capital.units)))) : Rate.zero
        return AssetSummaryResource(
            equity: equity.description, walletBalance: (asset?.walletBalance ?? .zero).description,
            unrealizedPnl: (asset?.unrealizedPnl ?? .zero).description, pnlToday: pnlToday.description, pnl7d: pnl7d.description,
            pnl30d: pnl30d.description, roi30d: roi.description)
    }

    func leaderboard(period: Period, limit: Int, now: Int64) async throws -> [LeaderboardEntryResource] {
        let start = UTCDay.start(of: now) - (period.days - 1) * UTCDay.milliseconds
        await waitForProjection()
        let ranking = try await store.pnlRanking(startTime: start, limit: limit)
        let accounts = ranking.map(\.account)
        // Closed days come from the store; today's trading is still in the engine.
        let live = try await read { engine in
            accounts.map { (engine.asset(account: $0)?.walletBalance ?? .zero, engine.asset(account: $0)?.volumeToday ?? .zero) }
        }
        let wallets = live.map(\.0)
        var entries: [LeaderboardEntryResource] = []
        for (index, entry) in ranking.enumerated() {
            let user = try await store.user(id: entry.account)
            let name = user?.nickname ?? Self.mask(user?.username ?? "user\(entry.account)")
            let capital = wallets[index] - entry.pnl
            let roi = capital.units > 0 ? Rate(units: Int64(clamping: RoundingRule.halfAwayFromZero.divide(
                Int128(entry.pnl.units) * Int128(fixedPointOne), by: Int128(capital.units)))) : Rate.zero
            entries.append(LeaderboardEntryResource(
                rank: index + 1, name: name, pnl: entry.pnl.description, roi: roi.description,
                volume: (entry.volume + live[index].1).description))
        }
        return entries
    }

    /// `alice` → `al***ce`; short names keep only their first character.
    static func mask(_ name: String) -> String {
        let characters = Array(name)
        guard characters.count > 4 else { return String(characters.prefix(1)) + "***" }
        return String(characters.prefix(2)) + "***" + String(characters.suffix(2))
    }

    static func ratio(_ part: Int64, _ whole: Int64) -> Rate {
        guard whole > 0 else { return .zero }
        return Rate(units: Int64(RoundingRule.halfAwayFromZero.divide(Int128(part) * Int128(fixedPointOne), by: Int128(whole))))
    }
}
