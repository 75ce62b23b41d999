import PerpetuaCore

/// The engine's snapshot: the whole state in the compact binary form, versioned, so that
/// start-up loads the newest snapshot and replays only the journal after it. A restored
/// engine has the same ``stateHash()`` as the one that was saved.
extension Engine {
    /// Bumped whenever the layout below changes; older snapshots are then ignored and the
    /// state is rebuilt from the journal. 3: the book's resting orders carry their
    /// reduce-only flag. 4: positions carry their closed quantity and notional; the
    /// engine, when each account was last warned of a margin call.
    public static let snapshotFormatVersion: UInt64 = 4
    static let snapshotMagic: UInt32 = 0x504E_5350  // "PSNP"

    /// The state as bytes (without a checksum: the snapshot file adds one).
    public func snapshotBytes() -> [UInt8] {
        var w = BinaryWriter(capacity: 1 << 16)
        w.writeFixed(Self.snapshotMagic)
        w.write(Self.snapshotFormatVersion)
        w.write(lastSequence); w.write(time)
        for id in [nextOrderId, nextTradeId, nextConditionId, nextStrategyId, nextChangeId] { w.write(id) }
        for value in [insuranceFund, feeIncome, totalDeposits, totalWithdrawals] { w.write(value) }
        w.write(roundingResidue)

        w.write(symbols.count)
        for symbol in symbols {
            symbol.spec.encode(to: &w)
            symbol.book.encode(to: &w)
            w.write(symbol.indexPrice); w.write(symbol.markPrice); w.write(symbol.lastPrice)
            w.write(symbol.lastFundingRate); w.write(symbol.nextFundingTime)
            w.write(symbol.premiumSum); w.write(symbol.premiumCount)
            w.write(symbol.basisSamples.count)
            for sample in symbol.basisSamples { w.write(sample) }
            w.write(symbol.basisNext); w.write(symbol.basisSum)
            w.write(symbol.conditionIds.count)
            for id in symbol.conditionIds { w.write(id) }
        }

        w.write(accounts.count)
        for id in accounts.keys.sorted() {
            let a = accounts[id]!
            w.write(id); w.write(a.wallet); w.write(a.volumeToday); w.write(a.makerVolumeToday); w.write(a.feesToday)
            w.write(a.volume30d)
            w.write(a.dailyVolumes.count)
            for v in a.dailyVolumes { w.write(v) }
            for p in a.positions {
                w.write(p.size); w.write(p.entryNotional); w.write(p.realizedPnl); w.write(p.leverage); w.write(p.marginMode)
                w.write(p.isolatedMargin); w.write(p.openBuyQuantity); w.write(p.openBuyNotional); w.write(p.openSellQuantity)
                w.write(p.openSellNotional); w.write(p.openOrderCount); w.write(p.reduceOnlyBuyQuantity)
                w.write(p.reduceOnlySellQuantity); w.write(p.openTime); w.write(p.maxSize); w.write(p.fees); w.write(p.funding)
                w.write(p.updateTime); w.write(p.closedQuantity); w.write(p.closedNotional)
            }
        }

        w.write(openOrders.count)
        for id in openOrders.keys.sorted() {
            let o = openOrders[id]!
            o.snapshot.encode(to: &w); w.write(o.symbolIndex); w.write(o.priceTicks); w.write(o.remaining)
        }
        let clientEntries = clientIds.sorted { ($0.key.account, $0.value) < ($1.key.account, $1.value) }
        w.write(clientEntries.count)
        for (key, value) in clientEntries { w.write(key.account); w.write(key.id.description); w.write(value) }
        let closed = closedClientIds[closedClientIdsHead...]
        w.write(closed.count)
        for entry in closed { w.write(entry.time); w.write(entry.key.account); w.write(entry.key.id.description); w.write(entry.orderId) }
        // The ring of recently closed orders, oldest first, with owners.
        let ring = closedOrderRing.count < Self.closedOrderMemory
            ? closedOrderRing : Array(closedOrderRing[closedOrderRingNext...] + closedOrderRing[..<closedOrderRingNext])
        w.write(ring.count)
        for id in ring { w.write(id); w.write(closedOrderOwners[id] ?? 0) }

        w.write(conditions.count)
        for id in conditions.keys.sorted() { conditions[id]!.snapshot.encode(to: &w); w.write(conditions[id]!.symbolIndex) }
        w.write(strategies.count)
        for id in strategies.keys.sorted() { strategies[id]!.snapshot.encode(to: &w) }
        w.write(liquidatingAccounts.count)
        for id in liquidatingAccounts.sorted() { w.write(id) }
        w.write(marginCallTimes.count)
        for id in marginCallTimes.keys.sorted() { w.write(id); w.write(marginCallTimes[id]!) }
        return w.bytes
    }

