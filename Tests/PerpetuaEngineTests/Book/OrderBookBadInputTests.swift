import PerpetuaCore
import PerpetuaEngine
import Testing

// Every bad input yields its catalogue code and leaves a populated book exactly as it was:
// same stateHash(), same sequence, same orders. Decimal and grid errors are caught at the
// edge (parsing and the symbol's conversions) before the book is called; the rest are the
// book's own refusals.

/// A small book with every kind of order on it: two sides, several levels, a post-only
/// order, a partially filled order, and final ids (filled, cancelled, IOC-expired).
private func populatedBook() -> BothBooks {
    var book = BothBooks()
    book.rest(limit(1, .buy, 990, 5), limit(2, .buy, 990, 3, owner: 2), limit(3, .buy, 980, 10, owner: 3, tif: .postOnly),
              limit(4, .sell, 1_010, 6), limit(5, .sell, 1_020, 4, owner: 2), limit(6, .sell, 1_030, 8, owner: 3))
    book.place(limit(7, .buy, 1_010, 2, owner: 2), [
        accepted(7, .buy, 1_010, 2),
        trade(maker: 4, taker: 7, takerOwner: 2, .buy, at: 1_010, lots: 2, makerLeft: 4, takerLeft: 0),
    ])
    book.rest(limit(8, .sell, 2_000, 1))
    book.cancel(8, [cancelled(8, 1, .user)])
    book.place(limit(9, .buy, 500, 1, tif: .ioc), [accepted(9, .buy, 500, 1), cancelled(9, 1, .immediateOrCancel)])
    book.setReferencePrice(1_000)
    return book
}

/// Everything a command must leave alone when it is refused.
private struct Snapshot: Equatable {
    var hash: UInt64
    var sequence: UInt64
    var highestAcceptedId: UInt64
    var bids: [RestingOrder]
    var asks: [RestingOrder]

    init(_ book: OrderBook) {
        hash = book.stateHash()
        sequence = book.sequence
        highestAcceptedId = book.highestAcceptedId
        bids = book.restingOrders(side: .buy)
        asks = book.restingOrders(side: .sell)
    }

    init(_ book: ReferenceBook) {
        hash = 0
        sequence = book.sequence
        highestAcceptedId = book.highestAcceptedId
        bids = book.restingOrders(side: .buy)
        asks = book.restingOrders(side: .sell)
    }
}

/// What the gateway does with an order request: parse the decimals, put them on the
/// symbol's grid, check the size, then place. A failure before the book answers its code
/// without calling the book.
private func placeRequest(
    _ book: inout BothBooks, id: UInt64, side: Side, price: String, quantity: String,
    spec: SymbolSpec = TestSymbols.btc
) -> (code: ErrorCode?, error: PerpetuaError?) {
    do throws(PerpetuaError) {
        let parsedPrice: Price
        let parsedQuantity: Quantity
        do { parsedPrice = try Price(parsing: price) } catch { throw error.error(field: "price", kind: .price) }
        do { parsedQuantity = try Quantity(parsing: quantity) } catch { throw error.error(field: "quantity", kind: .quantity) }
        let ticks = try spec.ticks(for: parsedPrice)
        let lots = try spec.lots(for: parsedQuantity)
        try spec.checkSize(lots: lots, atTicks: ticks)
        var fastEvents: [BookEvent] = []
        var referenceEvents: [BookEvent] = []
        let code = book.fast.place(limit(id, side, ticks, lots), into: &fastEvents)
        let referenceCode = book.reference.place(limit(id, side, ticks, lots), into: &referenceEvents)
        #expect(fastEvents == referenceEvents && code == referenceCode)
        return (code, nil)
    } catch {
        return (error.code, error)
    }
}

@Suite("Order book: bad input changes nothing")
struct OrderBookBadInputTests {
    /// Runs `body` against the populated book and expects the book untouched afterwards.
    private func expectUnchanged(
        sourceLocation: SourceLocation = #_sourceLocation, _ body: (inout BothBooks) -> Void
    ) {
        var book = populatedBook()
        let before = Snapshot(book.fast)
        let referenceBefore = Snapshot(book.reference)
        body(&book)
        #expect(Snapshot(book.fast) == before, "OrderBook changed", sourceLocation: sourceLocation)
        #expect(Snapshot(book.reference) == referenceBefore, "reference changed", sourceLocation: sourceLocation)
        do {
            try book.fast.validateInternalState()
        } catch {
            Issue.record("validateInternalState: \(error.description)", sourceLocation: sourceLocation)
        }
    }

