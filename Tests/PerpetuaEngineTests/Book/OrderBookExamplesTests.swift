import PerpetuaCore
import PerpetuaEngine
import Testing

// Worked examples: small books whose events are computed by hand. Each example drives the
// fast book and the reference book together (``BothBooks``) and expects both to produce
// exactly the listed events, so these also pin the reference book to the rules.
// Prices are in ticks, quantities in lots; the band is 5 % unless stated.

@Suite("Order book: limit orders")
struct LimitOrderExamples {
    @Test("a GTC order rests, then fills partially and completely")
    func restAndPartialFill() {
        var book = BothBooks()
        book.place(limit(1, .sell, 100, 10), [accepted(1, .sell, 100, 10)])
        book.expectBook(bids: [], asks: [1], sequence: 1)
        book.expectDepth(.sell, [DepthLevel(priceTicks: 100, lots: 10, orderCount: 1)])

        book.place(limit(2, .buy, 100, 4, owner: 2), [
            accepted(2, .buy, 100, 4),
            trade(maker: 1, taker: 2, takerOwner: 2, .buy, at: 100, lots: 4, makerLeft: 6, takerLeft: 0),
        ])
        book.expectOrder(1, resting(1, .sell, 100, lots: 10, filled: 4))
        book.expectOrder(2, nil)
        book.expectBook(bids: [], asks: [1], sequence: 2)

        // A buy above the ask takes the rest of the maker at the maker's price and rests its own rest.
        book.place(limit(3, .buy, 101, 10, owner: 2), [
            accepted(3, .buy, 101, 10),
            trade(maker: 1, taker: 3, takerOwner: 2, .buy, at: 100, lots: 6, makerLeft: 0, takerLeft: 4),
        ])
        book.expectOrder(1, nil)
        book.expectOrder(3, resting(3, .buy, 101, lots: 10, filled: 6, owner: 2))
        book.expectBook(bids: [3], asks: [], sequence: 3)
        book.expectDepth(.buy, [DepthLevel(priceTicks: 101, lots: 4, orderCount: 1)])
        book.expectDepth(.sell, [])
        #expect(book.fast.bestAsk == nil && book.fast.bestBid == 101)
    }

    @Test("a sweep takes several levels in price then time priority, each at the maker's price")
    func multiLevelSweep() {
        var book = BothBooks()
        book.rest(limit(1, .sell, 101, 2), limit(2, .sell, 102, 3), limit(3, .sell, 102, 1, owner: 3),
                  limit(4, .sell, 104, 5))
        book.place(limit(5, .buy, 103, 10, owner: 2), [
            accepted(5, .buy, 103, 10),
            trade(maker: 1, taker: 5, takerOwner: 2, .buy, at: 101, lots: 2, makerLeft: 0, takerLeft: 8),
            trade(maker: 2, taker: 5, takerOwner: 2, .buy, at: 102, lots: 3, makerLeft: 0, takerLeft: 5),
            trade(maker: 3, makerOwner: 3, taker: 5, takerOwner: 2, .buy, at: 102, lots: 1, makerLeft: 0, takerLeft: 4),
        ])
        book.expectBook(bids: [5], asks: [4], sequence: 5)
        book.expectDepth(.buy, [DepthLevel(priceTicks: 103, lots: 4, orderCount: 1)])
        book.expectDepth(.sell, [DepthLevel(priceTicks: 104, lots: 5, orderCount: 1)])

        // The same from the other side: a sell sweeps bids from the highest down.
        book.rest(limit(6, .buy, 102, 1), limit(7, .buy, 101, 1))
        book.place(limit(8, .sell, 101, 10, owner: 3), [
            accepted(8, .sell, 101, 10),
            trade(maker: 5, makerOwner: 2, taker: 8, takerOwner: 3, .sell, at: 103, lots: 4, makerLeft: 0, takerLeft: 6),
            trade(maker: 6, taker: 8, takerOwner: 3, .sell, at: 102, lots: 1, makerLeft: 0, takerLeft: 5),
            trade(maker: 7, taker: 8, takerOwner: 3, .sell, at: 101, lots: 1, makerLeft: 0, takerLeft: 4),
        ])
        book.expectBook(bids: [], asks: [8, 4], sequence: 8)
        book.expectOrder(8, resting(8, .sell, 101, lots: 10, filled: 6, owner: 3))
    }

    @Test("an IOC order cancels its remainder and never rests")
    func immediateOrCancel() {
        var book = BothBooks()
        book.rest(limit(1, .sell, 100, 3))
        book.place(limit(2, .buy, 100, 5, owner: 2, tif: .ioc), [
            accepted(2, .buy, 100, 5),
            trade(maker: 1, taker: 2, takerOwner: 2, .buy, at: 100, lots: 3, makerLeft: 0, takerLeft: 2),
            cancelled(2, 2, .immediateOrCancel),
        ])
        book.expectBook(bids: [], asks: [], sequence: 2)
        // Nothing to take: accepted and cancelled whole, and the book (and its sequence) stay.
        book.rest(limit(3, .sell, 101, 3))
        book.place(limit(4, .buy, 100, 5, owner: 2, tif: .ioc), [
            accepted(4, .buy, 100, 5),
            cancelled(4, 5, .immediateOrCancel),
        ])
        book.expectBook(bids: [], asks: [3], sequence: 3)
        #expect(book.fast.highestAcceptedId == 4)
    }

    @Test("a FOK order fills whole across levels, or is rejected and changes nothing")
    func fillOrKill() {
        var book = BothBooks()
        book.rest(limit(1, .sell, 100, 3), limit(2, .sell, 101, 3))
        // Not enough within its limit of 100: rejected, nothing changes.
        book.place(limit(3, .buy, 100, 5, owner: 2, tif: .fok), [rejected(3, .fillOrKillNotFilled)],
                   code: .fillOrKillNotFilled)
        book.expectBook(bids: [], asks: [1, 2], sequence: 2)
        #expect(book.fast.highestAcceptedId == 2)
        // Exactly enough within 101: fills whole.
        book.place(limit(4, .buy, 101, 6, owner: 2, tif: .fok), [
            accepted(4, .buy, 101, 6),
            trade(maker: 1, taker: 4, takerOwner: 2, .buy, at: 100, lots: 3, makerLeft: 0, takerLeft: 3),
            trade(maker: 2, taker: 4, takerOwner: 2, .buy, at: 101, lots: 3, makerLeft: 0, takerLeft: 0),
        ])
        book.expectBook(bids: [], asks: [], sequence: 3)
    }

