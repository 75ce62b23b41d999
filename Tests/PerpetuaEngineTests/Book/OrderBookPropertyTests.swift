import PerpetuaCore
import PerpetuaEngine
import Testing

// The fast book held to the reference book on long random command streams: after every
// command the codes and the full event lists must be equal and the fast book's own
// invariants must hold; every `fullCheckEvery` commands (and at the end) the whole visible
// state is compared. A mismatch reports the seed, the step, the command and both event
// lists, and a shrunk command list that still disagrees, as Swift source.

// MARK: The random command stream

/// Random commands shaped to hit every rule often: prices concentrated around a drifting
/// mid so that orders cross, fill partially and sweep several levels; five owners so that
/// self-trade prevention fires; cancels weighted by the book size so that it stays at a
/// few hundred orders. One limit order in eight is reduce-only, and every place and amend
/// comes with random positions of the owners, so that reduce-only makers fill in full, in
/// part, or are cancelled in mid-sweep.
struct CommandGenerator {
    var rng: SplitMix64
    private var nextId: UInt64 = 1
    private var mid: Int64 = 10_000
    private static let owners: ClosedRange<Int64> = 1...5

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    private enum Kind { case limit, market, cancelLive, amendLive, cancelOther, amendOther, badPlace, reference }

    /// The next command; `book` (the reference) supplies live ids and the best prices.
    mutating func next(given book: ReferenceBook) -> BookCommand {
        if rng.chance(2) { mid = min(10_060, max(9_940, mid + rng.int(-2...2))) }
        let live = book.orderCount
        let cancelWeight = live > 350 ? 34 : live > 220 ? 14 : 4
        let table: [(Int, Kind)] = [
            (46, .limit), (6, .market), (cancelWeight, .cancelLive), (live > 0 ? 22 : 0, .amendLive),
            (2, .cancelOther), (2, .amendOther), (3, .badPlace), (1, .reference),
        ]
        var roll = Int.random(in: 0..<table.reduce(0) { $0 + $1.0 }, using: &rng)
        var kind = Kind.limit
        for (weight, k) in table {
            if roll < weight { kind = k; break }
            roll -= weight
        }
        switch kind {
        case .limit: return .place(limitOrder(book), positions: positions())
        case .market: return .place(marketOrder(book), positions: positions())
        case .cancelLive: return .cancel(orderId: randomLive(book)?.id ?? otherId(book))
        case .amendLive: return amendLive(book)
        case .cancelOther: return .cancel(orderId: otherId(book))
        case .amendOther:
            return .amend(orderId: otherId(book), priceTicks: limitPrice(rng.pick(Side.allCases)), lots: lots(),
                          positions: positions())
        case .badPlace: return .place(badOrder(book))
        case .reference:
            return .setReferencePrice(rng.chance(40) ? nil : mid + rng.int(-40...40))
        }
    }

    // MARK: Pieces

    private mutating func freshId(_ book: ReferenceBook) -> UInt64 {
        var id = nextId
        if rng.chance(4) {
            id = book.highestAcceptedId + 1  // reuses the id of a rejected place, if there was one
        } else if rng.chance(4) {
            id += UInt64(rng.int(1...3))  // leaves gaps
        }
        nextId = max(nextId, id + 1)
        return id
    }

    /// A final or never-accepted id (or, rarely, a live one picked by chance). Id 0 is left
    /// to the worked examples.
    private mutating func otherId(_ book: ReferenceBook) -> UInt64 {
        let highest = book.highestAcceptedId
        if highest > 0 && rng.chance(60) { return UInt64(rng.int(1...Int64(highest))) }
        return highest + UInt64(rng.int(1...100))
    }

    private mutating func randomLive(_ book: ReferenceBook) -> RestingOrder? {
        book.liveOrders.randomElement(using: &rng)
    }

    private mutating func lots() -> Int64 { rng.chance(85) ? rng.int(1...10) : rng.int(11...80) }

