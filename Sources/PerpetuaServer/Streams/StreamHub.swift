import Foundation
import Logging
import NIOCore
import PerpetuaCore
import PerpetuaEngine
import PerpetuaJournal
import PerpetuaStore
import Synchronization

/// The fan-out of API.md §6: turns the exchange's committed batches into channel messages
/// and private events, and queues them on the subscribed connections.
///
/// It runs on the exchange's pump task (the one that feeds ``MarketData`` and the
/// projector), never on the sequencer: ``publish(_:)`` formats each message once and hands
/// it to every subscriber's bounded queue without waiting. A client that falls behind is
/// disconnected (``StreamConnection``); nothing upstream ever blocks on a socket.
///
/// Depth is kept by ``DepthView`` from order events; see there why a subscriber's book
/// equals REST depth at the same `seq`. Top-N snapshots and klines go out every 100 ms
/// when changed, tickers every second when changed, mark prices as the engine ticks them.
public final class StreamHub: Sendable {
    struct State: Sendable {
        /// Commands at or below this sequence are already in the seed.
        var seededThrough: UInt64 = 0
        /// The last command published.
        var lastPublished: UInt64 = 0
        var books: [String: DepthView] = [:]
        var marks: [String: MarkPriceRecord] = [:]
        var lastPrices: [String: Price] = [:]
        var subscribers: [StreamChannelKey: [UInt64: StreamConnection]] = [:]
        var privateByAccount: [UInt64: [UInt64: StreamConnection]] = [:]
        var connections: [UInt64: StreamConnection] = [:]
        /// `DepthView.version` last pushed per top-N channel.
        var topSent: [StreamChannelKey: UInt64] = [:]
        var tickerDirty: Set<String> = []
        var klines: [StreamChannelKey: KlineTracker] = [:]
        /// Kline channels waiting for their current bar from the store.
        var klineSeeds: Set<StreamChannelKey> = []
        var stopped = false
    }

    let settings: StreamSettings
    let market: MarketData
    let store: SQLStore
    let clock: @Sendable () -> Int64
    let logger: Logger
    let state = Mutex(State())
    private let nextId = Atomic<UInt64>(1)
    /// Connections closed because their queue overflowed (1008 "slow consumer").
    let slowConsumerCount = Atomic<Int>(0)
    private let timers = Mutex<Task<Void, Never>?>(nil)
    /// One per event loop that serves stream connections.
    private let flushers = Mutex<[ObjectIdentifier: StreamFlusher]>([:])

    init(settings: StreamSettings, market: MarketData, store: SQLStore, logger: Logger, clock: @escaping @Sendable () -> Int64) {
        self.settings = settings
        self.market = market
        self.store = store
        self.logger = logger
        self.clock = clock
    }

    /// The number of open stream connections.
    public var connectionCount: Int { state.withLock { $0.connections.count } }

    /// How many connections were closed as slow consumers since start.
    public var slowConsumers: Int { slowConsumerCount.load(ordering: .relaxed) }

    // MARK: Seeding and publishing

    /// Starts from the engine's state; commands up to `seed.lastSequence` are skipped when
    /// they arrive on the committed stream.
    func seed(_ seed: StreamSeed) {
        state.withLock { state in
            state.seededThrough = seed.lastSequence
            for symbol in seed.symbols {
                let spec = symbol.market.spec
                var view = DepthView(spec: spec, sequence: symbol.market.depthSequence)
                for order in symbol.orders { view.seed(order) }
                view.markPublished()
                let levels = view.allLevels
                let engineBids = symbol.bids.map { ($0.0.units, $0.1.units) }
                let engineAsks = symbol.asks.map { ($0.0.units, $0.1.units) }
                if !levels.bids.elementsEqual(engineBids, by: ==) || !levels.asks.elementsEqual(engineAsks, by: ==) {
                    logger.error("streams: the depth view of \(spec.symbol) built from open orders differs from the engine's book")
                }
                state.books[spec.symbol] = view
                if let mark = symbol.market.markPrice, let index = symbol.market.indexPrice {
                    state.marks[spec.symbol] = MarkPriceRecord(
                        symbol: spec.symbol, markPrice: mark, indexPrice: index,
                        estimatedFundingRate: symbol.market.estimatedFundingRate,
                        nextFundingTime: symbol.market.nextFundingTime, time: seed.time)
                }
                if let last = symbol.market.lastPrice { state.lastPrices[spec.symbol] = last }
            }
        }
    }