    @Test("a FOK pre-check follows self-trade prevention")
    func fillOrKillWithSelfTrade() {
        var book = BothBooks()
        book.rest(limit(1, .sell, 100, 4, owner: 7), limit(2, .sell, 100, 4, owner: 8), limit(3, .sell, 101, 4, owner: 9))
        // CANCEL_TAKER would stop at its own order 1 before anything fills: not fillable.
        book.place(limit(4, .buy, 101, 4, owner: 7, tif: .fok, stp: .cancelTaker), [rejected(4, .fillOrKillNotFilled)],
                   code: .fillOrKillNotFilled)
        book.place(limit(4, .buy, 101, 4, owner: 7, tif: .fok, stp: .cancelBoth), [rejected(4, .fillOrKillNotFilled)],
                   code: .fillOrKillNotFilled)
        // CANCEL_MAKER skips its own order: 4 + 4 behind it within 101 fill 8 but not 9.
        book.place(limit(4, .buy, 101, 9, owner: 7, tif: .fok, stp: .cancelMaker), [rejected(4, .fillOrKillNotFilled)],
                   code: .fillOrKillNotFilled)
        book.expectBook(bids: [], asks: [1, 2, 3], sequence: 3)
        book.place(limit(4, .buy, 101, 8, owner: 7, tif: .fok, stp: .cancelMaker), [
            accepted(4, .buy, 101, 8),
            cancelled(1, 4, .selfTradePrevention),
            trade(maker: 2, makerOwner: 8, taker: 4, takerOwner: 7, .buy, at: 100, lots: 4, makerLeft: 0, takerLeft: 4),
            trade(maker: 3, makerOwner: 9, taker: 4, takerOwner: 7, .buy, at: 101, lots: 4, makerLeft: 0, takerLeft: 0),
        ])
        book.expectBook(bids: [], asks: [], sequence: 4)
        // With NONE its own order counts (and trades).
        book.rest(limit(5, .sell, 100, 2, owner: 7))
        book.place(limit(6, .buy, 100, 2, owner: 7, tif: .fok, stp: .none), [
            accepted(6, .buy, 100, 2),
            trade(maker: 5, makerOwner: 7, taker: 6, takerOwner: 7, .buy, at: 100, lots: 2, makerLeft: 0, takerLeft: 0),
        ])
        // A FOK whose fill point lies before its own order is fillable under CANCEL_TAKER.
        book.rest(limit(7, .sell, 100, 2, owner: 8), limit(8, .sell, 100, 2, owner: 7))
        book.place(limit(9, .buy, 100, 2, owner: 7, tif: .fok, stp: .cancelTaker), [
            accepted(9, .buy, 100, 2),
            trade(maker: 7, makerOwner: 8, taker: 9, takerOwner: 7, .buy, at: 100, lots: 2, makerLeft: 0, takerLeft: 0),
        ])
        book.expectBook(bids: [], asks: [8])
    }

    @Test("a POST_ONLY order rests when it does not cross and is rejected when it would")
    func postOnly() {
        var book = BothBooks()
        book.rest(limit(1, .buy, 99, 5), limit(2, .sell, 101, 5))
        book.place(limit(3, .buy, 100, 2, owner: 2, tif: .postOnly), [accepted(3, .buy, 100, 2)])
        book.expectOrder(3, resting(3, .buy, 100, lots: 2, owner: 2, tif: .postOnly))
        book.place(limit(4, .buy, 101, 2, owner: 2, tif: .postOnly), [rejected(4, .postOnlyWouldTake)],
                   code: .postOnlyWouldTake)
        book.place(limit(4, .sell, 100, 2, owner: 2, tif: .postOnly), [rejected(4, .postOnlyWouldTake)],
                   code: .postOnlyWouldTake)
        // Crossing is about price alone: the owner's own ask still makes it cross.
        book.place(limit(4, .buy, 102, 2, owner: 1, tif: .postOnly, stp: .cancelMaker), [rejected(4, .postOnlyWouldTake)],
                   code: .postOnlyWouldTake)
        book.place(limit(4, .sell, 101, 2, owner: 2, tif: .postOnly), [accepted(4, .sell, 101, 2)])
        book.expectBook(bids: [3, 1], asks: [2, 4], sequence: 4)
        // On an empty opposite side it always rests.
        var empty = BothBooks()
        empty.place(limit(1, .buy, 1_000_000, 1, tif: .postOnly), [accepted(1, .buy, 1_000_000, 1)])
    }
}

@Suite("Order book: market orders")
struct MarketOrderExamples {
    @Test("a market order trades within the band around the reference price and stops at it")
    func withinAndStoppedByBand() {
        var book = BothBooks()
        book.rest(limit(1, .sell, 102, 2), limit(2, .sell, 104, 2), limit(3, .sell, 106, 2))
        book.setReferencePrice(100)
        // Bound 100 + 100 × 5 % = 105: takes 102 and 104, stops before 106.
        book.place(market(4, .buy, 5, owner: 2), [
            accepted(4, .buy, 105, 5),
            trade(maker: 1, taker: 4, takerOwner: 2, .buy, at: 102, lots: 2, makerLeft: 0, takerLeft: 3),
            trade(maker: 2, taker: 4, takerOwner: 2, .buy, at: 104, lots: 2, makerLeft: 0, takerLeft: 1),
            cancelled(4, 1, .priceBand),
        ])
        book.expectBook(bids: [], asks: [3], sequence: 4)
        // Nothing within the band at all: cancelled whole, book and sequence unchanged.
        book.place(market(5, .buy, 1, owner: 2, tif: .gtc), [accepted(5, .buy, 105, 1), cancelled(5, 1, .priceBand)])
        book.expectBook(bids: [], asks: [3], sequence: 4)
        // A FOK market order is all or nothing within the bound.
        book.place(market(6, .buy, 1, owner: 2, tif: .fok), [rejected(6, .fillOrKillNotFilled)], code: .fillOrKillNotFilled)
        // Without a reference the bound is taken around the best opposite price: 106 + 5 = 111.
        book.setReferencePrice(nil)
        book.place(market(6, .buy, 1, owner: 2, tif: .fok), [
            accepted(6, .buy, 111, 1),
            trade(maker: 3, taker: 6, takerOwner: 2, .buy, at: 106, lots: 1, makerLeft: 1, takerLeft: 0),
        ])
        book.expectBook(bids: [], asks: [3], sequence: 5)
    }

