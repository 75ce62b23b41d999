import PerpetuaCore
import PerpetuaEngine
@testable import PerpetuaStore
import Testing

@Suite("Cursor pagination (API.md §1)")
struct PaginationTests {
    /// Trades of account 1 (maker) at times with repeats, so the (time, id) keyset has ties
    /// on time to break.
    static func trades(_ factory: inout EventFactory, count: Int, from start: Int64) -> [ProjectedCommand] {
        (0..<count).map { i in factory.trade(at: start + Int64(i / 3) * 1_000, price: "\(50_000 + i)") }
    }

    @Test("newest first, every row exactly once, limit respected, last page without a cursor", arguments: Backend.available)
    func newestFirst(_ backend: Backend) async throws {
        try await backend.withStore { store, _ in
            var factory = EventFactory()
            try await store.makeProjector().apply(Self.trades(&factory, count: 20, from: 1_000_000))
            var seen: [FillRecord] = []
            var cursor: String?
            var pages = 0
            repeat {
                let page = try await store.fills(account: 1, symbol: nil, page: PageRequest(limit: 7, cursor: cursor))
                #expect(page.items.count <= 7)
                seen += page.items
                cursor = page.nextCursor
                pages += 1
            } while cursor != nil
            #expect(pages == 3)
            #expect(seen.count == 20)
            #expect(Set(seen.map(\.tradeId)).count == 20)
            #expect(seen.map(\.tradeId) == (1...20).reversed().map(UInt64.init))
            // A page that ends exactly at the last row says so.
            let exact = try await store.fills(account: 1, symbol: nil, page: PageRequest(limit: 20))
            #expect(exact.items.count == 20 && exact.nextCursor == nil)
            #expect(try await store.fills(account: 1, symbol: nil, page: PageRequest()).items.count == 20)
        }
    }

    @Test("a cursor is stable while rows are inserted between pages", arguments: Backend.available)
    func stableUnderInserts(_ backend: Backend) async throws {
        try await backend.withStore { store, _ in
            var factory = EventFactory()
            let projector = try await store.makeProjector()
            try await projector.apply(Self.trades(&factory, count: 30, from: 1_000_000))
            let first = try await store.fills(account: 1, symbol: nil, page: PageRequest(limit: 10))
            #expect(first.items.map(\.tradeId) == (21...30).reversed().map(UInt64.init))

            // Meanwhile: ten newer trades, and two more at the newest time already paged.
            let newest = first.items[0].time
            try await projector.apply((0..<10).map { i in factory.trade(at: newest + 1_000 + Int64(i), price: "1") })
            try await projector.apply([factory.trade(at: newest, price: "2"), factory.trade(at: newest, price: "3")])

            var rest: [UInt64] = []
            var cursor = first.nextCursor
            while let c = cursor {
                let page = try await store.fills(account: 1, symbol: nil, page: PageRequest(limit: 10, cursor: c))
                rest += page.items.map(\.tradeId)
                cursor = page.nextCursor
            }
            // Exactly the older rows, none repeated, none skipped.
            #expect(rest == (1...20).reversed().map(UInt64.init))
        }
    }

    @Test("concurrent writers and readers: every page walk sees each row once", arguments: Backend.available)
    func concurrentWalks(_ backend: Backend) async throws {
        try await backend.withStore { store, _ in
            var factory = EventFactory()
            let projector = try await store.makeProjector()
            try await projector.apply(Self.trades(&factory, count: 50, from: 1_000_000))
            var later: [ProjectedCommand] = []
            for i in 0..<50 { later.append(factory.trade(at: 2_000_000 + Int64(i), price: "7")) }
            let batches = later
            try await withThrowingTaskGroup(of: [UInt64].self) { group in
                group.addTask {
                    for chunk in stride(from: 0, to: batches.count, by: 5) {
                        try await projector.apply(Array(batches[chunk..<chunk + 5]))
                    }
                    return []
                }
                for _ in 0..<3 {
                    group.addTask {
                        // Walk pages of rows up to the first batch's end: inserts are all newer.
                        var ids: [UInt64] = []
                        var cursor: String?
                        repeat {
                            let page = try await store.fills(
                                account: 1, symbol: nil, page: PageRequest(limit: 4, endTime: 1_999_999, cursor: cursor))
                            ids += page.items.map(\.tradeId)
                            cursor = page.nextCursor
                        } while cursor != nil
                        return ids
                    }
                }
                for try await ids in group where !ids.isEmpty {
                    #expect(ids == (1...50).reversed().map(UInt64.init))
                }
            }
        }
    }