    /// 72 %: passive, up to 30 ticks away from the mid; 28 %: up to 6 ticks through it.
    private mutating func limitPrice(_ side: Side) -> Int64 {
        let through = rng.chance(28) ? rng.int(0...6) : -rng.int(1...30)
        return side == .buy ? mid + through : mid - through
    }

    private mutating func owner() -> UInt64 { UInt64(rng.int(Self.owners)) }

    private mutating func stp() -> SelfTradePrevention { rng.pick(SelfTradePrevention.allCases) }

    /// The owners' positions in lots for one command: some flat, the rest long or short by
    /// about a few orders' worth.
    private mutating func positions() -> [UInt64: Int64] {
        var table: [UInt64: Int64] = [:]
        for owner in UInt64(Self.owners.lowerBound)...UInt64(Self.owners.upperBound) where !rng.chance(25) {
            table[owner] = rng.int(-30...30)
        }
        return table
    }

    private mutating func limitOrder(_ book: ReferenceBook) -> BookOrder {
        let side = rng.pick(Side.allCases)
        let roll = rng.int(0...99)
        let tif: TimeInForce = roll < 50 ? .gtc : roll < 65 ? .ioc : roll < 80 ? .fok : .postOnly
        return BookOrder(id: freshId(book), owner: owner(), side: side, type: .limit, timeInForce: tif,
                         priceTicks: limitPrice(side), lots: lots(), selfTradePrevention: stp(), reduceOnly: rng.chance(12))
    }

    private mutating func marketOrder(_ book: ReferenceBook) -> BookOrder {
        let side = rng.pick(Side.allCases)
        let roll = rng.int(0...99)
        let tif: TimeInForce = roll < 35 ? .gtc : roll < 70 ? .ioc : roll < 97 ? .fok : .postOnly
        // The price of a market order is ignored, whatever it is.
        let price = rng.pick([0, -3, 1, mid, mid * 2])
        return BookOrder(id: freshId(book), owner: owner(), side: side, type: .market, timeInForce: tif,
                         priceTicks: price, lots: rng.int(1...40), selfTradePrevention: stp())
    }

    /// A place with one or two defects; the first in validation order must win.
    private mutating func badOrder(_ book: ReferenceBook) -> BookOrder {
        var order = rng.chance(70) ? limitOrder(book) : marketOrder(book)
        for _ in 0..<Int(rng.int(1...2)) {
            switch rng.int(0...3) {
            case 0 where book.highestAcceptedId > 0:
                order.id = UInt64(rng.int(1...Int64(book.highestAcceptedId)))
            case 1:
                order.lots = rng.pick([0, -1, -7])
            case 2:
                order.type = .limit
                order.priceTicks = rng.pick([0, -1, -10_000])
            default:
                order.type = .market
                order.timeInForce = .postOnly
            }
        }
        return order
    }

    private mutating func amendLive(_ book: ReferenceBook) -> BookCommand {
        guard let o = randomLive(book) else { return .cancel(orderId: otherId(book)) }
        var price = o.priceTicks
        var lots = o.lots
        let roll = rng.int(0...99)
        switch roll {
        case 0..<8:
            break  // same price, same quantity: a no-op that keeps priority
        case 8..<30:
            if o.lots - 1 > o.filledLots { lots = rng.int((o.filledLots + 1)...(o.lots - 1)) }  // decrease in place
        case 30..<45:
            lots = o.lots + rng.int(1...10)  // increase: to the back
        case 45..<62:
            price = o.priceTicks + rng.pick([-5, -3, -1, 1, 2, 4])  // re-price, usually passive
        case 62..<78:
            // Re-price to cross the opposite side (or to the mid when it is empty).
            if let best = o.side == .buy ? book.bestAsk : book.bestBid {
                price = o.side == .buy ? best + rng.int(0...4) : best - rng.int(0...4)
            } else {
                price = mid
            }
            if rng.chance(50) { lots = rng.int((o.filledLots + 1)...(o.lots + 20)) }
        case 78..<86:
            lots = o.filledLots - rng.int(0...1)  // at or below what has filled
        case 86..<92:
            price = rng.pick([0, -1, -500])
        case 92..<95:
            lots = rng.pick([0, -4])
        default:
            price = limitPrice(o.side)
            lots = rng.int((o.filledLots + 1)...(o.lots + 15))
        }
        return .amend(orderId: o.id, priceTicks: price, lots: lots, positions: positions())
    }
}