    @Test("a sell market order sweeps bids down to its bound")
    func sellSide() {
        var book = BothBooks()
        book.rest(limit(1, .buy, 119, 1), limit(2, .buy, 115, 1), limit(3, .buy, 114, 1), limit(4, .buy, 113, 1))
        // Bound 119 − ⌊119 × 5 %⌋ = 119 − 5 = 114 (the offset is floored).
        book.place(market(5, .sell, 10, owner: 2, tif: .gtc), [
            accepted(5, .sell, 114, 10),
            trade(maker: 1, taker: 5, takerOwner: 2, .sell, at: 119, lots: 1, makerLeft: 0, takerLeft: 9),
            trade(maker: 2, taker: 5, takerOwner: 2, .sell, at: 115, lots: 1, makerLeft: 0, takerLeft: 8),
            trade(maker: 3, taker: 5, takerOwner: 2, .sell, at: 114, lots: 1, makerLeft: 0, takerLeft: 7),
            cancelled(5, 7, .priceBand),
        ])
        book.expectBook(bids: [4], asks: [])
        // A buy bound is floored the same way: 119 + 5 = 124.
        book.setReferencePrice(119)
        book.place(market(6, .buy, 1), [accepted(6, .buy, 124, 1), cancelled(6, 1, .immediateOrCancel)])
    }

    @Test("a market order on an empty side is cancelled as IOC; its bound is 0 without a reference")
    func emptySide() {
        var book = BothBooks()
        book.rest(limit(1, .buy, 100, 5))
        book.place(market(2, .buy, 3, tif: .gtc), [accepted(2, .buy, 0, 3), cancelled(2, 3, .immediateOrCancel)])
        book.place(market(3, .buy, 3, tif: .ioc), [accepted(3, .buy, 0, 3), cancelled(3, 3, .immediateOrCancel)])
        book.place(market(4, .buy, 3, tif: .fok), [rejected(4, .fillOrKillNotFilled)], code: .fillOrKillNotFilled)
        book.setReferencePrice(200)
        book.place(market(4, .buy, 3), [accepted(4, .buy, 210, 3), cancelled(4, 3, .immediateOrCancel)])
        book.expectBook(bids: [1], asks: [], sequence: 1)
        #expect(book.fast.highestAcceptedId == 4)
    }

    @Test("a sell bound never falls below one tick, and the limit price of a market order is ignored")
    func sellBoundFloorAndIgnoredPrice() {
        var book = BothBooks(bandUnits: 100_000_000)  // a 100 % band
        book.rest(limit(1, .buy, 50, 1), limit(2, .buy, 1, 1))
        book.setReferencePrice(100)
        var order = market(3, .sell, 5, owner: 2)
        order.priceTicks = -7
        book.place(order, [
            accepted(3, .sell, 1, 5),
            trade(maker: 1, taker: 3, takerOwner: 2, .sell, at: 50, lots: 1, makerLeft: 0, takerLeft: 4),
            trade(maker: 2, taker: 3, takerOwner: 2, .sell, at: 1, lots: 1, makerLeft: 0, takerLeft: 3),
            cancelled(3, 3, .immediateOrCancel),
        ])
        book.place(market(4, .buy, 1, tif: .postOnly), [rejected(4, .invalidParameter)], code: .invalidParameter)
    }
}

@Suite("Order book: self-trade prevention")
struct SelfTradeExamples {
    @Test("CANCEL_TAKER stops the incoming order at the first own order; the maker stays")
    func cancelTaker() {
        var book = BothBooks()
        book.rest(limit(1, .sell, 100, 2, owner: 8), limit(2, .sell, 100, 5, owner: 7))
        book.place(limit(3, .buy, 100, 5, owner: 7, stp: .cancelTaker), [
            accepted(3, .buy, 100, 5),
            trade(maker: 1, makerOwner: 8, taker: 3, takerOwner: 7, .buy, at: 100, lots: 2, makerLeft: 0, takerLeft: 3),
            cancelled(3, 3, .selfTradePrevention),
        ])
        book.expectBook(bids: [], asks: [2], sequence: 3)
        book.expectOrder(2, resting(2, .sell, 100, lots: 5, owner: 7))
    }

    @Test("CANCEL_TAKER before any fill changes nothing, so the sequence stays")
    func cancelTakerWithoutFill() {
        var book = BothBooks()
        book.rest(limit(1, .sell, 100, 5, owner: 7))
        book.place(limit(2, .buy, 100, 3, owner: 7, stp: .cancelTaker), [
            accepted(2, .buy, 100, 3),
            cancelled(2, 3, .selfTradePrevention),
        ])
        book.expectBook(bids: [], asks: [1], sequence: 1)
        book.place(market(3, .buy, 3, owner: 7), [accepted(3, .buy, 105, 3), cancelled(3, 3, .selfTradePrevention)])
        book.expectBook(bids: [], asks: [1], sequence: 1)
    }