    /// Loads what new kline subscriptions need from the store. Called on the fan-out task
    /// before ``publish(_:)``. Only when a new kline channel needs its current bar does it
    /// wait, until the projector has stored every command published so far (`projected`),
    /// asking it (`urge`) not to linger over them.
    func prepare(projected: @Sendable () -> UInt64, urge: @Sendable (UInt64) -> Void) async {
        let (keys, published) = state.withLock { state -> ([StreamChannelKey], UInt64) in
            let keys = Array(state.klineSeeds)
            state.klineSeeds.removeAll()
            return (keys, max(state.lastPublished, state.seededThrough))
        }
        guard !keys.isEmpty else { return }
        while projected() < published {
            urge(published)
            try? await Task.sleep(for: .milliseconds(1))
        }
        let now = clock()
        for key in keys {
            guard let interval = key.interval, let priceType = key.priceType else { continue }
            let current = try? await store.currentKline(symbol: key.symbol, priceType: priceType, interval: interval, now: now)
            let bar = current?.bar.flatMap { $0.tradeCount > 0 || priceType != .trade ? $0 : nil }
            // What the bar holds: at least everything published so far (waited for above),
            // and possibly more, which must not be counted twice when it is published.
            let through = max(published, current?.projectedThrough ?? published)
            state.withLock { state in
                guard state.subscribers[key]?.isEmpty == false else { return }
                var tracker = KlineTracker(interval: interval, bar: bar, seededThrough: through)
                tracker.dirty = bar != nil
                state.klines[key] = tracker
            }
        }
    }

    /// Publishes a committed batch: channel messages and private events, in order.
    func publish(_ batch: [CommittedCommand]) {
        state.withLock { state in
            guard !state.stopped else { return }
            for command in batch where command.sequence > state.seededThrough {
                publish(command, &state)
            }
            if let last = batch.last { state.lastPublished = max(state.lastPublished, last.sequence) }
        }
    }