// MARK: Comparing the two books

/// Drives a fast book and the reference book with the same commands and compares them.
struct BookComparison {
    var fast: OrderBook
    var reference: ReferenceBook
    /// The reference book's events for the last command.
    private(set) var lastEvents: [BookEvent] = []

    init(bandUnits: Int64) {
        fast = OrderBook(priceBandRate: Rate(units: bandUnits))
        reference = ReferenceBook(priceBandRate: Rate(units: bandUnits))
    }

    /// Applies `command` to both; a description of the first disagreement, or nil.
    mutating func step(_ command: BookCommand) -> String? {
        var fastEvents: [BookEvent] = []
        var referenceEvents: [BookEvent] = []
        let fastCode = fast.apply(command, into: &fastEvents)
        let referenceCode = reference.apply(command, into: &referenceEvents)
        lastEvents = referenceEvents
        if fastCode != referenceCode || fastEvents != referenceEvents {
            return """
                results differ
                  expected (reference): code \(referenceCode.map { "\($0)" } ?? "nil"), events \(render(referenceEvents))
                  actual (OrderBook):   code \(fastCode.map { "\($0)" } ?? "nil"), events \(render(fastEvents))
                """
        }
        do {
            try fast.validateInternalState()
        } catch {
            return "validateInternalState() failed: \(error.description)"
        }
        return compareCheap()
    }

    /// The scalar state, cheap enough for every step.
    func compareCheap() -> String? {
        var problems: [String] = []
        func check<T: Equatable>(_ name: String, _ actual: T, _ expected: T) {
            if actual != expected { problems.append("\(name): OrderBook \(actual), reference \(expected)") }
        }
        check("sequence", fast.sequence, reference.sequence)
        check("highestAcceptedId", fast.highestAcceptedId, reference.highestAcceptedId)
        check("referencePriceTicks", fast.referencePriceTicks, reference.referencePriceTicks)
        check("orderCount", fast.orderCount, reference.orderCount)
        check("bestBid", fast.bestBid, reference.bestBid)
        check("bestAsk", fast.bestAsk, reference.bestAsk)
        return problems.isEmpty ? nil : problems.joined(separator: "\n")
    }

