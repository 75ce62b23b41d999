import PerpetuaCore

// SKELETON: the implementation is being written; the signatures below are final.
public struct OrderBook: Sendable {
    public var priceBandRate: Rate
    public private(set) var referencePriceTicks: Int64?
    public private(set) var sequence: UInt64 = 0
    public private(set) var highestAcceptedId: UInt64 = 0
    public init(priceBandRate: Rate, capacity: Int = 1024) { self.priceBandRate = priceBandRate }
    public mutating func setReferencePrice(ticks: Int64?) { referencePriceTicks = ticks }
    public var orderCount: Int { 0 }
    public var bestBid: Int64? { nil }
    public var bestAsk: Int64? { nil }
    public func levelCount(side: Side) -> Int { 0 }
    @discardableResult
    public mutating func place(_ order: BookOrder, into events: inout [BookEvent]) -> ErrorCode? { fatalError() }
    @discardableResult
    public mutating func cancel(orderId: UInt64, reason: CancelReason = .user, into events: inout [BookEvent]) -> ErrorCode? { fatalError() }
    @discardableResult
    public mutating func amend(orderId: UInt64, priceTicks: Int64, lots: Int64, into events: inout [BookEvent]) -> ErrorCode? { fatalError() }
    public func order(id: UInt64) -> RestingOrder? { nil }
    public func depth(side: Side, limit: Int = .max) -> [DepthLevel] { [] }
    public func levelLots(side: Side, priceTicks: Int64) -> Int64 { 0 }
    public func restingOrders(side: Side) -> [RestingOrder] { [] }
    public func validateInternalState() throws(BookInvariantViolation) {}
    public func stateHash() -> UInt64 { 0 }
}

/// A broken invariant found by ``OrderBook/validateInternalState()``: always a bug.
public struct BookInvariantViolation: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
