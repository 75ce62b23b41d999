import PerpetuaCore
import PerpetuaEngine
import SQLKit
@testable import PerpetuaStore
import Testing

@Suite("Projector")
struct ProjectorTests {
    static let minute: Int64 = 60_000
    static let hour: Int64 = 3_600_000

    /// A day of a small market: deposits, a trade that opens positions, a cancelled order,
    /// a cancelled condition order, a cancelled OTO strategy, mark ticks, a funding
    /// settlement, a trade that closes both positions, and the daily rollover.
    static func realisticRun() throws -> EngineRun {
        var run = EngineRun()
        run.ok(.addSymbol(F.btc))
        run.ok(.setIndexPrice(symbol: "BTCUSDT", price: F.price("50000")))
        for account: UInt64 in 1...3 { run.ok(.deposit(account: account, amount: F.amount("10000"))) }
        run.ok(.markPriceTick)
        run.time += 30_000
        run.ok(F.limit(1, .sell, "0.1", at: "50000", clientOrderId: "maker-1"))
        run.ok(F.limit(2, .buy, "0.1", at: "50000"))
        run.time += minute
        run.ok(.markPriceTick)
        let resting = run.ok(F.limit(1, .buy, "0.05", at: "48000", clientOrderId: "resting"))
        run.ok(.cancelOrder(account: 1, symbol: "BTCUSDT", order: .id(try #require(resting.orderId))))
        let stop = run.ok(.placeCondition(ConditionRequest(
            account: 3, symbol: "BTCUSDT", side: .sell, type: .stopMarket, triggerPrice: F.price("40000"),
            quantity: F.quantity("0.01"), reduceOnly: false, clientOrderId: ClientOrderId("stop-1"))))
        run.ok(.cancelCondition(account: 3, symbol: "BTCUSDT", conditionOrderId: try #require(stop.conditionOrderId)))
        let oto = run.ok(.placeStrategy(StrategyRequest(
            account: 3, type: .oto,
            working: .order(OrderRequest(account: 3, symbol: "BTCUSDT", side: .buy, type: .limit, quantity: F.quantity("0.01"), price: F.price("48000"))),
            pending: .order(OrderRequest(account: 3, symbol: "BTCUSDT", side: .sell, type: .limit, quantity: F.quantity("0.01"), price: F.price("52000"))))))
        let strategyId = try #require(oto.strategyId)
        let strategy = try #require(run.engine.strategy(account: 3, strategyId: strategyId))
        run.ok(.cancelOrder(account: 3, symbol: "BTCUSDT", order: .id(try #require(strategy.legs[0].orderId))))
        run.time = EngineRun.start + 8 * hour
        run.ok(.setIndexPrice(symbol: "BTCUSDT", price: F.price("50100")))
        run.ok(.markPriceTick)
        run.ok(.settleFunding(symbol: "BTCUSDT"))
        run.time += 5 * minute
        run.ok(F.limit(1, .buy, "0.1", at: "50100"))
        run.ok(F.limit(2, .sell, "0.1", at: "50100"))
        run.time = EngineRun.start + 24 * hour
        run.ok(.dailyRollover)
        return run
    }

    /// What the store must hold after projecting `events`, computed from the events alone.
    static func expected(_ events: [EngineEvent], account: UInt64) -> (
        orders: [OrderSnapshot], fills: [FillRecord], changes: [BalanceChange], positions: [PositionHistoryRecord],
        conditions: [ConditionSnapshot]
    ) {
        var finalOrders: [UInt64: OrderSnapshot] = [:]
        var fills: [FillRecord] = []
        var changes: [BalanceChange] = []
        var positions: [PositionHistoryRecord] = []
        var conditions: [UInt64: ConditionSnapshot] = [:]
        for event in events {
            switch event {
            case .order(var o) where o.status.isFinal && o.account == account:
                o.lastFill = nil
                finalOrders[o.orderId] = o
            case .trade(let t):
                let (maker, taker) = FillRecord.sides(of: t)
                fills += [maker, taker].filter { $0.account == account }
            case .balance(let b) where b.account == account: changes.append(b)
            case .positionClosed(let p) where p.account == account: positions.append(p)
            case .condition(let c) where c.status.isFinal && c.request.account == account: conditions[c.conditionOrderId] = c
            default: break
            }
        }
        // Newest first, as the pages are.
        return (
            finalOrders.values.sorted { ($0.updateTime, $0.orderId) > ($1.updateTime, $1.orderId) },
            fills.sorted { ($0.time, $0.rowId) > ($1.time, $1.rowId) },
            changes.sorted { ($0.time, $0.id) > ($1.time, $1.id) },
            positions.reversed(),
            conditions.values.sorted { ($0.updateTime, $0.conditionOrderId) > ($1.updateTime, $1.conditionOrderId) })
    }

    @Test("a realistic engine run: every row kind is written and matches the events", arguments: Backend.available)
    func everyRowKind(_ backend: Backend) async throws {
        let run = try Self.realisticRun()
        try await backend.withStore { store, _ in
            let projector = try await store.makeProjector()
            try await projector.apply(run.commands)
            #expect(await projector.lastAppliedSequence == run.sequence)
            #expect(try await store.projectedSequence() == run.sequence)

            let contents = try await StoreContents.read(store, accounts: [1, 2, 3], now: run.time)
            for account: UInt64 in [1, 2, 3] {
                let expected = Self.expected(run.events, account: account)
                #expect(contents.orders[account] == expected.orders, "orders of \(account)")
                #expect(contents.fills[account] == expected.fills, "fills of \(account)")
                #expect(contents.changes[account] == expected.changes, "account changes of \(account)")
                #expect(contents.positions[account] == expected.positions, "positions of \(account)")
                #expect(contents.conditions[account] == expected.conditions, "conditions of \(account)")
            }
            // Every kind is really there, not just equal to nothing.
            #expect(contents.orders[1]!.map(\.status) == [.filled, .canceled, .filled])
            #expect(contents.orders[1]!.last?.clientOrderId?.description == "maker-1")
            #expect(contents.fills[1]!.count == 2 && contents.fills[2]!.count == 2)
            #expect(contents.fills[1]!.first?.quoteQuantity == ExactProduct(F.price("50100"), F.quantity("0.1")))
            #expect(Set(contents.changes[1]!.map(\.type)).isSuperset(of: [.deposit, .tradeFee, .realizedPnl, .fundingFee]))
            #expect(contents.positions[1]!.count == 1 && contents.positions[2]!.count == 1)
            #expect(contents.positions[1]!.first?.side == .sell)
            #expect(contents.conditions[3]!.map(\.status) == [.canceled])
            #expect(contents.conditions[3]!.first?.request.clientOrderId?.description == "stop-1")
            #expect(contents.funding.count == 1)
            #expect(contents.funding.first?.fundingTime == EngineRun.start + 8 * Self.hour)

            let strategyEvents = run.events.compactMap { if case .strategy(let s) = $0 { s } else { nil } }
            let lastStrategy = try #require(strategyEvents.last)
            #expect(lastStrategy.status == .canceled)
            #expect(try await store.strategy(account: 3, strategyId: lastStrategy.strategyId) == lastStrategy)
            #expect(try await store.strategy(account: 1, strategyId: lastStrategy.strategyId) == nil)
            let stop = try #require(contents.conditions[3]!.first)
            #expect(try await store.conditionOrder(account: 3, conditionOrderId: stop.conditionOrderId) == stop)
            #expect(try await store.conditionOrder(account: 1, conditionOrderId: stop.conditionOrderId) == nil)
            #expect(try await store.conditionOrder(account: 3, conditionOrderId: stop.conditionOrderId + 1000) == nil)

            let filledId = try #require(contents.orders[1]!.first?.orderId)
            #expect(try await store.order(account: 1, orderId: filledId) == contents.orders[1]!.first)
            #expect(try await store.order(account: 2, orderId: filledId) == nil)
            #expect(try await store.order(account: 1, symbol: "BTCUSDT", clientOrderId: "resting")?.status == .canceled)

            // Daily rows for the day the rollover closed.
            let day = EngineRun.start
            #expect(contents.balances[1]!.map(\.day) == [day])
            let wallet = run.engine.asset(account: 1)!.walletBalance
            #expect(contents.balances[1]!.first?.walletBalance == wallet)
            #expect(contents.volumes[1]!.first?.volume == F.amount("10010"))  // 5,000 + 5,010
            // Account 1's orders rested both times: all of its volume was maker volume.
            #expect(contents.volumes[1]!.first?.makerVolume == F.amount("10010"))
            #expect(contents.volumes[2]!.first?.makerVolume == .zero)

            // Klines of all three kinds, at several intervals.
            let trade1m = try #require(contents.klines["TRADE 1m"])
            #expect(trade1m.first?.open == F.price("50000"))
            #expect(trade1m.last?.close == F.price("50100"))
            #expect(trade1m.reduce(0) { $0 + $1.tradeCount } == 2)
            let trade1d = try #require(contents.klines["TRADE 1d"])
            #expect(trade1d.first?.volume == F.quantity("0.2") && trade1d.first?.high == F.price("50100"))
            #expect(try #require(contents.klines["MARK 1h"]).allSatisfy { $0.volume == .zero && $0.tradeCount == 0 })
            #expect(try #require(contents.klines["INDEX 1h"]).last?.close == F.price("50100"))

            // Aggregates the API builds on.
            let totals = try await store.accountChangeTotals(account: 1, startTime: nil, endTime: nil)
            #expect(totals[.deposit] == F.amount("10000"))
            #expect(totals.values.reduce(Amount.zero, +) == wallet)
            #expect(try await store.fillCount(account: 1, startTime: nil, endTime: nil) == 2)
            let ranking = try await store.pnlRanking(startTime: EngineRun.start, limit: 10)
            #expect(ranking.count == 2)
            #expect(ranking.map(\.pnl) == ranking.map(\.pnl).sorted(by: >))
        }
    }

    @Test("resumes exactly once: replays, overlaps and a restarted projector add nothing", arguments: Backend.available)
    func exactlyOnce(_ backend: Backend) async throws {
        let run = try Self.realisticRun()
        try await backend.withStore { store, location in
            let projector = try await store.makeProjector()
            let half = run.commands.count / 2
            try await projector.apply(Array(run.commands[..<half]))
            let midway = try await StoreContents.read(store, accounts: [1, 2, 3], now: run.time)
            // The same batch again: skipped.
            try await projector.apply(Array(run.commands[..<half]))
            #expect(try await StoreContents.read(store, accounts: [1, 2, 3], now: run.time) == midway)

            // A crash: a new store handle and projector resume from the stored sequence, fed
            // from the very beginning (as a recovery replays the journal).
            let reopened = try await SQLStore.open(location)
            let resumed = try await reopened.makeProjector()
            #expect(await resumed.lastAppliedSequence == run.commands[half - 1].sequence)
            for chunk in stride(from: 0, to: run.commands.count, by: 3) {
                try await resumed.apply(Array(run.commands[chunk..<min(chunk + 5, run.commands.count)]))
            }
            try await resumed.apply(run.commands)
            let resumedContents = try await StoreContents.read(reopened, accounts: [1, 2, 3], now: run.time)
            await reopened.close()

            // Identical to one clean pass over everything.
            try await backend.withStore { clean, _ in
                try await clean.makeProjector().apply(run.commands)
                #expect(try await StoreContents.read(clean, accounts: [1, 2, 3], now: run.time) == resumedContents)
            }
            #expect(resumedContents.fills[1]!.count == 2)
        }
    }

    @Test("a second projector on the same database cannot double-apply", arguments: Backend.available)
    func concurrentProjectorRefused(_ backend: Backend) async throws {
        let run = try Self.realisticRun()
        try await backend.withStore { store, _ in
            let first = try await store.makeProjector()
            let second = try await store.makeProjector()
            try await first.apply(Array(run.commands.prefix(5)))
            await #expect(throws: ProjectorError.concurrentProjector(expected: 0, found: run.commands[4].sequence)) {
                try await second.apply(Array(run.commands.prefix(8)))
            }
            #expect(try await store.projectedSequence() == run.commands[4].sequence)
        }
    }

    @Test("final orders: the last state of an id in a batch wins, whatever order the orders ended in", arguments: Backend.available)
    func finalOrdersDeduplicatedAndUnordered(_ backend: Backend) async throws {
        let run = try Self.realisticRun()
        let ended = run.events.compactMap { event -> OrderSnapshot? in
            guard case .order(var order) = event, order.status.isFinal else { return nil }
            order.lastFill = nil  // not stored
            return order
        }
        let first = try #require(ended.first)
        let second = try #require(ended.dropFirst().first { $0.orderId != first.orderId && $0.account == first.account })
        #expect(first.orderId < second.orderId)
        var earlier = first
        earlier.status = .canceled
        earlier.cancelReason = .user
        earlier.updateTime -= 1
        let time = EngineRun.start
        // The higher id ends first; the lower one ends twice in two commands and twice
        // within one command, and only its last state may be stored.
        let commands = [
            ProjectedCommand(sequence: 1, time: time, events: [.order(second)]),
            ProjectedCommand(sequence: 2, time: time, events: [.order(earlier)]),
            ProjectedCommand(sequence: 3, time: time, events: [.order(earlier), .order(first)]),
        ]
        for size in [Projector.commandsPerTransaction, 1] {
            try await backend.withStore { store, _ in
                // One transaction, then one per command: the higher id is then stored first.
                let projector = try await Projector(store: store, commandsPerTransaction: size)
                try await projector.apply(size == 1 ? [commands[0], commands[2]] : commands)
                #expect(try await store.order(account: first.account, orderId: first.orderId) == first, "transactions of \(size)")
                #expect(try await store.order(account: second.account, orderId: second.orderId) == second, "transactions of \(size)")
            }
        }
    }

    @Test("commands out of order in a batch are refused and nothing is written", arguments: Backend.available)
    func outOfOrderRefused(_ backend: Backend) async throws {
        let run = try Self.realisticRun()
        try await backend.withStore { store, _ in
            let projector = try await store.makeProjector()
            let shuffled = [run.commands[2], run.commands[1]]
            await #expect(throws: ProjectorError.sequenceNotIncreasing(previous: 3, next: 2)) {
                try await projector.apply(shuffled)
            }
            #expect(try await store.projectedSequence() == 0)
        }
    }

    @Test("a command older than the applied position, after a newer one, is out of order: refused, nothing written", arguments: Backend.available)
    func olderAfterNewerRefused(_ backend: Backend) async throws {
        let run = try Self.realisticRun()
        try await backend.withStore { store, _ in
            let projector = try await store.makeProjector()
            try await projector.apply(Array(run.commands.prefix(3)))
            let applied = run.commands[2].sequence
            await #expect(throws: ProjectorError.sequenceNotIncreasing(previous: run.commands[4].sequence, next: run.commands[1].sequence)) {
                try await projector.apply([run.commands[4], run.commands[1]])
            }
            #expect(try await store.projectedSequence() == applied)
            #expect(await projector.lastAppliedSequence == applied)
        }
    }

    @Test("SQLite: a call that fails after committing some transactions leaves them undurable; the next call makes them durable")
    func failedCallIsMadeDurable() async throws {
        let size = 1_000
        let commands = ProjectorThroughputTests.workload(trades: size + 200)
        #expect(commands.count > 2 * size)
        // The call holds several transactions, so its first is the short one.
        let firstSize = Projector.firstTransactionSize(size)
        #expect(firstSize < size)
        let firstEnd = commands[firstSize - 1].sequence
        try await Backend.sqlite.withStore { store, _ in
            let writer = try #require(store.database.projectorWriter)
            let projector = try await Projector(store: store, commandsPerTransaction: size)
            // The second transaction's compare-and-set fails.
            try await store.database.writeTransaction { connection in
                try await connection.sql.raw(SQLQueryString("""
                    CREATE TRIGGER "fail_second" BEFORE UPDATE ON "projector_state"
                    WHEN NEW."last_sequence" > \(unsafeRaw: String(firstEnd))
                    BEGIN SELECT RAISE(ABORT, 'injected failure'); END
                    """)).run()
            }
            await #expect(throws: (any Error).self) { try await projector.apply(commands) }
            #expect(await projector.lastAppliedSequence == firstEnd)
            #expect(try await store.projectedSequence() == firstEnd)
            #expect(writer.finalCommits == 0, "the committed transaction was not the call's last: it did not wait for the disk")

            try await store.database.writeTransaction { try await $0.sql.raw(#"DROP TRIGGER "fail_second""#).run() }
            // Nothing new in this call, but what it returns with must be durable.
            try await projector.apply(Array(commands.prefix(firstSize)))
            #expect(writer.finalCommits == 1)
            #expect(try await store.projectedSequence() == firstEnd)

            try await projector.apply(commands)
            #expect(writer.finalCommits == 2, "one wait for the disk for the three remaining transactions")
            #expect(try await store.projectedSequence() == commands.last!.sequence)
            #expect(await projector.fillsWritten == 2 * (size + 200))
        }
    }

    @Test("a catch-up longer than one transaction commits in several and equals small batches", arguments: Backend.available)
    func pipelinedCatchUp(_ backend: Backend) async throws {
        // Two commands per trade: enough for a short first transaction, two full ones and
        // part of a fourth, at a transaction size smaller than the default so that the
        // test stays quick.
        let size = 4_096
        let trades = size + 1_000
        let commands = ProjectorThroughputTests.workload(trades: trades)
        #expect(commands.count > 2 * size)
        let now = commands.last!.time
        let accounts = Array(UInt64(1)...100)
        let inOneCall = try await backend.withStore { store, _ in
            let projector = try await Projector(store: store, commandsPerTransaction: size)
            try await projector.apply(commands)
            #expect(await projector.lastAppliedSequence == commands.last!.sequence)
            #expect(await projector.fillsWritten == 2 * trades)
            if let writer = store.database.projectorWriter {
                #expect(writer.finalCommits == 1, "four transactions, one wait for the disk")
            }
            return try await StoreContents.read(store, accounts: accounts, now: now, pageSize: 500)
        }
        let inSmallBatches = try await backend.withStore { store, _ in
            let projector = try await store.makeProjector()
            for start in stride(from: 0, to: commands.count, by: 2_800) {
                try await projector.apply(Array(commands[start..<min(start + 2_800, commands.count)]))
            }
            return try await StoreContents.read(store, accounts: accounts, now: now, pageSize: 500)
        }
        #expect(inOneCall == inSmallBatches)
        #expect(inOneCall.fills.values.reduce(0) { $0 + $1.count } == 2 * trades)
    }
}
