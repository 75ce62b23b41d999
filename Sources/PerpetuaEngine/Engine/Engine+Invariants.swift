import PerpetuaCore

/// The invariants of API.md §9 and a state hash for replay comparisons.
extension Engine {
    /// Checks what must hold after every command: long sizes equal short sizes per symbol;
    /// money is conserved exactly (wallets + insurance fund + fee income + rounding residue
    /// − Σ signed entry notional = deposits − withdrawals, which reduces to API.md's form
    /// when every position is flat); books are sound and uncrossed; open-order totals match
    /// the open orders. Throws a description of the first violation.
    public func checkInvariants() throws(EngineInvariantViolation) {
        for s in symbols.indices {
            var long: Int128 = 0, short: Int128 = 0
            for account in accounts.values {
                let size = account.positions[s].size
                if size > 0 { long += Int128(size) } else { short -= Int128(size) }
            }
            if long != short {
                throw EngineInvariantViolation("\(symbols[s].spec.symbol): long \(long) != short \(short)")
            }
            do { try symbols[s].book.validateInternalState() } catch {
                throw EngineInvariantViolation("\(symbols[s].spec.symbol) book: \(error)")
            }
        }
        var money = Int128(insuranceFund.units + feeIncome.units) * Self.one + roundingResidue
        for account in accounts.values {
            money += Int128(account.wallet.units) * Self.one
            for position in account.positions where position.size != 0 {
                money -= position.size > 0 ? position.entryNotional : -position.entryNotional
            }
            for position in account.positions where position.isolatedMargin.isNegative {
                throw EngineInvariantViolation("account \(account.id): negative isolated margin \(position.isolatedMargin)")
            }
        }
        let expected = Int128(totalDeposits.units - totalWithdrawals.units) * Self.one
        if money != expected {
            throw EngineInvariantViolation("money not conserved: books hold \(ExactProduct(units: money)), deposits − withdrawals \(ExactProduct(units: expected))")
        }
        if roundingResidue < 0 || roundingResidue >= Self.one {
            throw EngineInvariantViolation("rounding residue \(roundingResidue) outside [0, 1e8)")
        }
        // Open-order totals equal the open orders, and every open order rests in its book.
        var expectedTotals: [UInt64: [Int: (Int64, Int64, Int)]] = [:]
        for order in openOrders.values {
            if order.snapshot.source != .adl, symbols[order.symbolIndex].book.order(id: order.snapshot.orderId) == nil {
                throw EngineInvariantViolation("open order \(order.snapshot.orderId) is not on the book")
            }
            var entry = expectedTotals[order.snapshot.account, default: [:]][order.symbolIndex, default: (0, 0, 0)]
            if order.snapshot.side == .buy { entry.0 += order.remaining } else { entry.1 += order.remaining }
            entry.2 += 1
            expectedTotals[order.snapshot.account, default: [:]][order.symbolIndex] = entry
        }
        for account in accounts.values {
            for (s, p) in account.positions.enumerated() {
                let entry = expectedTotals[account.id]?[s] ?? (0, 0, 0)
                let buys = p.openBuyQuantity + p.reduceOnlyBuyQuantity, sells = p.openSellQuantity + p.reduceOnlySellQuantity
                if buys != entry.0 || sells != entry.1 || p.openOrderCount != entry.2 {
                    throw EngineInvariantViolation("account \(account.id) \(symbols[s].spec.symbol): order totals \(buys)/\(sells)/\(p.openOrderCount) but orders \(entry)")
                }
            }
        }
    }

    /// The cross available balance of an account, exact (10⁻¹⁶), for tests of the rule
    /// that no account's own action makes it negative.
    public func exactAvailableBalance(account: UInt64) -> Int128 { availableBalance(account) }

    /// A hash of the whole state that decides future behaviour, stable across processes:
    /// equal for a live engine and one rebuilt from its journal.
    public func stateHash() -> UInt64 {
        var h = StateHasher()
        h.combine(lastSequence)
        h.combine(time)
        for id in [nextOrderId, nextTradeId, nextConditionId, nextStrategyId, nextChangeId] { h.combine(id) }
        for value in [insuranceFund, feeIncome, totalDeposits, totalWithdrawals] { h.combine(value.units) }
        Self.combine(roundingResidue, into: &h)
        for symbol in symbols {
            h.combine(symbol.book.stateHash())
            for price in [symbol.indexPrice, symbol.markPrice, symbol.lastPrice] { h.combine(price?.units ?? -1) }
            h.combine(symbol.lastFundingRate.units)
            h.combine(symbol.nextFundingTime)
            Self.combine(symbol.premiumSum, into: &h)
            h.combine(symbol.premiumCount)
            Self.combine(symbol.basisSum, into: &h)
            h.combine(Int64(symbol.basisSamples.count))
            h.combine(Int64(symbol.basisNext))
            h.combine(UInt64(SymbolStatus.allCases.firstIndex(of: symbol.spec.status)!))
            h.combine(symbol.spec.priceBandRate.units)
            for id in symbol.conditionIds { h.combine(id) }
        }
        for id in accounts.keys.sorted() {
            let account = accounts[id]!
            h.combine(id)
            h.combine(account.wallet.units)
            h.combine(account.volume30d.units)
            h.combine(account.volumeToday.units)
            for p in account.positions {
                h.combine(p.size)
                Self.combine(p.entryNotional, into: &h)
                h.combine(p.realizedPnl.units)
                h.combine(Int64(p.leverage))
                h.combine(p.marginMode == .cross ? UInt64(1) : UInt64(2))
                h.combine(p.isolatedMargin.units)
                h.combine(p.openBuyQuantity)
                h.combine(p.openSellQuantity)
                Self.combine(p.openBuyNotional &+ p.openSellNotional, into: &h)
                h.combine(Int64(p.openOrderCount))
            }
        }
        for id in openOrders.keys.sorted() {
            let order = openOrders[id]!
            h.combine(id)
            h.combine(order.remaining)
            h.combine(order.snapshot.executedQuantity.units)
        }
        for id in conditions.keys.sorted() {
            h.combine(id)
            h.combine(conditions[id]!.snapshot.trailingExtreme?.units ?? -1)
            h.combine(conditions[id]!.snapshot.activated ? UInt64(1) : UInt64(0))
        }
        for id in strategies.keys.sorted() { h.combine(id) }
        for id in liquidatingAccounts.sorted() { h.combine(id) }
        h.combine(Int64(clientIds.count))
        return h.value
    }

    static func combine(_ value: Int128, into hasher: inout StateHasher) {
        hasher.combine(UInt64(truncatingIfNeeded: value))
        hasher.combine(UInt64(truncatingIfNeeded: value >> 64))
    }
}

/// A broken engine invariant: always a bug.
public struct EngineInvariantViolation: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
