import PerpetuaCore
import PerpetuaEngine
import Testing

// Shared helpers of the order-book tests: a seeded generator, the command type the random
// streams are made of, a protocol that lets one function drive both the fast book and the
// reference book, and a symbol specification for the edge conversions.

// MARK: Deterministic randomness

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and the same sequence on every
/// platform and toolchain, so a seed in a failure message reproduces the failure exactly.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `range`.
    mutating func int(_ range: ClosedRange<Int64>) -> Int64 { Int64.random(in: range, using: &self) }

    /// True with probability `percent` / 100.
    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &self) < percent }

    /// One of `choices`, uniformly.
    mutating func pick<T>(_ choices: [T]) -> T { choices[Int.random(in: 0..<choices.count, using: &self)] }
}

// MARK: Commands

/// One command of a random stream. Its description is Swift source, so a failing stream
/// can be pasted into a worked example.
///
/// `positions` are the owners' positions in lots (long positive; owners not listed are
/// flat) that the books are given for the reduce-only makers the command may meet.
enum BookCommand: Hashable, Sendable, CustomStringConvertible {
    case place(BookOrder, positions: [UInt64: Int64] = [:])
    case cancel(orderId: UInt64)
    case amend(orderId: UInt64, priceTicks: Int64, lots: Int64, positions: [UInt64: Int64] = [:])
    case setReferencePrice(Int64?)

    var description: String {
        switch self {
        case .place(let o, let positions):
            "book.place(BookOrder(id: \(o.id), owner: \(o.owner), side: .\(o.side == .buy ? "buy" : "sell"), "
                + "type: .\(o.type == .limit ? "limit" : "market"), timeInForce: .\(o.timeInForce.swiftName), "
                + "priceTicks: \(o.priceTicks), lots: \(o.lots), selfTradePrevention: .\(o.selfTradePrevention.swiftName)"
                + "\(o.reduceOnly ? ", reduceOnly: true" : "")), into: &events\(Self.render(positions)))"
        case .cancel(let id):
            "book.cancel(orderId: \(id), into: &events)"
        case .amend(let id, let price, let lots, let positions):
            "book.amend(orderId: \(id), priceTicks: \(price), lots: \(lots), into: &events\(Self.render(positions)))"
        case .setReferencePrice(let ticks):
            "book.setReferencePrice(ticks: \(ticks.map(String.init) ?? "nil"))"
        }
    }

    /// The `positions:` argument, or nothing when every owner is flat.
    private static func render(_ positions: [UInt64: Int64]) -> String {
        if positions.isEmpty { return "" }
        let table = positions.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        return ", positions: { [\(table)][$0] ?? 0 }"
    }
}

extension TimeInForce {
    var swiftName: String {
        switch self {
        case .gtc: "gtc"
        case .ioc: "ioc"
        case .fok: "fok"
        case .postOnly: "postOnly"
        }
    }
}

extension SelfTradePrevention {
    var swiftName: String {
        switch self {
        case .none: "none"
        case .cancelTaker: "cancelTaker"
        case .cancelMaker: "cancelMaker"
        case .cancelBoth: "cancelBoth"
        }
    }
}

// MARK: One interface over both books

/// What the tests need from a book. Both ``OrderBook`` and ``ReferenceBook`` conform, and
/// the drivers are generic over it (no existential in the loop).
protocol TestableBook {
    var sequence: UInt64 { get }
    var highestAcceptedId: UInt64 { get }
    var referencePriceTicks: Int64? { get }
    var orderCount: Int { get }
    var bestBid: Int64? { get }
    var bestAsk: Int64? { get }
    mutating func setReferencePrice(ticks: Int64?)
    mutating func place(_ order: BookOrder, into events: inout [BookEvent], positions: (UInt64) -> Int64) -> ErrorCode?
    mutating func cancel(orderId: UInt64, reason: CancelReason, into events: inout [BookEvent]) -> ErrorCode?
    mutating func amend(
        orderId: UInt64, priceTicks: Int64, lots: Int64, into events: inout [BookEvent], positions: (UInt64) -> Int64
    ) -> ErrorCode?
    func order(id: UInt64) -> RestingOrder?
    func levelCount(side: Side) -> Int
    func depth(side: Side, limit: Int) -> [DepthLevel]
    func levelLots(side: Side, priceTicks: Int64) -> Int64
    func restingOrders(side: Side) -> [RestingOrder]
}

extension OrderBook: TestableBook {}
extension ReferenceBook: TestableBook {}