    @Test("CANCEL_MAKER cancels each own order and keeps matching the next makers")
    func cancelMaker() {
        var book = BothBooks()
        book.rest(limit(1, .sell, 100, 2, owner: 7), limit(2, .sell, 100, 3, owner: 8),
                  limit(3, .sell, 101, 4, owner: 7), limit(4, .sell, 101, 4, owner: 9))
        book.place(limit(5, .buy, 101, 6, owner: 7, stp: .cancelMaker), [
            accepted(5, .buy, 101, 6),
            cancelled(1, 2, .selfTradePrevention),
            trade(maker: 2, makerOwner: 8, taker: 5, takerOwner: 7, .buy, at: 100, lots: 3, makerLeft: 0, takerLeft: 3),
            cancelled(3, 4, .selfTradePrevention),
            trade(maker: 4, makerOwner: 9, taker: 5, takerOwner: 7, .buy, at: 101, lots: 3, makerLeft: 1, takerLeft: 0),
        ])
        book.expectBook(bids: [], asks: [4], sequence: 5)
        // Only own orders in reach: they are all cancelled and the taker rests.
        book.rest(limit(6, .buy, 99, 1, owner: 9), limit(7, .buy, 98, 1, owner: 9))
        book.place(limit(8, .sell, 98, 5, owner: 9, stp: .cancelMaker), [
            accepted(8, .sell, 98, 5),
            cancelled(6, 1, .selfTradePrevention),
            cancelled(7, 1, .selfTradePrevention),
        ])
        book.expectBook(bids: [], asks: [8, 4], sequence: 8)
    }

    @Test("CANCEL_BOTH cancels the own maker and the rest of the taker")
    func cancelBoth() {
        var book = BothBooks()
        book.rest(limit(1, .sell, 100, 2, owner: 8), limit(2, .sell, 100, 5, owner: 7), limit(3, .sell, 100, 1, owner: 9))
        book.place(limit(4, .buy, 100, 10, owner: 7, stp: .cancelBoth), [
            accepted(4, .buy, 100, 10),
            trade(maker: 1, makerOwner: 8, taker: 4, takerOwner: 7, .buy, at: 100, lots: 2, makerLeft: 0, takerLeft: 8),
            cancelled(2, 5, .selfTradePrevention),
            cancelled(4, 8, .selfTradePrevention),
        ])
        book.expectBook(bids: [], asks: [3], sequence: 4)
        // Also before any fill: the maker goes, so the book changed.
        book.rest(limit(5, .buy, 90, 3, owner: 9))
        book.place(market(6, .sell, 1, owner: 9, stp: .cancelBoth), [
            accepted(6, .sell, 86, 1),
            cancelled(5, 3, .selfTradePrevention),
            cancelled(6, 1, .selfTradePrevention),
        ])
        book.expectBook(bids: [], asks: [3], sequence: 6)
    }

    @Test("NONE lets an account trade with itself; the taker's mode decides, not the maker's")
    func noneAndTakerDecides() {
        var book = BothBooks()
        book.rest(limit(1, .sell, 100, 2, owner: 7, stp: .cancelBoth))
        book.place(limit(2, .buy, 100, 1, owner: 7, stp: .none), [
            accepted(2, .buy, 100, 1),
            trade(maker: 1, makerOwner: 7, taker: 2, takerOwner: 7, .buy, at: 100, lots: 1, makerLeft: 1, takerLeft: 0),
        ])
        book.expectOrder(1, resting(1, .sell, 100, lots: 2, filled: 1, owner: 7, stp: .cancelBoth))
    }
}

@Suite("Order book: reduce-only makers")
struct ReduceOnlyMakerExamples {
    // Positions are in lots, long positive, as the engine gives them before the command.

    @Test("an ordinary maker of the same owner fills first; the reduce-only makers behind it fill only what is left of the position")
    func behindOrdinaryMaker() {
        var book = BothBooks()
        book.rest(limit(1, .sell, 100, 6), limit(2, .sell, 100, 6, reduceOnly: true), limit(3, .sell, 101, 5, reduceOnly: true),
                  limit(4, .sell, 101, 3, owner: 3))
        // Owner 1 is long 10: the ordinary sell takes it to 4, the first reduce-only sell
        // closes those 4 and is cancelled for its other 2, the second has nothing to close.
        book.place(limit(5, .buy, 101, 20, owner: 2), [
            accepted(5, .buy, 101, 20),
            trade(maker: 1, taker: 5, takerOwner: 2, .buy, at: 100, lots: 6, makerLeft: 0, takerLeft: 14),
            trade(maker: 2, taker: 5, takerOwner: 2, .buy, at: 100, lots: 4, makerLeft: 2, takerLeft: 10),
            cancelled(2, 2, .reduceOnly),
            cancelled(3, 5, .reduceOnly),
            trade(maker: 4, makerOwner: 3, taker: 5, takerOwner: 2, .buy, at: 101, lots: 3, makerLeft: 0, takerLeft: 7),
        ], positions: [1: 10])
        book.expectBook(bids: [5], asks: [], sequence: 5)
        book.expectOrder(5, resting(5, .buy, 101, lots: 20, filled: 13, owner: 2))
    }

    @Test("two reduce-only makers whose total exceeds the position fill only the position")
    func totalBeyondPosition() {
        var book = BothBooks()
        book.rest(limit(1, .sell, 100, 4, reduceOnly: true), limit(2, .sell, 100, 4, reduceOnly: true))
        book.expectOrder(1, resting(1, .sell, 100, lots: 4, reduceOnly: true))
        book.place(limit(3, .buy, 100, 10, owner: 2), [
            accepted(3, .buy, 100, 10),
            trade(maker: 1, taker: 3, takerOwner: 2, .buy, at: 100, lots: 4, makerLeft: 0, takerLeft: 6),
            trade(maker: 2, taker: 3, takerOwner: 2, .buy, at: 100, lots: 1, makerLeft: 3, takerLeft: 5),
            cancelled(2, 3, .reduceOnly),
        ], positions: [1: 5])
        book.expectBook(bids: [3], asks: [], sequence: 3)
    }