    /// Everything visible: both sides' orders in priority, depth, level totals, lookups.
    func compareFull() -> String? {
        if let cheap = compareCheap() { return cheap }
        var problems: [String] = []
        for side in Side.allCases {
            let fastOrders = fast.restingOrders(side: side)
            let referenceOrders = reference.restingOrders(side: side)
            if fastOrders != referenceOrders {
                let index = zip(fastOrders, referenceOrders).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                    ?? min(fastOrders.count, referenceOrders.count)
                problems.append("""
                    restingOrders(\(side)) differ at index \(index) (counts \(fastOrders.count) vs \(referenceOrders.count)):
                      OrderBook: \(index < fastOrders.count ? "\(fastOrders[index])" : "none")
                      reference: \(index < referenceOrders.count ? "\(referenceOrders[index])" : "none")
                    """)
            }
            let referenceDepth = reference.depth(side: side, limit: .max)
            if fast.depth(side: side, limit: .max) != referenceDepth {
                problems.append("depth(\(side)) differs:\n  OrderBook: \(fast.depth(side: side, limit: .max))\n  reference: \(referenceDepth)")
            }
            if fast.depth(side: side, limit: 5) != reference.depth(side: side, limit: 5) {
                problems.append("depth(\(side), limit: 5) differs")
            }
            if fast.levelCount(side: side) != reference.levelCount(side: side) {
                problems.append("levelCount(\(side)): OrderBook \(fast.levelCount(side: side)), reference \(reference.levelCount(side: side))")
            }
            for level in referenceDepth where fast.levelLots(side: side, priceTicks: level.priceTicks) != level.lots {
                problems.append("levelLots(\(side), \(level.priceTicks)): OrderBook \(fast.levelLots(side: side, priceTicks: level.priceTicks)), reference \(level.lots)")
            }
            for price in [Int64(1), 9_000, 10_000, 11_000] where fast.levelLots(side: side, priceTicks: price) != reference.levelLots(side: side, priceTicks: price) {
                problems.append("levelLots(\(side), \(price)) differs")
            }
            for order in referenceOrders where fast.order(id: order.id) != order {
                problems.append("order(id: \(order.id)): OrderBook \(String(describing: fast.order(id: order.id))), reference \(order)")
            }
        }
        for id in [0, reference.highestAcceptedId, reference.highestAcceptedId + 1] where fast.order(id: id) != reference.order(id: id) {
            problems.append("order(id: \(id)): OrderBook \(String(describing: fast.order(id: id))), reference \(String(describing: reference.order(id: id)))")
        }
        return problems.isEmpty ? nil : problems.prefix(6).joined(separator: "\n")
    }

    /// Replays `commands` on fresh books, checking everything after every step; the index
    /// and description of the first disagreement.
    static func firstMismatch(_ commands: [BookCommand], bandUnits: Int64) -> (step: Int, message: String)? {
        var books = BookComparison(bandUnits: bandUnits)
        // Comparing everything after every step is too slow for long lists in a debug build.
        let fullEvery = commands.count <= 2_000 ? 1 : 64
        for (index, command) in commands.enumerated() {
            if let problem = books.step(command) { return (index, problem) }
            if index % fullEvery == 0 || index == commands.count - 1, let problem = books.compareFull() {
                return (index, problem)
            }
        }
        return nil
    }

    /// A shorter list that still disagrees: whole chunks are dropped while the replay keeps
    /// failing, halving the chunk size down to single commands, within `budget`.
    static func shrink(_ failing: [BookCommand], bandUnits: Int64, budget: Duration) -> [BookCommand] {
        let clock = ContinuousClock()
        let deadline = clock.now + budget
        var current = failing
        if let hit = firstMismatch(current, bandUnits: bandUnits) { current = Array(current.prefix(hit.step + 1)) }
        var chunk = max(1, current.count / 2)
        while clock.now < deadline {
            var start = 0
            var removedAny = false
            while start < current.count && clock.now < deadline {
                var candidate = current
                candidate.removeSubrange(start..<min(current.count, start + chunk))
                if let hit = firstMismatch(candidate, bandUnits: bandUnits) {
                    current = Array(candidate.prefix(hit.step + 1))
                    removedAny = true
                } else {
                    start += chunk
                }
            }
            if chunk == 1 {
                if !removedAny { break }
            } else {
                chunk /= 2
            }
        }
        return current
    }
}

// MARK: The tests

/// What a client can see of a book; the state hash must follow it.
struct VisibleState: Equatable {
    var bids: [RestingOrder]
    var asks: [RestingOrder]
    var sequence: UInt64
    var highestAcceptedId: UInt64
    var referencePriceTicks: Int64?

    init(_ book: OrderBook) {
        bids = book.restingOrders(side: .buy)
        asks = book.restingOrders(side: .sell)
        sequence = book.sequence
        highestAcceptedId = book.highestAcceptedId
        referencePriceTicks = book.referencePriceTicks
    }
}

/// What a stream run saw, so the test can also check the generator did its job.
struct StreamStatistics {
    var accepted = 0, rejected = 0, trades = 0, sweeps = 0, selfTradeCancels = 0
    var partialFills = 0, priceBandStops = 0, amendsToBack = 0, amendsKeepingPriority = 0, reduceOnlyCancels = 0
    var rejectedCodes: Set<ErrorCode> = []
    var maxOrders = 0, orderSum = 0