    private func publish(_ command: CommittedCommand, _ state: inout State) {
        let time = command.envelope.timestamp
        var touched: [String] = []
        var trades: [String: [PublicTradeResource]] = [:]
        for event in command.result.events {
            switch event {
            case .order(let order):
                state.books[order.symbol]?.apply(order)
                sendPrivate(order.account, "ORDER_UPDATE", time, &state) {
                    StreamJSON.encode(OrderUpdatePayload(order, spec: self.market.spec(order.symbol)))
                }
            case .depth(let symbol, let sequence):
                state.books[symbol]?.noteSequence(sequence)
                if !touched.contains(symbol) { touched.append(symbol) }
            case .trade(let trade):
                let spec = market.spec(trade.symbol)
                state.lastPrices[trade.symbol] = trade.price
                state.tickerDirty.insert(trade.symbol)
                if state.subscribers[StreamChannelKey(kind: .trades, symbol: trade.symbol)]?.isEmpty == false {
                    trades[trade.symbol, default: []].append(PublicTradeResource(
                        tradeId: String(trade.tradeId), price: spec?.text(trade.price) ?? trade.price.description,
                        qty: spec?.text(trade.quantity) ?? trade.quantity.description, side: trade.takerSide.rawValue,
                        time: trade.time))
                }
                recordKline(trade.symbol, .trade, price: trade.price, quantity: trade.quantity, time: trade.time, command.sequence, &state)
            case .markPrice(let record):
                state.marks[record.symbol] = record
                state.tickerDirty.insert(record.symbol)
                let key = StreamChannelKey(kind: .markPrice, symbol: record.symbol)
                if let subscribers = state.subscribers[key], !subscribers.isEmpty {
                    let text = markPriceMessage(record)
                    let message = StreamFrame(text)
                    for connection in subscribers.values { connection.send(message) }
                }
                recordKline(record.symbol, .mark, price: record.markPrice, quantity: nil, time: record.time, command.sequence, &state)
                recordKline(record.symbol, .index, price: record.indexPrice, quantity: nil, time: record.time, command.sequence, &state)
            case .symbol(let spec):
                if state.books[spec.symbol] == nil {
                    state.books[spec.symbol] = DepthView(spec: spec, sequence: 0)
                } else {
                    state.books[spec.symbol]!.update(spec: spec)
                }
            case .position(let position):
                sendPrivate(position.account, "POSITION_UPDATE", time, &state) {
                    StreamJSON.encode(PositionResource(position, spec: self.market.spec(position.symbol)))
                }
            case .balance(let change):
                sendPrivate(change.account, "BALANCE_UPDATE", time, &state) { StreamJSON.encode(AccountChangeResource(change)) }
            case .condition(let condition):
                sendPrivate(condition.request.account, "CONDITION_ORDER_UPDATE", time, &state) {
                    StreamJSON.encode(ConditionOrderResource(condition, spec: self.market.spec(condition.request.symbol)))
                }
            case .strategy(let strategy):
                sendPrivate(strategy.account, "STRATEGY_UPDATE", time, &state) { StreamJSON.encode(StrategyResource(strategy)) }
            case .liquidation(let record):
                sendPrivate(record.account, "LIQUIDATION", time, &state) {
                    StreamJSON.encode(LiquidationPayload(record, spec: self.market.spec(record.symbol)))
                }
            case .marginCall(let account, let ratio):
                sendPrivate(account, "MARGIN_CALL", time, &state) { StreamJSON.encode(MarginCallPayload(marginRatio: ratio.description)) }
            case .positionClosed, .fundingRate, .insuranceFund, .dailyBalance:
                break
            }
        }
        // One depth update per symbol per command: at a command boundary the view equals
        // the engine's book, whose sequence is the highest the command reported.
        for symbol in touched {
            // Mutated in place: a copy of the view would copy its whole book.
            guard state.books[symbol]?.hasPendingUpdate == true else { continue }
            state.tickerDirty.insert(symbol)
            let key = StreamChannelKey(kind: .depth, symbol: symbol)
            if let subscribers = state.subscribers[key], !subscribers.isEmpty {
                let update = state.books[symbol]!.takeUpdate()
                let text = Self.depthMessage(
                    channel: "depth", symbol: symbol, action: "update", seq: update.seq, prevSeq: Int64(update.prevSeq),
                    bids: update.bids, asks: update.asks, checksum: state.books[symbol]!.checksum(), time: time)
                let message = StreamFrame(text)
                for connection in subscribers.values { connection.send(message) }
            } else {
                state.books[symbol]!.markPublished()
            }
        }
        for (symbol, list) in trades {
            let text = #"{"channel":"trades","symbol":"\#(symbol)","data":\#(StreamJSON.encode(list))}"#
            let message = StreamFrame(text)
            for connection in (state.subscribers[StreamChannelKey(kind: .trades, symbol: symbol)] ?? [:]).values {
                connection.send(message)
            }
        }
    }

    private func sendPrivate(_ account: UInt64, _ event: String, _ time: Int64, _ state: inout State, data: () -> String) {
        guard let connections = state.privateByAccount[account], !connections.isEmpty else { return }
        let payload = data()
        for connection in connections.values { connection.sendEvent(event, eventTime: time, data: payload) }
    }

    private func recordKline(
        _ symbol: String, _ type: KlinePriceType, price: Price, quantity: Quantity?, time: Int64, _ sequence: UInt64, _ state: inout State
    ) {
        guard !state.klines.isEmpty else { return }
        for interval in KlineInterval.allCases {
            let key = StreamChannelKey(kind: .kline, symbol: symbol, interval: interval, priceType: type)
            state.klines[key]?.record(price: price, quantity: quantity, time: time, sequence: sequence)
        }
    }

    // MARK: Messages

    static func depthMessage(
        channel: String, symbol: String, action: String, seq: UInt64, prevSeq: Int64, bids: [[String]], asks: [[String]],
        checksum: Int32, time: Int64
    ) -> String {
        var text = #"{"channel":"\#(channel)","symbol":"\#(symbol)","action":"\#(action)","data":{"seq":\#(seq),"prevSeq":\#(prevSeq),"bids":"#
        appendLevels(bids, to: &text)
        text += #","asks":"#
        appendLevels(asks, to: &text)
        text += #","checksum":\#(checksum),"time":\#(time)}}"#
        return text
    }