extension TestableBook {
    /// Applies one command; `setReferencePrice` reports no code and no events.
    @discardableResult
    mutating func apply(_ command: BookCommand, into events: inout [BookEvent]) -> ErrorCode? {
        switch command {
        case .place(let order, let positions):
            return place(order, into: &events, positions: { positions[$0] ?? 0 })
        case .cancel(let id):
            return cancel(orderId: id, reason: .user, into: &events)
        case .amend(let id, let price, let lots, let positions):
            return amend(orderId: id, priceTicks: price, lots: lots, into: &events, positions: { positions[$0] ?? 0 })
        case .setReferencePrice(let ticks):
            setReferencePrice(ticks: ticks)
            return nil
        }
    }

    /// Applies one command and returns its code and events.
    mutating func run(_ command: BookCommand) -> (code: ErrorCode?, events: [BookEvent]) {
        var events: [BookEvent] = []
        let code = apply(command, into: &events)
        return (code, events)
    }
}

// MARK: Symbols and orders for the worked examples

enum TestSymbols {
    /// BTCUSDT on a 0.1 price tick and a 0.001 quantity step, ±5 % band.
    static let btc = SymbolSpec(
        symbol: "BTCUSDT", baseAsset: "BTC",
        tickSize: Price(units: 10_000_000), stepSize: Quantity(units: 100_000),
        minQty: Quantity(units: 100_000), maxQty: Quantity(units: 1_000 * fixedPointOne),
        minNotional: Amount(units: 5 * fixedPointOne), priceBandRate: Rate(units: 5_000_000),
        leverageBrackets: [
            LeverageBracket(bracket: 1, maxLeverage: 100, notionalFloor: .zero,
                            notionalCap: Amount(units: 50_000 * fixedPointOne), maintMarginRate: Rate(units: 400_000)),
        ],
        feeTiers: [FeeTier(tier: 0, minVolume30d: .zero, makerRate: Rate(units: 20_000), takerRate: Rate(units: 50_000))]
    )
}

/// A limit order with the defaults most examples want.
func limit(
    _ id: UInt64, _ side: Side, _ priceTicks: Int64, _ lots: Int64, owner: UInt64 = 1,
    tif: TimeInForce = .gtc, stp: SelfTradePrevention = .cancelTaker, reduceOnly: Bool = false
) -> BookOrder {
    BookOrder(id: id, owner: owner, side: side, type: .limit, timeInForce: tif, priceTicks: priceTicks,
              lots: lots, selfTradePrevention: stp, reduceOnly: reduceOnly)
}

/// A market order; its `priceTicks` is ignored by the book.
func market(
    _ id: UInt64, _ side: Side, _ lots: Int64, owner: UInt64 = 1,
    tif: TimeInForce = .ioc, stp: SelfTradePrevention = .cancelTaker
) -> BookOrder {
    BookOrder(id: id, owner: owner, side: side, type: .market, timeInForce: tif, priceTicks: 0,
              lots: lots, selfTradePrevention: stp)
}

/// A trade event, named fields in the order of ``BookTrade``.
func trade(
    maker: UInt64, makerOwner: UInt64 = 1, taker: UInt64, takerOwner: UInt64 = 1, _ takerSide: Side,
    at priceTicks: Int64, lots: Int64, makerLeft: Int64, takerLeft: Int64
) -> BookEvent {
    .trade(BookTrade(makerOrderId: maker, makerOwner: makerOwner, takerOrderId: taker, takerOwner: takerOwner,
                     takerSide: takerSide, priceTicks: priceTicks, lots: lots,
                     makerRemainingLots: makerLeft, takerRemainingLots: takerLeft))
}

/// A one-line rendering of an event list for failure messages.
func render(_ events: [BookEvent]) -> String {
    if events.isEmpty { return "[]" }
    return "[\n" + events.map { "    \($0)" }.joined(separator: ",\n") + "\n]"
}

// MARK: Short event constructors for the worked examples

func accepted(_ id: UInt64, _ side: Side, _ priceTicks: Int64, _ lots: Int64) -> BookEvent {
    .accepted(orderId: id, side: side, priceTicks: priceTicks, lots: lots)
}

func cancelled(_ id: UInt64, _ remainingLots: Int64, _ reason: CancelReason) -> BookEvent {
    .cancelled(orderId: id, remainingLots: remainingLots, reason: reason)
}

func amended(_ id: UInt64, _ priceTicks: Int64, _ lots: Int64, keptPriority: Bool) -> BookEvent {
    .amended(orderId: id, priceTicks: priceTicks, lots: lots, keptPriority: keptPriority)
}

func rejected(_ id: UInt64, _ code: ErrorCode) -> BookEvent {
    .rejected(orderId: id, code: code)
}

// MARK: Both books side by side

/// The fast book and the reference book driven together: every worked example holds both
/// to the same hand-computed events, so the examples check the reference book too.
struct BothBooks {
    var fast: OrderBook
    var reference: ReferenceBook