    @Test("a reduce-only maker limited by the position stays when the taker wants no more")
    func partialStays() {
        var book = BothBooks()
        // A short of 4 closed by reduce-only buys.
        book.rest(limit(1, .buy, 100, 6, reduceOnly: true))
        book.place(limit(2, .sell, 100, 3, owner: 2, tif: .ioc), [
            accepted(2, .sell, 100, 3),
            trade(maker: 1, taker: 2, takerOwner: 2, .sell, at: 100, lots: 3, makerLeft: 3, takerLeft: 0),
        ], positions: [1: -4])
        book.expectOrder(1, resting(1, .buy, 100, lots: 6, filled: 3, reduceOnly: true))
        // The next sweep finds a short of 1: one more lot, then the rest goes.
        book.place(limit(3, .sell, 100, 5, owner: 2, tif: .ioc), [
            accepted(3, .sell, 100, 5),
            trade(maker: 1, taker: 3, takerOwner: 2, .sell, at: 100, lots: 1, makerLeft: 2, takerLeft: 4),
            cancelled(1, 2, .reduceOnly),
            cancelled(3, 4, .immediateOrCancel),
        ], positions: [1: -1])
        book.expectBook(bids: [], asks: [], sequence: 3)
    }

    @Test("with the owner flat or on the maker's side, a reduce-only maker is cancelled and the sweep goes on")
    func nothingToClose() {
        var book = BothBooks()
        book.rest(limit(1, .buy, 101, 2, reduceOnly: true), limit(2, .buy, 100, 2, owner: 3, reduceOnly: true),
                  limit(3, .buy, 100, 2, owner: 4))
        book.place(market(4, .sell, 3, owner: 2), [
            accepted(4, .sell, 96, 3),  // bound: 101 less 5 % (5.05, to whole ticks)
            cancelled(1, 2, .reduceOnly),  // owner 1 is long: a buy would add to it
            cancelled(2, 2, .reduceOnly),  // owner 3 is flat
            trade(maker: 3, makerOwner: 4, taker: 4, takerOwner: 2, .sell, at: 100, lots: 2, makerLeft: 0, takerLeft: 1),
            cancelled(4, 1, .immediateOrCancel),
        ], positions: [1: 7])
        book.expectBook(bids: [], asks: [], sequence: 4)
        // Owners not given a position are flat.
        book.rest(limit(5, .sell, 100, 1, reduceOnly: true))
        book.place(limit(6, .buy, 100, 1, owner: 2), [accepted(6, .buy, 100, 1), cancelled(5, 1, .reduceOnly)])
        book.expectBook(bids: [6], asks: [], sequence: 6)
    }

    @Test("the taker's own fills move its position: a self-trade with a reduce-only maker of its owner")
    func takerOwnerMoves() {
        var book = BothBooks()
        book.rest(limit(1, .sell, 100, 5, owner: 2), limit(2, .sell, 100, 3, reduceOnly: true), limit(3, .sell, 100, 4, reduceOnly: true))
        // Owner 1 is flat, buys 5 from owner 2 and is then long 5: its reduce-only sells may
        // close that, against its own buy (a self-trade leaves the position at 5).
        book.place(limit(4, .buy, 100, 12, stp: .none), [
            accepted(4, .buy, 100, 12),
            trade(maker: 1, makerOwner: 2, taker: 4, .buy, at: 100, lots: 5, makerLeft: 0, takerLeft: 7),
            trade(maker: 2, taker: 4, .buy, at: 100, lots: 3, makerLeft: 0, takerLeft: 4),
            trade(maker: 3, taker: 4, .buy, at: 100, lots: 4, makerLeft: 0, takerLeft: 0),
        ])
        book.expectBook(bids: [], asks: [], sequence: 4)
    }

    @Test("FOK counts only what reduce-only makers can fill")
    func fillOrKill() {
        var book = BothBooks()
        book.rest(limit(1, .sell, 100, 5, reduceOnly: true), limit(2, .sell, 101, 3, owner: 3))
        book.place(limit(3, .buy, 101, 6, owner: 2, tif: .fok), [rejected(3, .fillOrKillNotFilled)],
                   code: .fillOrKillNotFilled, positions: [1: 2])
        book.place(limit(3, .buy, 101, 5, owner: 2, tif: .fok), [
            accepted(3, .buy, 101, 5),
            trade(maker: 1, taker: 3, takerOwner: 2, .buy, at: 100, lots: 2, makerLeft: 3, takerLeft: 3),
            cancelled(1, 3, .reduceOnly),
            trade(maker: 2, makerOwner: 3, taker: 3, takerOwner: 2, .buy, at: 101, lots: 3, makerLeft: 0, takerLeft: 0),
        ], positions: [1: 2])
        book.expectBook(bids: [], asks: [], sequence: 3)
    }

    @Test("a crossing amend meets reduce-only makers as a new order would; an amended reduce-only order stays one")
    func amendCrossing() {
        var book = BothBooks()
        book.rest(limit(1, .sell, 102, 4, reduceOnly: true), limit(2, .buy, 100, 6, owner: 2))
        book.amend(1, price: 103, lots: 4, [amended(1, 103, 4, keptPriority: false)])
        book.expectOrder(1, resting(1, .sell, 103, lots: 4, reduceOnly: true))
        book.amend(2, price: 103, lots: 6, [
            amended(2, 103, 6, keptPriority: false),
            trade(maker: 1, taker: 2, takerOwner: 2, .buy, at: 103, lots: 3, makerLeft: 1, takerLeft: 3),
            cancelled(1, 1, .reduceOnly),
        ], positions: [1: 3])
        book.expectOrder(2, resting(2, .buy, 103, lots: 6, filled: 3, owner: 2))
    }

    @Test("a snapshot keeps the reduce-only flag")
    func snapshot() throws {
        var book = OrderBook(priceBandRate: Rate(units: 5_000_000))
        var events: [BookEvent] = []
        book.place(limit(1, .sell, 100, 4, reduceOnly: true), into: &events)
        book.place(limit(2, .sell, 100, 4), into: &events)
        var w = BinaryWriter()
        book.encode(to: &w)
        var r = BinaryReader(w.bytes)
        let restored = try OrderBook(from: &r)
        #expect(restored.restingOrders(side: .sell) == book.restingOrders(side: .sell))
        #expect(restored.order(id: 1)?.reduceOnly == true && restored.order(id: 2)?.reduceOnly == false)
        #expect(restored.stateHash() == book.stateHash())
        var plain = OrderBook(priceBandRate: Rate(units: 5_000_000))
        plain.place(limit(1, .sell, 100, 4), into: &events)
        plain.place(limit(2, .sell, 100, 4), into: &events)
        #expect(plain.stateHash() != book.stateHash())
    }
}