    @Test("startTime and endTime are inclusive and combine with the cursor", arguments: Backend.available)
    func timeWindow(_ backend: Backend) async throws {
        try await backend.withStore { store, _ in
            var factory = EventFactory()
            try await store.makeProjector().apply((1...10).map { factory.trade(at: Int64($0) * 1_000, price: "1") })
            let window = PageRequest(limit: 2, startTime: 3_000, endTime: 7_000)
            let first = try await store.fills(account: 2, symbol: nil, page: window)
            #expect(first.items.map(\.time) == [7_000, 6_000])
            var next = window
            next.cursor = first.nextCursor
            let second = try await store.fills(account: 2, symbol: nil, page: next)
            #expect(second.items.map(\.time) == [5_000, 4_000])
            next.cursor = second.nextCursor
            let third = try await store.fills(account: 2, symbol: nil, page: next)
            #expect(third.items.map(\.time) == [3_000])
            #expect(third.nextCursor == nil)
            #expect(try await store.fills(account: 2, symbol: "ETHUSDT", page: window).items.isEmpty)
        }
    }

    @Test("other histories page the same way: funding, account changes by type, users", arguments: Backend.available)
    func otherHistories(_ backend: Backend) async throws {
        try await backend.withStore { store, _ in
            var factory = EventFactory()
            let projector = try await store.makeProjector()
            try await projector.apply((1...5).map { factory.funding(at: Int64($0) * 28_800_000, rate: "0.000\($0)") })
            let funding = try await StoreContents.all { try await store.fundingHistory(symbol: "BTCUSDT", page: $0) }
            #expect(funding.map(\.fundingTime) == (1...5).reversed().map { Int64($0) * 28_800_000 })
            #expect(funding.first?.fundingRate == F.rate("0.0005"))
            #expect(try await store.fundingHistory(symbol: "ETHUSDT", page: PageRequest()).items.isEmpty)

            var changes: [BalanceChange] = []
            for i in 1...6 {
                let even = i % 2 == 0
                let type: BalanceChangeType = even ? .tradeFee : .deposit
                let symbol: String? = even ? "BTCUSDT" : nil
                changes.append(BalanceChange(
                    id: UInt64(i), account: 9, type: type, amount: F.amount(String(i)),
                    balanceAfter: F.amount(String(i * 10)), symbol: symbol, refId: UInt64(100 + i), time: 5_000))
            }
            factory.sequence += 1
            try await projector.apply([ProjectedCommand(sequence: factory.sequence, time: 5_000, events: changes.map { .balance($0) })])
            let fees = try await StoreContents.all { try await store.accountChanges(account: 9, type: .tradeFee, page: $0) }
            #expect(fees.map(\.id) == [6, 4, 2])
            #expect(fees.first == changes[5])
            let all = try await StoreContents.all { try await store.accountChanges(account: 9, type: nil, page: $0) }
            #expect(all == changes.reversed())

            for i in 0..<5 {
                _ = try await store.createUser(username: "u\(i)", passwordHash: "h", nickname: nil, createdAt: 1_000)
            }
            let users = try await StoreContents.all { try await store.users(page: $0) }
            #expect(users.map(\.username) == ["u4", "u3", "u2", "u1", "u0"])
        }
    }

    @Test("bad cursors, limits and windows are typed errors that map to 12001", arguments: Backend.available)
    func badInput(_ backend: Backend) async throws {
        try await backend.withStore { store, _ in
            let valid = PageCursor(time: 5, id: 7).encoded
            for cursor in ["garbage!", "", "djE6eDp5", valid + "x", String(repeating: "A", count: 200), "djI6NTo3"] {
                await #expect(throws: StoreError.invalidCursor, "cursor \(cursor)") {
                    try await store.fills(account: 1, symbol: nil, page: PageRequest(cursor: cursor))
                }
            }
            let empty = try await store.fills(account: 1, symbol: nil, page: PageRequest(cursor: valid))
            #expect(empty.items.isEmpty)
            for limit in [0, -1, 501] {
                await #expect(throws: StoreError.invalidLimit(limit, maximum: 500)) {
                    try await store.orders(account: 1, symbol: nil, page: PageRequest(limit: limit))
                }
            }
            await #expect(throws: StoreError.invalidTimeRange) {
                try await store.positionHistory(account: 1, symbol: nil, page: PageRequest(startTime: 10, endTime: 5))
            }
            #expect(StoreError.invalidCursor.perpetuaError.code == .invalidParameter)
            #expect(StoreError.invalidCursor.perpetuaError.details["field"] == "cursor")
            #expect(StoreError.invalidLimit(0, maximum: 500).perpetuaError.code == .invalidParameter)
        }
    }

    @Test("cursors round-trip, are opaque and URL-safe")
    func cursorFormat() throws {
        for (time, id) in [(0, 0), (1_763_683_200_000, 123), (-5, Int64.max), (Int64.min, -1)] as [(Int64, Int64)] {
            let encoded = PageCursor(time: time, id: id).encoded
            #expect(!encoded.contains("=") && !encoded.contains("+") && !encoded.contains("/") && !encoded.contains(":"))
            #expect(try PageCursor(encoded: encoded) == PageCursor(time: time, id: id))
        }
    }
}