    static let malformedDecimals: [(price: String, quantity: String, code: ErrorCode, field: String)] = [
        ("", "1", .invalidParameter, "price"),
        ("abc", "1", .invalidParameter, "price"),
        ("1e5", "1", .invalidParameter, "price"),
        ("65000.5E0", "1", .invalidParameter, "price"),
        (" 65000", "1", .invalidParameter, "price"),
        ("65000 ", "1", .invalidParameter, "price"),
        ("+65000", "1", .invalidParameter, "price"),
        (".5", "1", .invalidParameter, "price"),
        ("65000.", "1", .invalidParameter, "price"),
        ("65,000", "1", .invalidParameter, "price"),
        ("65000.5.1", "1", .invalidParameter, "price"),
        ("--1", "1", .invalidParameter, "price"),
        ("-", "1", .invalidParameter, "price"),
        ("0x10", "1", .invalidParameter, "price"),
        ("99999999999999999999", "1", .invalidParameter, "price"),
        ("92233720368.54775808", "1", .invalidParameter, "price"),
        ("65000.000000001", "1", .priceNotOnTick, "price"),
        ("65000", "", .invalidParameter, "quantity"),
        ("65000", "one", .invalidParameter, "quantity"),
        ("65000", "1e-3", .invalidParameter, "quantity"),
        ("65000", "NaN", .invalidParameter, "quantity"),
        ("65000", "1.000000001", .quantityNotOnStep, "quantity"),
        ("abc", "1.000000001", .invalidParameter, "price"),  // the price is checked first
    ]

    @Test("malformed decimals map to their catalogue codes", arguments: malformedDecimals)
    func malformedDecimal(price: String, quantity: String, code: ErrorCode, field: String) {
        expectUnchanged { book in
            let result = placeRequest(&book, id: 100, side: .buy, price: price, quantity: quantity)
            #expect(result.code == code)
            #expect(result.error?.details["field"] == field)
        }
    }

    static let offGrid: [(price: String, quantity: String, code: ErrorCode, detail: (String, String))] = [
        ("0", "1", .invalidParameter, ("field", "price")),
        ("0.0", "1", .invalidParameter, ("field", "price")),
        ("-65000", "1", .invalidParameter, ("field", "price")),
        ("65000", "0", .invalidParameter, ("field", "quantity")),
        ("65000", "0.000", .invalidParameter, ("field", "quantity")),
        ("65000", "-1", .invalidParameter, ("field", "quantity")),
        ("65000.05", "1", .priceNotOnTick, ("tickSize", "0.1")),
        ("0.01", "1", .priceNotOnTick, ("tickSize", "0.1")),
        ("65000", "0.0005", .quantityNotOnStep, ("stepSize", "0.001")),
        ("65000", "1.0001", .quantityNotOnStep, ("stepSize", "0.001")),
        ("65000", "1000.001", .quantityOutOfRange, ("maxQty", "1000.000")),
        ("0.1", "1", .notionalBelowMinimum, ("minNotional", "5")),
    ]

    @Test("non-positive, off-grid and out-of-range values are refused by the symbol", arguments: offGrid)
    func offGridValue(price: String, quantity: String, code: ErrorCode, detail: (String, String)) {
        expectUnchanged { book in
            let result = placeRequest(&book, id: 100, side: .buy, price: price, quantity: quantity)
            #expect(result.code == code)
            #expect(result.error?.details[detail.0] == detail.1, "details: \(result.error?.details ?? [:])")
        }
    }

    @Test("a well-formed request on the grid reaches the book (the control case)")
    func wellFormedRequest() {
        var book = populatedBook()
        let before = book.fast.sequence
        // 98.0 is 980 ticks of 0.1, 0.06 is 60 lots of 0.001; zeros past the eighth decimal
        // carry no precision.
        let result = placeRequest(&book, id: 100, side: .buy, price: "98.00000000000", quantity: "0.0600000000")
        #expect(result.code == nil && result.error == nil)
        #expect(book.fast.order(id: 100) == resting(100, .buy, 980, lots: 60))
        #expect(book.fast.sequence == before + 1)
    }