    private static func appendLevels(_ levels: [[String]], to text: inout String) {
        text += "["
        for (i, level) in levels.enumerated() {
            if i > 0 { text += "," }
            text += "[\""
            text += level[0]
            text += "\",\""
            text += level[1]
            text += "\"]"
        }
        text += "]"
    }

    func markPriceMessage(_ record: MarkPriceRecord) -> String {
        #"{"channel":"markPrice","symbol":"\#(record.symbol)","data":\#(StreamJSON.encode(MarkPricePayload(record, spec: market.spec(record.symbol))))}"#
    }

    private func snapshotMessage(_ key: StreamChannelKey, _ view: DepthView, time: Int64) -> String {
        let levels = view.levels(limit: key.topLevels ?? .max)
        let top = key.topLevels.map { min($0, DepthChecksum.levels) } ?? DepthChecksum.levels
        let checksum = DepthChecksum.compute(bids: Array(levels.bids.prefix(top)), asks: Array(levels.asks.prefix(top)))
        return Self.depthMessage(
            channel: key.kind.rawValue, symbol: key.symbol, action: "snapshot", seq: view.sequence, prevSeq: -1,
            bids: levels.bids, asks: levels.asks, checksum: key.topLevels == nil ? view.checksum() : checksum, time: time)
    }

    private func tickerMessage(_ symbol: String, _ state: State, now: Int64) -> String? {
        guard let spec = market.spec(symbol) else { return nil }
        let view = state.books[symbol]
        let mark = state.marks[symbol]
        let ticker = TickerResource.make(
            spec: spec, day: market.rollingDay(symbol, now: now), lastPrice: state.lastPrices[symbol],
            markPrice: mark?.markPrice, indexPrice: mark?.indexPrice, bestBid: view?.bestBid.map { Price(units: $0) },
            bestAsk: view?.bestAsk.map { Price(units: $0) }, now: now)
        return #"{"channel":"ticker","symbol":"\#(symbol)","data":\#(StreamJSON.encode(ticker))}"#
    }

    private func klineMessage(_ key: StreamChannelKey, _ bar: Kline) -> String? {
        guard let spec = market.spec(key.symbol), let interval = key.interval, let priceType = key.priceType else { return nil }
        return #"{"channel":"kline","symbol":"\#(key.symbol)","interval":"\#(interval.rawValue)","priceType":"\#(priceType.rawValue)","data":\#(StreamJSON.encode(KlineResource(bar, spec: spec)))}"#
    }

    // MARK: Connections

    /// A new connection's outbound side, registered with the hub; it writes through `writer`.
    func open(
        writer: NIOLoopBound<StreamFrameWriter>, account: UInt64? = nil, listenKey: String? = nil, expiresAt: Int64 = .max
    ) -> StreamConnection {
        let id = nextId.add(1, ordering: .relaxed).oldValue
        let loop = writer.eventLoop
        let flusher = flushers.withLock { flushers in
            if let flusher = flushers[ObjectIdentifier(loop)] { return flusher }
            let flusher = StreamFlusher(eventLoop: loop)
            flushers[ObjectIdentifier(loop)] = flusher
            return flusher
        }
        let connection = StreamConnection(
            id: id, capacity: settings.bufferCapacity, writer: writer, flusher: flusher, holdsWrite: settings.holdsWrite,
            account: account, listenKey: listenKey, expiresAt: expiresAt)
        // Bytes read before this runs are older than the connection's `lastInbound` anyway.
        loop.execute { writer.value.listener = connection }
        let stopped = state.withLock { state -> Bool in
            state.connections[id] = connection
            if let account { state.privateByAccount[account, default: [:]][id] = connection }
            return state.stopped
        }
        if stopped { connection.close(.shutdown) }
        return connection
    }