@Suite("Order book: amend")
struct AmendExamples {
    @Test("a quantity decrease at the same price keeps the queue position")
    func decreaseKeepsPriority() {
        var book = BothBooks()
        book.rest(limit(1, .buy, 100, 5), limit(2, .buy, 100, 5, owner: 2))
        book.amend(1, price: 100, lots: 3, [amended(1, 100, 3, keptPriority: true)])
        book.expectBook(bids: [1, 2], asks: [], sequence: 3)
        #expect(book.fast.levelLots(side: .buy, priceTicks: 100) == 8)
        // Order 1 is still first: a sell of 3 fills it whole and leaves 2 untouched.
        book.place(limit(3, .sell, 100, 3, owner: 3), [
            accepted(3, .sell, 100, 3),
            trade(maker: 1, taker: 3, takerOwner: 3, .sell, at: 100, lots: 3, makerLeft: 0, takerLeft: 0),
        ])
        book.expectBook(bids: [2], asks: [], sequence: 4)
    }

    @Test("a quantity increase goes to the back of the level")
    func increaseGoesToBack() {
        var book = BothBooks()
        book.rest(limit(1, .buy, 100, 5), limit(2, .buy, 100, 5, owner: 2))
        book.amend(1, price: 100, lots: 6, [amended(1, 100, 6, keptPriority: false)])
        book.expectBook(bids: [2, 1], asks: [], sequence: 3)
        book.place(limit(3, .sell, 100, 2, owner: 3), [
            accepted(3, .sell, 100, 2),
            trade(maker: 2, makerOwner: 2, taker: 3, takerOwner: 3, .sell, at: 100, lots: 2, makerLeft: 3, takerLeft: 0),
        ])
    }

    @Test("a price change goes to the back of the new level")
    func priceChangeGoesToBack() {
        var book = BothBooks()
        book.rest(limit(1, .buy, 100, 5), limit(2, .buy, 101, 5, owner: 2), limit(3, .buy, 101, 5, owner: 3))
        book.amend(1, price: 101, lots: 5, [amended(1, 101, 5, keptPriority: false)])
        book.expectBook(bids: [2, 3, 1], asks: [], sequence: 4)
        book.expectDepth(.buy, [DepthLevel(priceTicks: 101, lots: 15, orderCount: 3)])
        // Away and back again: behind the others even at its old price.
        book.amend(2, price: 99, lots: 5, [amended(2, 99, 5, keptPriority: false)])
        book.amend(2, price: 101, lots: 5, [amended(2, 101, 5, keptPriority: false)])
        book.expectBook(bids: [3, 1, 2], asks: [], sequence: 6)
    }

    @Test("an amend that crosses trades as a taker and rests what is left at the new price")
    func amendThatCrosses() {
        var book = BothBooks()
        book.rest(limit(1, .buy, 100, 5), limit(2, .sell, 102, 3, owner: 2), limit(3, .sell, 103, 10, owner: 3))
        book.amend(1, price: 102, lots: 8, [
            amended(1, 102, 8, keptPriority: false),
            trade(maker: 2, makerOwner: 2, taker: 1, takerOwner: 1, .buy, at: 102, lots: 3, makerLeft: 0, takerLeft: 5),
        ])
        book.expectOrder(1, resting(1, .buy, 102, lots: 8, filled: 3))
        book.expectBook(bids: [1], asks: [3], sequence: 4)
        // Across two levels, filling whole: it leaves the book, and a later cancel finds it final.
        book.rest(limit(4, .sell, 104, 2, owner: 4))
        book.amend(1, price: 104, lots: 13, [
            amended(1, 104, 13, keptPriority: false),
            trade(maker: 3, makerOwner: 3, taker: 1, takerOwner: 1, .buy, at: 103, lots: 10, makerLeft: 0, takerLeft: 0),
        ])
        book.expectBook(bids: [], asks: [4], sequence: 6)
        book.cancel(1, [rejected(1, .orderAlreadyFinal)], code: .orderAlreadyFinal)
    }

    @Test("an amend that crosses its own order follows its self-trade prevention mode")
    func amendWithSelfTrade() {
        var book = BothBooks()
        book.rest(limit(1, .buy, 100, 5, owner: 7), limit(2, .sell, 102, 3, owner: 7))
        book.amend(1, price: 102, lots: 5, [
            amended(1, 102, 5, keptPriority: false),
            cancelled(1, 5, .selfTradePrevention),
        ])
        book.expectBook(bids: [], asks: [2], sequence: 3)
        book.amend(1, price: 102, lots: 5, [rejected(1, .orderAlreadyFinal)], code: .orderAlreadyFinal)
        // CANCEL_MAKER: the own ask goes and the amended order rests at its new price.
        book.rest(limit(3, .buy, 100, 5, owner: 7, stp: .cancelMaker))
        book.amend(3, price: 102, lots: 5, [
            amended(3, 102, 5, keptPriority: false),
            cancelled(2, 3, .selfTradePrevention),
        ])
        book.expectBook(bids: [3], asks: [], sequence: 5)
        book.expectOrder(3, resting(3, .buy, 102, lots: 5, owner: 7, stp: .cancelMaker))
    }

    @Test("a post-only amend that would cross is rejected and the order stays as it was")
    func postOnlyAmendWouldCross() {
        var book = BothBooks()
        book.rest(limit(1, .buy, 100, 5, tif: .postOnly), limit(2, .buy, 100, 5, owner: 2),
                  limit(3, .sell, 102, 5, owner: 3))
        book.amend(1, price: 102, lots: 5, [rejected(1, .postOnlyWouldTake)], code: .postOnlyWouldTake)
        book.amend(1, price: 103, lots: 9, [rejected(1, .postOnlyWouldTake)], code: .postOnlyWouldTake)
        book.expectOrder(1, resting(1, .buy, 100, lots: 5, tif: .postOnly))
        book.expectBook(bids: [1, 2], asks: [3], sequence: 3)
        // Not crossing is fine, and a decrease in place needs no check.
        book.amend(1, price: 100, lots: 4, [amended(1, 100, 4, keptPriority: true)])
        book.amend(1, price: 101, lots: 4, [amended(1, 101, 4, keptPriority: false)])
        book.expectOrder(1, resting(1, .buy, 101, lots: 4, tif: .postOnly))
        book.expectBook(bids: [1, 2], asks: [3], sequence: 5)
    }