    @Test("the book's own refusals: each one event, its code, nothing changed")
    func bookRefusals() {
        let cases: [(BookCommand, UInt64, ErrorCode)] = [
            // Duplicate ids: live, partially filled, filled, cancelled, expired, never used but below the highest.
            (.place(limit(1, .buy, 990, 1)), 1, .duplicateClientOrderId),
            (.place(limit(4, .sell, 1_100, 1)), 4, .duplicateClientOrderId),
            (.place(limit(7, .buy, 990, 1)), 7, .duplicateClientOrderId),
            (.place(limit(8, .buy, 990, 1)), 8, .duplicateClientOrderId),
            (.place(limit(9, .buy, 990, 1)), 9, .duplicateClientOrderId),
            (.place(market(9, .buy, 1)), 9, .duplicateClientOrderId),
            (.place(limit(0, .buy, 990, 1)), 0, .duplicateClientOrderId),
            // Non-positive quantity or price; a post-only market order.
            (.place(limit(10, .buy, 990, 0)), 10, .invalidParameter),
            (.place(limit(10, .buy, 990, -5)), 10, .invalidParameter),
            (.place(market(10, .sell, 0)), 10, .invalidParameter),
            (.place(limit(10, .buy, 0, 1)), 10, .invalidParameter),
            (.place(limit(10, .sell, -1_010, 1)), 10, .invalidParameter),
            (.place(market(10, .buy, 1, tif: .postOnly)), 10, .invalidParameter),
            // Would take; cannot fill whole.
            (.place(limit(10, .buy, 1_010, 1, tif: .postOnly)), 10, .postOnlyWouldTake),
            (.place(limit(10, .sell, 990, 1, tif: .postOnly)), 10, .postOnlyWouldTake),
            (.place(limit(10, .buy, 1_030, 19, owner: 9, tif: .fok)), 10, .fillOrKillNotFilled),
            (.place(market(10, .buy, 17, owner: 9, tif: .fok)), 10, .fillOrKillNotFilled),  // 16 lots within the band
            (.place(limit(10, .buy, 1_010, 1, owner: 1, tif: .fok)), 10, .fillOrKillNotFilled),  // own order, CANCEL_TAKER
            // Cancel and amend of unknown and final orders.
            (.cancel(orderId: 10), 10, .orderNotFound),
            (.cancel(orderId: UInt64.max), UInt64.max, .orderNotFound),
            (.cancel(orderId: 7), 7, .orderAlreadyFinal),
            (.cancel(orderId: 8), 8, .orderAlreadyFinal),
            (.cancel(orderId: 9), 9, .orderAlreadyFinal),
            (.amend(orderId: 10, priceTicks: 990, lots: 1), 10, .orderNotFound),
            (.amend(orderId: 8, priceTicks: 2_000, lots: 1), 8, .orderAlreadyFinal),
            (.amend(orderId: 7, priceTicks: 1_010, lots: 5), 7, .orderAlreadyFinal),
            // Amends with bad values: non-positive, at or below what has filled, post-only crossing.
            (.amend(orderId: 1, priceTicks: 990, lots: 0), 1, .invalidParameter),
            (.amend(orderId: 1, priceTicks: 0, lots: 5), 1, .invalidParameter),
            (.amend(orderId: 1, priceTicks: -990, lots: 5), 1, .invalidParameter),
            (.amend(orderId: 4, priceTicks: 1_010, lots: 2), 4, .invalidParameter),  // 2 filled
            (.amend(orderId: 4, priceTicks: 1_000, lots: 1), 4, .invalidParameter),
            (.amend(orderId: 3, priceTicks: 1_010, lots: 10), 3, .postOnlyWouldTake),
            (.amend(orderId: 3, priceTicks: 1_050, lots: 20), 3, .postOnlyWouldTake),
        ]
        for (command, id, code) in cases {
            expectUnchanged { book in
                book.expect(command, [rejected(id, code)], code: code)
            }
        }
    }

    @Test("a mix of bad inputs in a row leaves the book and its hash exactly as they were")
    func manyInARow() {
        expectUnchanged { book in
            for request in Self.malformedDecimals {
                _ = placeRequest(&book, id: 100, side: .sell, price: request.price, quantity: request.quantity)
            }
            for request in Self.offGrid {
                _ = placeRequest(&book, id: 100, side: .sell, price: request.price, quantity: request.quantity)
            }
            book.cancel(8, [rejected(8, .orderAlreadyFinal)], code: .orderAlreadyFinal)
            book.cancel(11, [rejected(11, .orderNotFound)], code: .orderNotFound)
            book.place(limit(5, .sell, 1_500, 1), [rejected(5, .duplicateClientOrderId)], code: .duplicateClientOrderId)
            book.amend(2, price: 990, lots: -3, [rejected(2, .invalidParameter)], code: .invalidParameter)
        }
    }
}
