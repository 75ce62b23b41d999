import PerpetuaCore

/// Index, mark and funding (API.md §7, MECHANICS.md).
extension Engine {
    mutating func setIndexPrice(symbol: String, price: Price) -> PerpetuaError? {
        let s: Int
        switch symbolIndex(symbol) {
        case .success(let index): s = index
        case .failure(let error): return error
        }
        guard price.isPositive else { return .invalid("price", "must be greater than zero") }
        symbols[s].indexPrice = price
        if symbols[s].markPrice == nil { updateMark(s) }
        evaluateTriggers(symbol: s, type: .index)
        return nil
    }

    /// Every second: sample the basis, recompute every mark, fire MARK triggers and trailing
    /// stops, then liquidate whoever is at or below maintenance.
    mutating func markPriceTick() {
        for s in symbols.indices {
            guard let index = symbols[s].indexPrice else { continue }
            if let bid = symbols[s].book.bestBid, let ask = symbols[s].book.bestAsk {
                let tick = symbols[s].spec.tickSize.units
                let mid = (bid + ask) * tick / 2
                pushBasis(s, mid - index.units)
            } else {
                pushBasis(s, Self.basisGap)
            }
            updateMark(s)
            let mark = symbols[s].markPrice!
            events.append(.markPrice(MarkPriceRecord(
                symbol: symbols[s].spec.symbol, markPrice: mark, indexPrice: index,
                estimatedFundingRate: fundingRate(s), nextFundingTime: symbols[s].nextFundingTime, time: time)))
        }
        for s in symbols.indices {
            evaluateTriggers(symbol: s, type: .mark)
        }
        liquidateUnhealthyAccounts()
    }

    /// The basis sample of a second whose book had a side missing. It holds its place in
    /// the window, so that the window stays five minutes of ticks rather than the last 300
    /// two-sided seconds however old, but adds nothing to the average. (A sentinel, not an
    /// optional, keeps the snapshot format as it is.)
    static let basisGap = Int64.min

    mutating func pushBasis(_ s: Int, _ sample: Int64) {
        let window = configuration.basisWindow
        if symbols[s].basisSamples.count < window {
            symbols[s].basisSamples.append(sample)
        } else {
            let old = symbols[s].basisSamples[symbols[s].basisNext]
            if old != Self.basisGap { symbols[s].basisSum -= Int128(old) }
            symbols[s].basisSamples[symbols[s].basisNext] = sample
            symbols[s].basisNext = (symbols[s].basisNext + 1) % window
        }
        if sample != Self.basisGap { symbols[s].basisSum += Int128(sample) }
    }

    /// mark = median(P1, P2, last) with P1 = I × (1 + rate × timeToFunding / interval),
    /// P2 = I + MA(mid − I), last = last trade or I. P2 is I while the book has a side
    /// missing (MECHANICS.md): a basis sampled while both sides were there says nothing
    /// about a book that has lost one, and must not hold the mark away from the index.
    mutating func updateMark(_ s: Int) {
        guard let index = symbols[s].indexPrice else { return }
        let interval = Int64(symbols[s].spec.fundingIntervalHours) * 3_600_000
        let toFunding = max(0, symbols[s].nextFundingTime - time)
        let rate = Int128(symbols[s].lastFundingRate.units)
        let p1 = Int128(index.units) + RoundingRule.halfAwayFromZero.divide(
            Int128(index.units) * rate * Int128(toFunding), by: Self.one * Int128(interval))
        let twoSided = symbols[s].book.bestBid != nil && symbols[s].book.bestAsk != nil
        let samples = twoSided ? symbols[s].basisSamples.count { $0 != Self.basisGap } : 0
        let p2 = samples == 0 ? Int128(index.units)
            : Int128(index.units) + RoundingRule.halfAwayFromZero.divide(symbols[s].basisSum, by: Int128(samples))
        let last = Int128((symbols[s].lastPrice ?? index).units)
        let sorted = [p1, p2, last].sorted()
        let mark = Price(units: Int64(max(1, sorted[1])))
        symbols[s].markPrice = mark
        // Market orders are bounded by the band around the mark.
        symbols[s].book.setReferencePrice(ticks: max(1, mark.units / symbols[s].spec.tickSize.units))
    }

    /// Every five seconds: premium = (max(0, impactBid − I) − max(0, I − impactAsk)) / I.
    mutating func premiumSample() {
        for s in symbols.indices {
            guard let index = symbols[s].indexPrice else { continue }
            let impactBid = impactPrice(s, side: .sell)
            let impactAsk = impactPrice(s, side: .buy)
            // With one side missing, that side contributes nothing (premium 0 from it).
            let up = impactBid.map { max(0, Int128($0) - Int128(index.units)) } ?? 0
            let down = impactAsk.map { max(0, Int128(index.units) - Int128($0)) } ?? 0
            let premium = RoundingRule.halfAwayFromZero.divide((up - down) * Self.one, by: Int128(index.units))
            symbols[s].premiumSum += premium
            symbols[s].premiumCount += 1
        }
    }

    /// The average fill price, in price units, of a market order of the symbol's impact
    /// notional on `side` (a SELL walks the bids); nil when the book cannot fill it.
    func impactPrice(_ s: Int, side: Side) -> Int64? {
        let spec = symbols[s].spec
        let target = Int128(spec.impactNotional.units) * Self.one
        var notional: Int128 = 0
        var quantity: Int128 = 0
        var rank = 0
        let tick = Int128(spec.tickSize.units), step = Int128(spec.stepSize.units)
        while let level = symbols[s].book.level(side: side.opposite, rank: rank) {
            let price = Int128(level.priceTicks) * tick
            let levelNotional = price * Int128(level.lots) * step
            if notional + levelNotional >= target {
                let needed = RoundingRule.up.divide(target - notional, by: price)
                quantity += needed
                notional += needed * price
                return Int64(RoundingRule.halfAwayFromZero.divide(notional, by: quantity))
            }
            notional += levelNotional
            quantity += Int128(level.lots) * step
            rank += 1
        }
        return nil
    }