    /// Forgets a connection and its subscriptions.
    func close(_ connection: StreamConnection) {
        let keys = connection.state.withLock { $0.subscriptions }
        state.withLock { state in
            state.connections.removeValue(forKey: connection.id)
            if let account = connection.account {
                state.privateByAccount[account]?.removeValue(forKey: connection.id)
                if state.privateByAccount[account]?.isEmpty == true { state.privateByAccount.removeValue(forKey: account) }
            }
            for key in keys { removeSubscriber(key, connection.id, &state) }
        }
        connection.finish()
    }

    private func removeSubscriber(_ key: StreamChannelKey, _ id: UInt64, _ state: inout State) {
        state.subscribers[key]?.removeValue(forKey: id)
        if state.subscribers[key]?.isEmpty == true {
            state.subscribers.removeValue(forKey: key)
            state.klines.removeValue(forKey: key)
            state.topSent.removeValue(forKey: key)
        }
    }

    /// Subscribes to `keys` and queues the replies, then each channel's first message (a
    /// depth snapshot, the current ticker, mark price or bar) — all before any later update.
    /// Returns an error message (nothing subscribed) when the connection would exceed its
    /// subscription limit.
    func subscribe(_ connection: StreamConnection, _ keys: [StreamChannelKey], id: String) -> String? {
        let limit = settings.maxSubscriptions
        let accepted = connection.state.withLock { conn -> Bool in
            let added = Set(keys).subtracting(conn.subscriptions)
            guard conn.subscriptions.count + added.count <= limit else { return false }
            conn.subscriptions.formUnion(added)
            return true
        }
        guard accepted else {
            return "at most \(limit) subscriptions per connection; unsubscribe first or open another connection"
        }
        let now = clock()
        state.withLock { state in
            for key in keys {
                connection.send(#"{"event":"subscribe","id":\#(id),"arg":\#(key.argJSON)}"#)
                let isNew = state.subscribers[key]?[connection.id] == nil
                state.subscribers[key, default: [:]][connection.id] = connection
                guard isNew else { continue }
                switch key.kind {
                case .depth, .depth5, .depth20:
                    if let view = state.books[key.symbol] {
                        connection.send(snapshotMessage(key, view, time: now))
                        if key.topLevels != nil, state.topSent[key] == nil { state.topSent[key] = view.version }
                    }
                case .ticker:
                    if let text = tickerMessage(key.symbol, state, now: now) { connection.send(text) }
                case .markPrice:
                    if let mark = state.marks[key.symbol] { connection.send(markPriceMessage(mark)) }
                case .kline:
                    if let tracker = state.klines[key] {
                        if let bar = tracker.bar, let text = klineMessage(key, bar) { connection.send(text) }
                    } else {
                        state.klineSeeds.insert(key)
                    }
                case .trades:
                    break
                }
            }
        }
        return nil
    }

    /// Unsubscribes and queues the replies; returns the first key that was not subscribed.
    func unsubscribe(_ connection: StreamConnection, _ keys: [StreamChannelKey], id: String) -> StreamChannelKey? {
        let missing = connection.state.withLock { conn -> StreamChannelKey? in
            if let missing = keys.first(where: { !conn.subscriptions.contains($0) }) { return missing }
            conn.subscriptions.subtract(keys)
            return nil
        }
        if let missing { return missing }
        state.withLock { state in
            for key in keys {
                removeSubscriber(key, connection.id, &state)
                connection.send(#"{"event":"unsubscribe","id":\#(id),"arg":\#(key.argJSON)}"#)
            }
        }
        return nil
    }

    // MARK: Listen keys

    /// Closes every connection of `listenKey` (the key was deleted).
    public func closeListenKey(_ listenKey: String) {
        for connection in connections(listenKey: listenKey) { connection.close(.listenKeyClosed) }
    }

    /// Records a listen key's new expiry (it was extended).
    public func extendListenKey(_ listenKey: String, expiresAt: Int64) {
        for connection in connections(listenKey: listenKey) { connection.listenKeyExpiry.store(expiresAt, ordering: .relaxed) }
    }

    private func connections(listenKey: String) -> [StreamConnection] {
        state.withLock { state in state.connections.values.filter { $0.listenKey == listenKey } }
    }

    // MARK: Timers

    /// Starts the periodic pushes (top-N depth, klines, tickers) and the sweep of idle,
    /// expired and too-old connections, which also sends the WebSocket pings.
    func startTimers() {
        let task = Task { [weak self] in
            var lastTicker = ContinuousClock.now
            var lastSweep = ContinuousClock.now
            while !Task.isCancelled {
                guard let self else { return }
                let interval = self.settings.bookIntervalMilliseconds
                try? await Task.sleep(for: .milliseconds(interval))
                self.pushBooksAndKlines()
                let now = ContinuousClock.now
                if now - lastTicker >= .milliseconds(self.settings.tickerIntervalMilliseconds) {
                    lastTicker = now
                    self.pushTickers()
                }
                if now - lastSweep >= .milliseconds(self.settings.sweepIntervalMilliseconds) {
                    lastSweep = now
                    await self.sweep()
                }
            }
        }
        timers.withLock { $0 = task }
    }

    func pushBooksAndKlines() {
        let now = clock()
        state.withLock { state in
            for (key, sent) in state.topSent {
                guard let view = state.books[key.symbol], view.version != sent,
                      let subscribers = state.subscribers[key], !subscribers.isEmpty else { continue }
                let text = snapshotMessage(key, view, time: now)
                let message = StreamFrame(text)
                for connection in subscribers.values { connection.send(message) }
                state.topSent[key] = view.version
            }
            for (key, tracker) in state.klines where tracker.dirty {
                state.klines[key]!.dirty = false
                guard let bar = tracker.bar, let text = klineMessage(key, bar) else { continue }
                let message = StreamFrame(text)
                for connection in (state.subscribers[key] ?? [:]).values { connection.send(message) }
            }
        }
    }

    func pushTickers() {
        let now = clock()
        state.withLock { state in
            let dirty = state.tickerDirty
            state.tickerDirty.removeAll()
            for symbol in dirty {
                guard let subscribers = state.subscribers[StreamChannelKey(kind: .ticker, symbol: symbol)], !subscribers.isEmpty,
                      let text = tickerMessage(symbol, state, now: now) else { continue }
                let message = StreamFrame(text)
                for connection in subscribers.values { connection.send(message) }
            }
        }
    }

    /// Closes idle and too-old connections, and private ones whose listen key expired on
    /// the exchange clock (after `LISTEN_KEY_EXPIRED`); pings the others every
    /// `pingIntervalSeconds`.
    ///
    /// The pings are the hub's, not Hummingbird's `autoPing`: that one closes a connection
    /// whose pong is two intervals late (1001 "Ping timeout", at 40 s), where the contract
    /// closes only a connection silent for `idleTimeoutSeconds`, and any frame, pongs
    /// included, ends a silence (``StreamFrameWriter``).
    func sweep() async {
        let all = state.withLock { Array($0.connections.values) }
        let now = ContinuousClock.now
        let exchangeNow = clock()
        for connection in all {
            if now - connection.opened >= .seconds(settings.lifetimeSeconds) {
                connection.close(.lifetime)
            } else if now - connection.lastInbound >= .seconds(settings.idleTimeoutSeconds) {
                connection.close(.idle)
            } else if let key = connection.listenKey, exchangeNow >= connection.listenKeyExpiry.load(ordering: .relaxed) {
                // The key may have been extended by another node or path: the store decides.
                let record = try? await store.listenKey(key)
                if let record, record.expiresAt > exchangeNow {
                    connection.listenKeyExpiry.store(record.expiresAt, ordering: .relaxed)
                } else {
                    let expiredAt = record?.expiresAt ?? connection.listenKeyExpiry.load(ordering: .relaxed)
                    connection.sendEvent(
                        "LISTEN_KEY_EXPIRED", eventTime: exchangeNow,
                        data: StreamJSON.encode(ListenKeyExpiredPayload(listenKey: key, expiredAt: expiredAt)))
                    connection.close(.listenKeyExpired)
                }
            }
            connection.pingIfDue(every: .seconds(settings.pingIntervalSeconds), now: now)
        }
    }

    /// Stops the timers and closes every connection (server shutdown).
    func stop() {
        timers.withLock { $0?.cancel() }
        let all = state.withLock { state -> [StreamConnection] in
            state.stopped = true
            return Array(state.connections.values)
        }
        for connection in all { connection.close(.shutdown) }
    }
}