    mutating func record(_ events: [BookEvent], code: ErrorCode?, orderCount: Int) {
        if let code { rejected += 1; rejectedCodes.insert(code) }
        var tradePrices: Set<Int64> = []
        for event in events {
            switch event {
            case .accepted: accepted += 1
            case .trade(let t):
                trades += 1
                tradePrices.insert(t.priceTicks)
                if t.makerRemainingLots > 0 { partialFills += 1 }
            case .cancelled(_, _, .selfTradePrevention): selfTradeCancels += 1
            case .cancelled(_, _, .priceBand): priceBandStops += 1
            case .cancelled(_, _, .reduceOnly): reduceOnlyCancels += 1
            case .amended(_, _, _, let kept): if kept { amendsKeepingPriority += 1 } else { amendsToBack += 1 }
            default: break
            }
        }
        if tradePrices.count > 1 { sweeps += 1 }
        maxOrders = max(maxOrders, orderCount)
        orderSum += orderCount
    }
}

extension BookEvent {
    /// The code of a `rejected` event.
    var rejectedCode: ErrorCode? {
        if case .rejected(_, let code) = self { return code }
        return nil
    }
}

@Suite("OrderBook against the reference book")
struct OrderBookPropertyTests {
    /// Seeds and price bands (in 10⁻⁸: 50,000 is 0.05 %, 5 ticks at the mid).
    static let cases: [(seed: UInt64, bandUnits: Int64)] = [
        (0x5EED_0001, 100_000), (0xC0FF_EE42, 50_000), (0xDEAD_BEEF, 300_000), (20_251_121, 100_000),
    ]