    /// Books with a price band of `bandUnits` / 10⁸ (default 5 %).
    init(bandUnits: Int64 = 5_000_000, capacity: Int = 1024) {
        fast = OrderBook(priceBandRate: Rate(units: bandUnits), capacity: capacity)
        reference = ReferenceBook(priceBandRate: Rate(units: bandUnits))
    }

    /// Applies `command` to both books and expects `expected` events and `code` from each.
    mutating func expect(
        _ command: BookCommand, _ expected: [BookEvent], code: ErrorCode? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let (fastCode, fastEvents) = fast.run(command)
        let (referenceCode, referenceEvents) = reference.run(command)
        #expect(fastEvents == expected, "OrderBook events for \(command):\n\(render(fastEvents))",
                sourceLocation: sourceLocation)
        #expect(referenceEvents == expected, "reference events for \(command):\n\(render(referenceEvents))",
                sourceLocation: sourceLocation)
        #expect(fastCode == code, "OrderBook code", sourceLocation: sourceLocation)
        #expect(referenceCode == code, "reference code", sourceLocation: sourceLocation)
        do {
            try fast.validateInternalState()
        } catch {
            Issue.record("validateInternalState: \(error.description)", sourceLocation: sourceLocation)
        }
    }

    mutating func place(
        _ order: BookOrder, _ expected: [BookEvent], code: ErrorCode? = nil, positions: [UInt64: Int64] = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        expect(.place(order, positions: positions), expected, code: code, sourceLocation: sourceLocation)
    }

    mutating func cancel(
        _ id: UInt64, _ expected: [BookEvent], code: ErrorCode? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        expect(.cancel(orderId: id), expected, code: code, sourceLocation: sourceLocation)
    }

    mutating func amend(
        _ id: UInt64, price: Int64, lots: Int64, _ expected: [BookEvent], code: ErrorCode? = nil,
        positions: [UInt64: Int64] = [:], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        expect(.amend(orderId: id, priceTicks: price, lots: lots, positions: positions), expected, code: code,
               sourceLocation: sourceLocation)
    }

    /// Rests GTC limit orders (ids must be fresh) and expects each to be only accepted.
    mutating func rest(_ orders: BookOrder..., sourceLocation: SourceLocation = #_sourceLocation) {
        for order in orders {
            place(order, [accepted(order.id, order.side, order.priceTicks, order.lots)], sourceLocation: sourceLocation)
        }
    }

    mutating func setReferencePrice(_ ticks: Int64?) {
        fast.setReferencePrice(ticks: ticks)
        reference.setReferencePrice(ticks: ticks)
    }

    /// Expects the ids resting on each side in priority order and, when given, the
    /// sequence, in both books.
    func expectBook(
        bids: [UInt64], asks: [UInt64], sequence: UInt64? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for (side, ids) in [(Side.buy, bids), (.sell, asks)] {
            #expect(fast.restingOrders(side: side).map(\.id) == ids, "OrderBook \(side) queue", sourceLocation: sourceLocation)
            #expect(reference.restingOrders(side: side).map(\.id) == ids, "reference \(side) queue", sourceLocation: sourceLocation)
        }
        if let sequence {
            #expect(fast.sequence == sequence, "OrderBook sequence", sourceLocation: sourceLocation)
            #expect(reference.sequence == sequence, "reference sequence", sourceLocation: sourceLocation)
        }
    }

    /// Expects `order(id:)` to give `expected` in both books.
    func expectOrder(_ id: UInt64, _ expected: RestingOrder?, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(fast.order(id: id) == expected, "OrderBook order \(id)", sourceLocation: sourceLocation)
        #expect(reference.order(id: id) == expected, "reference order \(id)", sourceLocation: sourceLocation)
    }

    /// Expects the depth of `side` in both books.
    func expectDepth(_ side: Side, _ expected: [DepthLevel], limit: Int = .max, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(fast.depth(side: side, limit: limit) == expected, "OrderBook depth", sourceLocation: sourceLocation)
        #expect(reference.depth(side: side, limit: limit) == expected, "reference depth", sourceLocation: sourceLocation)
    }
}

/// A resting order as ``OrderBook/order(id:)`` reports it.
func resting(
    _ id: UInt64, _ side: Side, _ priceTicks: Int64, lots: Int64, filled: Int64 = 0, owner: UInt64 = 1,
    tif: TimeInForce = .gtc, stp: SelfTradePrevention = .cancelTaker, reduceOnly: Bool = false
) -> RestingOrder {
    RestingOrder(id: id, owner: owner, side: side, priceTicks: priceTicks, lots: lots, filledLots: filled,
                 timeInForce: tif, selfTradePrevention: stp, reduceOnly: reduceOnly)
}