    /// rate = P + clamp(interest − P, ±0.05 %), then clamped to [floor, cap].
    func fundingRate(_ s: Int) -> Rate {
        let spec = symbols[s].spec
        let average = symbols[s].premiumCount == 0 ? Int128(0)
            : RoundingRule.halfAwayFromZero.divide(symbols[s].premiumSum, by: Int128(symbols[s].premiumCount))
        let clampBound = Int128(50_000)  // 0.05 %
        let interest = Int128(spec.interestRate.units)
        let rate = average + min(max(interest - average, -clampBound), clampBound)
        let capped = min(max(rate, Int128(spec.floorRate.units)), Int128(spec.capRate.units))
        return Rate(units: Int64(capped))
    }

    /// Settles funding for symbols due at or before now, or for `symbol` immediately.
    mutating func settleFunding(symbol: String?) -> PerpetuaError? {
        if let symbol {
            switch symbolIndex(symbol) {
            case .success(let s): settle(s)
            case .failure(let error): return error
            }
            return nil
        }
        for s in symbols.indices where symbols[s].nextFundingTime <= time { settle(s) }
        return nil
    }

    /// Every open position pays side × Q × M × rate: payers rounded up, receivers down, the
    /// difference to the insurance fund, so funding sums to zero in the books.
    mutating func settle(_ s: Int) {
        let rate = fundingRate(s)
        updateMark(s)
        guard let mark = symbols[s].markPrice else {
            // No index price yet: nothing can be paid without a mark. The schedule still
            // moves on, or `nextFundingTime` would stay in the past and the first settlement
            // after the index arrives would fall off the interval's grid.
            symbols[s].nextFundingTime = nextFundingTime(after: time, intervalHours: symbols[s].spec.fundingIntervalHours)
            return
        }
        let fundingTime = time
        let refId = lastSequence
        var total: Int128 = 0
        for id in accounts.keys.sorted() where accounts[id]!.positions[s].size != 0 {
            let position = accounts[id]!.positions[s]
            // Exact at 10⁻²⁴: size (10⁻⁸) × mark (10⁻⁸) × rate (10⁻⁸).
            let exact = Int128(position.size) * Int128(mark.units) * Int128(rate.units)
            // A long pays (negative change) when the rate is positive.
            let change = RoundingRule.down.divide(-exact, by: Self.one * Self.one)
            let amount = Amount(units: Int64(change))
            total += Int128(amount.units)
            accounts[id]!.positions[s].funding += amount
            // Funding changes the position's margin figures: its update says when.
            accounts[id]!.positions[s].updateTime = time
            if position.marginMode == .isolated {
                accounts[id]!.positions[s].isolatedMargin += amount
                if accounts[id]!.positions[s].isolatedMargin.isNegative {
                    let deficit = -accounts[id]!.positions[s].isolatedMargin
                    accounts[id]!.positions[s].isolatedMargin = .zero
                    changeBalance(id, .fundingFee, amount, symbol: s, refId: refId)
                    coverDeficit(id, deficit, symbol: s, refId: refId)
                    continue
                }
            }
            changeBalance(id, .fundingFee, amount, symbol: s, refId: refId)
        }
        // Rounding down every change leaves a non-positive total: the fund keeps the rest.
        insuranceFund += Amount(units: Int64(-total))
        symbols[s].lastFundingRate = rate
        symbols[s].premiumSum = 0
        symbols[s].premiumCount = 0
        symbols[s].nextFundingTime = nextFundingTime(after: time, intervalHours: symbols[s].spec.fundingIntervalHours)
        events.append(.fundingRate(FundingRateRecord(symbol: symbols[s].spec.symbol, fundingRate: rate, markPrice: mark, fundingTime: fundingTime)))
        for id in accounts.keys.sorted() where accounts[id]!.positions[s].size != 0 {
            events.append(.position(positionSnapshot(id, s)))
        }
    }

    /// At 00:00 UTC: roll the day's volume into the 30-day window, recompute fee tiers and
    /// forget client ids past their retention.
    mutating func dailyRollover() {
        for id in accounts.keys.sorted() {
            if let asset = asset(account: id) {
                events.append(.dailyBalance(DailyBalanceRecord(
                    account: id, time: time, walletBalance: asset.walletBalance, marginBalance: asset.marginBalance,
                    volume: asset.volumeToday, makerVolume: asset.makerVolumeToday, fees: asset.feesToday)))
            }
            var account = accounts[id]!
            account.dailyVolumes.insert(account.volumeToday, at: 0)
            if account.dailyVolumes.count > 30 { account.dailyVolumes.removeLast(account.dailyVolumes.count - 30) }
            account.volume30d = account.dailyVolumes.reduce(Amount.zero, +)
            account.volumeToday = .zero
            account.makerVolumeToday = .zero
            account.feesToday = .zero
            accounts[id] = account
        }
        let cutoff = time - configuration.clientOrderIdRetentionMs
        while closedClientIdsHead < closedClientIds.count, closedClientIds[closedClientIdsHead].time <= cutoff {
            let entry = closedClientIds[closedClientIdsHead]
            if clientIds[entry.key] == entry.orderId { clientIds.removeValue(forKey: entry.key) }
            closedClientIdsHead += 1
        }
        if closedClientIdsHead > 4096, closedClientIdsHead * 2 > closedClientIds.count {
            closedClientIds.removeFirst(closedClientIdsHead)
            closedClientIdsHead = 0
        }
    }
}