    @Test("100,000 random commands agree exactly", arguments: cases)
    func randomStreamsAgree(seed: UInt64, bandUnits: Int64) async {
        let steps = 100_000
        let fullCheckEvery = 64
        var generator = CommandGenerator(seed: seed)
        var books = BookComparison(bandUnits: bandUnits)
        var commands: [BookCommand] = []
        commands.reserveCapacity(steps)
        var stats = StreamStatistics()

        for step in 0..<steps {
            let command = generator.next(given: books.reference)
            commands.append(command)
            var problem = books.step(command)
            if problem == nil && (step % fullCheckEvery == fullCheckEvery - 1 || step == steps - 1) {
                problem = books.compareFull()
            }
            if let problem {
                reportMismatch(seed: seed, bandUnits: bandUnits, step: step, command: command, problem: problem,
                               commands: commands)
                return
            }
            stats.record(books.lastEvents, code: books.lastEvents.count == 1 ? books.lastEvents[0].rejectedCode : nil,
                         orderCount: books.reference.orderCount)
            // Give the cooperative pool back now and then (see EnginePropertyTests).
            if step % 128 == 0 { await Task.yield() }
        }

        // The stream must actually have exercised the rules it is meant to test.
        #expect(stats.trades > 15_000, "trades: \(stats.trades)")
        #expect(stats.sweeps > 2_000, "multi-level sweeps: \(stats.sweeps)")
        #expect(stats.partialFills > 5_000, "partial fills: \(stats.partialFills)")
        #expect(stats.selfTradeCancels > 2_000, "self-trade cancels: \(stats.selfTradeCancels)")
        #expect(stats.priceBandStops > 200, "price-band stops: \(stats.priceBandStops)")
        #expect(stats.reduceOnlyCancels > 500, "reduce-only makers cancelled in a sweep: \(stats.reduceOnlyCancels)")
        #expect(stats.amendsToBack > 8_000 && stats.amendsKeepingPriority > 5_000,
                "amends: \(stats.amendsToBack) to the back, \(stats.amendsKeepingPriority) kept priority")
        let expectedCodes: Set<ErrorCode> = [
            .duplicateClientOrderId, .invalidParameter, .postOnlyWouldTake, .fillOrKillNotFilled,
            .orderNotFound, .orderAlreadyFinal,
        ]
        #expect(stats.rejectedCodes == expectedCodes, "codes seen: \(stats.rejectedCodes)")
        let meanOrders = stats.orderSum / steps
        #expect((100...500).contains(meanOrders) && stats.maxOrders < 1_000,
                "book size: mean \(meanOrders), max \(stats.maxOrders)")
    }

    @Test("two fast books fed the same stream hash equally, whatever their capacity")
    func equalStreamsHashEqually() {
        var generator = CommandGenerator(seed: 0x4A5B)
        var reference = ReferenceBook(priceBandRate: Rate(units: 100_000))
        var small = OrderBook(priceBandRate: Rate(units: 100_000), capacity: 16)
        var large = OrderBook(priceBandRate: Rate(units: 100_000), capacity: 4_096)
        var events: [BookEvent] = []
        #expect(small.stateHash() == large.stateHash())
        for step in 0..<20_000 {
            let command = generator.next(given: reference)
            reference.apply(command, into: &events)
            small.apply(command, into: &events)
            large.apply(command, into: &events)
            events.removeAll(keepingCapacity: true)
            if step % 500 == 0 && small.stateHash() != large.stateHash() {
                Issue.record("hashes differ after step \(step): \(command)")
                return
            }
        }
        #expect(small.stateHash() == large.stateHash())
        #expect(small.restingOrders(side: .buy) == large.restingOrders(side: .buy))
        // One more command on one of them, and they differ.
        let before = large.stateHash()
        let id = large.highestAcceptedId + 1
        #expect(large.place(limit(id, .buy, 1, 1), into: &events) == nil)
        #expect(large.stateHash() != before && large.stateHash() != small.stateHash())
    }

    @Test("the hash changes whenever the book does, and never on a rejection")
    func hashFollowsState() async {
        var generator = CommandGenerator(seed: 0x77AA)
        var reference = ReferenceBook(priceBandRate: Rate(units: 100_000))
        var book = OrderBook(priceBandRate: Rate(units: 100_000))
        var events: [BookEvent] = []
        var hash = book.stateHash()
        var state = VisibleState(book)
        var failures = 0
        for step in 0..<20_000 where failures < 5 {
            let command = generator.next(given: reference)
            reference.apply(command, into: &events)
            events.removeAll(keepingCapacity: true)
            let code = book.apply(command, into: &events)
            let newHash = book.stateHash()
            let newState = VisibleState(book)
            if code != nil && (newHash != hash || newState != state) {
                Issue.record("step \(step): rejected \(command) changed the book or its hash")
                failures += 1
            }
            if newState != state && newHash == hash {
                Issue.record("step \(step): \(command) changed the book but not its hash")
                failures += 1
            }
            if newState == state && newHash != hash {
                Issue.record("step \(step): \(command) changed the hash but nothing visible")
                failures += 1
            }
            hash = newHash
            state = newState
            if step % 128 == 0 { await Task.yield() }
        }
    }

    private func reportMismatch(
        seed: UInt64, bandUnits: Int64, step: Int, command: BookCommand, problem: String, commands: [BookCommand]
    ) {
        let shrunk = BookComparison.shrink(commands, bandUnits: bandUnits, budget: .seconds(20))
        let shrunkProblem = BookComparison.firstMismatch(shrunk, bandUnits: bandUnits)
        Issue.record("""
            OrderBook disagrees with the reference book: seed \(seed), band \(bandUnits) units, step \(step)
            command: \(command)
            \(problem)

            Shrunk to \(shrunk.count) commands (band \(bandUnits) units), failing at step \(shrunkProblem?.step ?? -1):
            \(shrunk.map { "    \($0)" }.joined(separator: "\n"))
            \(shrunkProblem?.message ?? "(the shrunk list no longer fails)")
            """)
    }
}