    @Test("the new quantity is the total and must exceed what has filled")
    func quantityAgainstFilled() {
        var book = BothBooks()
        book.rest(limit(1, .buy, 100, 10))
        book.place(limit(2, .sell, 100, 4, owner: 2), [
            accepted(2, .sell, 100, 4),
            trade(maker: 1, taker: 2, takerOwner: 2, .sell, at: 100, lots: 4, makerLeft: 6, takerLeft: 0),
        ])
        book.amend(1, price: 100, lots: 4, [rejected(1, .invalidParameter)], code: .invalidParameter)
        book.amend(1, price: 101, lots: 3, [rejected(1, .invalidParameter)], code: .invalidParameter)
        book.amend(1, price: 100, lots: 0, [rejected(1, .invalidParameter)], code: .invalidParameter)
        book.amend(1, price: 0, lots: 8, [rejected(1, .invalidParameter)], code: .invalidParameter)
        book.amend(1, price: -100, lots: 8, [rejected(1, .invalidParameter)], code: .invalidParameter)
        book.expectOrder(1, resting(1, .buy, 100, lots: 10, filled: 4))
        book.expectBook(bids: [1], asks: [], sequence: 2)
        // 5 total with 4 filled leaves 1; then a new price and 12 total leaves 8, filled kept.
        book.amend(1, price: 100, lots: 5, [amended(1, 100, 5, keptPriority: true)])
        book.expectOrder(1, resting(1, .buy, 100, lots: 5, filled: 4))
        book.amend(1, price: 101, lots: 12, [amended(1, 101, 12, keptPriority: false)])
        book.expectOrder(1, resting(1, .buy, 101, lots: 12, filled: 4))
        book.expectDepth(.buy, [DepthLevel(priceTicks: 101, lots: 8, orderCount: 1)])
        book.expectBook(bids: [1], asks: [], sequence: 4)
    }

    @Test("an amend to the same price and quantity is acknowledged and changes nothing")
    func noOpAmend() {
        var book = BothBooks()
        book.rest(limit(1, .sell, 100, 5), limit(2, .sell, 100, 5, owner: 2))
        book.amend(1, price: 100, lots: 5, [amended(1, 100, 5, keptPriority: true)])
        book.expectBook(bids: [], asks: [1, 2], sequence: 2)
        let hash = book.fast.stateHash()
        book.amend(1, price: 100, lots: 5, [amended(1, 100, 5, keptPriority: true)])
        #expect(book.fast.stateHash() == hash)
    }

    @Test("an amend of a final or unknown order is refused")
    func amendMissing() {
        var book = BothBooks()
        book.rest(limit(1, .sell, 100, 5), limit(5, .sell, 101, 5))
        book.cancel(1, [cancelled(1, 5, .user)])
        book.amend(1, price: 100, lots: 5, [rejected(1, .orderAlreadyFinal)], code: .orderAlreadyFinal)
        book.amend(3, price: 100, lots: 5, [rejected(3, .orderAlreadyFinal)], code: .orderAlreadyFinal)  // an unused id below 5
        book.amend(6, price: 100, lots: 5, [rejected(6, .orderNotFound)], code: .orderNotFound)
        // Not live comes first, before the parameters are looked at.
        book.amend(6, price: 0, lots: 0, [rejected(6, .orderNotFound)], code: .orderNotFound)
        book.amend(1, price: 0, lots: 0, [rejected(1, .orderAlreadyFinal)], code: .orderAlreadyFinal)
        book.expectBook(bids: [], asks: [5], sequence: 3)
    }
}

@Suite("Order book: cancel, ids, depth and sequence")
struct BookBookkeepingExamples {
    @Test("cancel removes a live order with what it had left, and refuses final and unknown ids")
    func cancel() {
        var book = BothBooks()
        book.rest(limit(1, .buy, 100, 10), limit(2, .buy, 100, 3, owner: 2))
        book.place(limit(3, .sell, 100, 4, owner: 3), [
            accepted(3, .sell, 100, 4),
            trade(maker: 1, taker: 3, takerOwner: 3, .sell, at: 100, lots: 4, makerLeft: 6, takerLeft: 0),
        ])
        book.cancel(1, [cancelled(1, 6, .user)])
        book.expectBook(bids: [2], asks: [], sequence: 4)
        book.cancel(1, [rejected(1, .orderAlreadyFinal)], code: .orderAlreadyFinal)
        book.cancel(3, [rejected(3, .orderAlreadyFinal)], code: .orderAlreadyFinal)  // filled on arrival
        book.cancel(4, [rejected(4, .orderNotFound)], code: .orderNotFound)
        book.expectBook(bids: [2], asks: [], sequence: 4)
        // The reason is passed through.
        var fastEvents: [BookEvent] = []
        var referenceEvents: [BookEvent] = []
        #expect(book.fast.cancel(orderId: 2, reason: .liquidation, into: &fastEvents) == nil)
        #expect(book.reference.cancel(orderId: 2, reason: .liquidation, into: &referenceEvents) == nil)
        #expect(fastEvents == [cancelled(2, 3, .liquidation)])
        #expect(referenceEvents == [cancelled(2, 3, .liquidation)])
        book.expectBook(bids: [], asks: [], sequence: 5)
        #expect(book.fast.levelCount(side: .buy) == 0)
    }