    /// Restores an engine from ``snapshotBytes()``; throws on any inconsistency rather than
    /// starting from a damaged state.
    public init(snapshot bytes: [UInt8], configuration: EngineConfiguration = EngineConfiguration()) throws {
        self.init(configuration: configuration)
        var r = BinaryReader(bytes)
        guard try r.readFixedUInt32() == Self.snapshotMagic else {
            throw BinaryDecodingError.malformed(offset: 0, reason: "not an engine snapshot")
        }
        let version = try r.readUInt64()
        guard version == Self.snapshotFormatVersion else {
            throw BinaryDecodingError.malformed(offset: 4, reason: "snapshot format \(version), this build reads \(Self.snapshotFormatVersion)")
        }
        lastSequence = try r.readUInt64(); time = try r.readInt64()
        nextOrderId = try r.readUInt64(); nextTradeId = try r.readUInt64(); nextConditionId = try r.readUInt64()
        nextStrategyId = try r.readUInt64(); nextChangeId = try r.readUInt64()
        insuranceFund = try r.read(Amount.self); feeIncome = try r.read(Amount.self)
        totalDeposits = try r.read(Amount.self); totalWithdrawals = try r.read(Amount.self)
        roundingResidue = try r.readInt128()

        func count(_ r: inout BinaryReader) throws -> Int {
            let n = try r.readInt()
            guard n >= 0, n <= r.remaining else { throw BinaryDecodingError.malformed(offset: r.offset, reason: "implausible count \(n)") }
            return n
        }
        for _ in 0..<(try count(&r)) {
            let spec = try SymbolSpec(from: &r)
            var state = SymbolState(spec: spec, capacity: 16)
            state.book = try OrderBook(from: &r, capacity: configuration.bookCapacity)
            state.indexPrice = try r.readOptional(Price.self); state.markPrice = try r.readOptional(Price.self)
            state.lastPrice = try r.readOptional(Price.self)
            state.lastFundingRate = try r.read(Rate.self); state.nextFundingTime = try r.readInt64()
            state.premiumSum = try r.readInt128(); state.premiumCount = try r.readInt64()
            for _ in 0..<(try count(&r)) { state.basisSamples.append(try r.readInt64()) }
            state.basisNext = try r.readInt(); state.basisSum = try r.readInt128()
            for _ in 0..<(try count(&r)) { state.conditionIds.append(try r.readUInt64()) }
            symbolIds[spec.symbol] = symbols.count
            symbols.append(state)
        }
        for _ in 0..<(try count(&r)) {
            let id = try r.readUInt64()
            var a = Account(id: id, positions: [])
            a.wallet = try r.read(Amount.self); a.volumeToday = try r.read(Amount.self)
            a.makerVolumeToday = try r.read(Amount.self); a.feesToday = try r.read(Amount.self)
            a.volume30d = try r.read(Amount.self)
            for _ in 0..<(try count(&r)) { a.dailyVolumes.append(try r.read(Amount.self)) }
            for _ in symbols {
                var p = PositionState(leverage: 1)
                p.size = try r.readInt64(); p.entryNotional = try r.readInt128(); p.realizedPnl = try r.read(Amount.self)
                p.leverage = try r.readInt(); p.marginMode = try r.read(MarginMode.self); p.isolatedMargin = try r.read(Amount.self)
                p.openBuyQuantity = try r.readInt64(); p.openBuyNotional = try r.readInt128()
                p.openSellQuantity = try r.readInt64(); p.openSellNotional = try r.readInt128()
                p.openOrderCount = try r.readInt(); p.reduceOnlyBuyQuantity = try r.readInt64()
                p.reduceOnlySellQuantity = try r.readInt64(); p.openTime = try r.readInt64(); p.maxSize = try r.readInt64()
                p.fees = try r.read(Amount.self); p.funding = try r.read(Amount.self); p.updateTime = try r.readInt64()
                p.closedQuantity = try r.readInt64(); p.closedNotional = try r.readInt128()
                a.positions.append(p)
            }
            accounts[id] = a
        }
        for _ in 0..<(try count(&r)) {
            let snapshot = try OrderSnapshot(from: &r)
            let order = OpenOrder(snapshot: snapshot, symbolIndex: try r.readInt(), priceTicks: try r.readInt64(), remaining: try r.readInt64())
            guard order.symbolIndex >= 0, order.symbolIndex < symbols.count else {
                throw BinaryDecodingError.malformed(offset: r.offset, reason: "order \(snapshot.orderId) on an unknown symbol")
            }
            openOrders[snapshot.orderId] = order
        }
        func clientId(_ r: inout BinaryReader) throws -> ClientOrderId {
            let text = try r.readString()
            guard let id = ClientOrderId(text) else { throw BinaryDecodingError.malformed(offset: r.offset, reason: "invalid clientOrderId") }
            return id
        }
        for _ in 0..<(try count(&r)) {
            let account = try r.readUInt64()
            let key = ClientKey(account: account, id: try clientId(&r))
            clientIds[key] = try r.readUInt64()
        }
        for _ in 0..<(try count(&r)) {
            let time = try r.readInt64(), account = try r.readUInt64()
            let key = ClientKey(account: account, id: try clientId(&r))
            closedClientIds.append(ClosedClientId(time: time, key: key, orderId: try r.readUInt64()))
        }
        for _ in 0..<(try count(&r)) {
            let id = try r.readUInt64(), owner = try r.readUInt64()
            closedOrderRing.append(id)
            closedOrderOwners[id] = owner
        }
        for _ in 0..<(try count(&r)) {
            let snapshot = try ConditionSnapshot(from: &r)
            conditions[snapshot.conditionOrderId] = ConditionState(snapshot: snapshot, symbolIndex: try r.readInt())
        }
        for _ in 0..<(try count(&r)) {
            let snapshot = try StrategySnapshot(from: &r)
            strategies[snapshot.strategyId] = StrategyState(snapshot: snapshot)
        }
        for _ in 0..<(try count(&r)) { liquidatingAccounts.insert(try r.readUInt64()) }
        for _ in 0..<(try count(&r)) {
            let id = try r.readUInt64()
            marginCallTimes[id] = try r.readInt64()
        }
        guard r.isAtEnd else { throw BinaryDecodingError.malformed(offset: r.offset, reason: "trailing bytes after the snapshot") }
        do { try checkInvariants() } catch {
            throw BinaryDecodingError.malformed(offset: r.offset, reason: "restored engine breaks an invariant: \(error)")
        }
    }
}