    @Test("ids: at or below the highest accepted id is a duplicate; a rejected id stays free")
    func duplicateIds() {
        var book = BothBooks()
        book.rest(limit(5, .buy, 100, 1))
        book.place(limit(5, .buy, 99, 1), [rejected(5, .duplicateClientOrderId)], code: .duplicateClientOrderId)
        book.place(limit(3, .buy, 99, 1), [rejected(3, .duplicateClientOrderId)], code: .duplicateClientOrderId)
        book.place(limit(0, .buy, 99, 1), [rejected(0, .duplicateClientOrderId)], code: .duplicateClientOrderId)
        // The first failure wins: duplicate before quantity, quantity before price.
        book.place(limit(4, .buy, 0, 0), [rejected(4, .duplicateClientOrderId)], code: .duplicateClientOrderId)
        book.place(limit(9, .buy, 0, 0), [rejected(9, .invalidParameter)], code: .invalidParameter)
        book.place(limit(9, .buy, 100, -2), [rejected(9, .invalidParameter)], code: .invalidParameter)
        book.place(limit(9, .buy, -1, 2), [rejected(9, .invalidParameter)], code: .invalidParameter)
        #expect(book.fast.highestAcceptedId == 5)
        book.expectBook(bids: [5], asks: [], sequence: 1)
        // 9 was never accepted: it can be used, and after it 7 cannot.
        book.rest(limit(9, .buy, 99, 1))
        book.place(limit(7, .buy, 99, 1), [rejected(7, .duplicateClientOrderId)], code: .duplicateClientOrderId)
        #expect(book.fast.highestAcceptedId == 9)
    }

    @Test("id 0 is never accepted, so a cancel or amend of it is not found, never already final")
    func idZero() {
        // Id 0 is never accepted (place(id: 0) is refused as used), so a cancel or amend of
        // it is ORDER_NOT_FOUND, never "already final", even once other ids were accepted.
        var book = BothBooks()
        book.cancel(0, [rejected(0, .orderNotFound)], code: .orderNotFound)
        book.rest(limit(1, .buy, 100, 1))
        book.amend(0, price: 100, lots: 1, [rejected(0, .orderNotFound)], code: .orderNotFound)
    }

    @Test("depth and level totals aggregate remaining quantities, best price first")
    func depthAndLevels() {
        var book = BothBooks()
        book.rest(limit(1, .buy, 100, 5), limit(2, .buy, 100, 7, owner: 2), limit(3, .buy, 98, 1),
                  limit(4, .buy, 99, 2), limit(5, .sell, 103, 4), limit(6, .sell, 101, 3), limit(7, .sell, 103, 1))
        book.expectDepth(.buy, [
            DepthLevel(priceTicks: 100, lots: 12, orderCount: 2), DepthLevel(priceTicks: 99, lots: 2, orderCount: 1),
            DepthLevel(priceTicks: 98, lots: 1, orderCount: 1),
        ])
        book.expectDepth(.sell, [
            DepthLevel(priceTicks: 101, lots: 3, orderCount: 1), DepthLevel(priceTicks: 103, lots: 5, orderCount: 2),
        ])
        book.expectDepth(.buy, [DepthLevel(priceTicks: 100, lots: 12, orderCount: 2)], limit: 1)
        book.expectDepth(.buy, [], limit: 0)
        // A partial fill lowers the level by what filled.
        book.place(limit(8, .sell, 100, 6, owner: 3), [
            accepted(8, .sell, 100, 6),
            trade(maker: 1, taker: 8, takerOwner: 3, .sell, at: 100, lots: 5, makerLeft: 0, takerLeft: 1),
            trade(maker: 2, makerOwner: 2, taker: 8, takerOwner: 3, .sell, at: 100, lots: 1, makerLeft: 6, takerLeft: 0),
        ])
        for (side, price, lots) in [(Side.buy, Int64(100), Int64(6)), (.buy, 99, 2), (.buy, 101, 0), (.sell, 103, 5), (.sell, 100, 0)] {
            #expect(book.fast.levelLots(side: side, priceTicks: price) == lots)
            #expect(book.reference.levelLots(side: side, priceTicks: price) == lots)
        }
        #expect(book.fast.levelCount(side: .buy) == 3 && book.fast.levelCount(side: .sell) == 2)
        #expect(book.fast.bestBid == 100 && book.fast.bestAsk == 101 && book.fast.orderCount == 6)
    }

    @Test("the sequence moves by exactly one per command that changes the aggregated book")
    func sequence() {
        var book = BothBooks()
        book.expectBook(bids: [], asks: [], sequence: 0)
        book.rest(limit(1, .sell, 101, 5))  // a new level
        book.rest(limit(2, .sell, 101, 5))  // a level's total
        book.expectBook(bids: [], asks: [1, 2], sequence: 2)
        // One command with several trades is one step.
        book.place(limit(3, .buy, 101, 7, owner: 2, tif: .ioc), [
            accepted(3, .buy, 101, 7),
            trade(maker: 1, taker: 3, takerOwner: 2, .buy, at: 101, lots: 5, makerLeft: 0, takerLeft: 2),
            trade(maker: 2, taker: 3, takerOwner: 2, .buy, at: 101, lots: 2, makerLeft: 3, takerLeft: 0),
        ])
        book.expectBook(bids: [], asks: [2], sequence: 3)
        // Rejections, an IOC that finds nothing, a market order with nothing in its band and a
        // no-op amend change nothing.
        book.place(limit(3, .buy, 100, 1), [rejected(3, .duplicateClientOrderId)], code: .duplicateClientOrderId)
        book.place(limit(4, .buy, 100, 1, tif: .ioc), [accepted(4, .buy, 100, 1), cancelled(4, 1, .immediateOrCancel)])
        book.setReferencePrice(10)
        book.place(market(5, .buy, 1, owner: 2), [accepted(5, .buy, 10, 1), cancelled(5, 1, .priceBand)])
        book.amend(2, price: 101, lots: 5, [amended(2, 101, 5, keptPriority: true)])
        book.cancel(99, [rejected(99, .orderNotFound)], code: .orderNotFound)
        book.expectBook(bids: [], asks: [2], sequence: 3)
        // A decrease in place, a move and a cancel each count once.
        book.amend(2, price: 101, lots: 4, [amended(2, 101, 4, keptPriority: true)])
        book.amend(2, price: 102, lots: 4, [amended(2, 102, 4, keptPriority: false)])
        book.cancel(2, [cancelled(2, 2, .user)])
        book.expectBook(bids: [], asks: [], sequence: 6)
    }
}
