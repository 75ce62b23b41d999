import PerpetuaCore
import PerpetuaEngine

/// The compact binary form of a ``CommandEnvelope``: the payload of one journal record.
///
/// Layout (format version 1): the sequence number as a varint, the timestamp as a zigzag
/// varint, the command's ``WireTag`` byte, then the command's fields in declaration order.
/// Optionals are a presence byte and the value; arrays a varint count and the elements;
/// decimals their signed units; client ids their text. Enum cases are stored by the
/// explicit numbers of ``WireTag``, so the engine may reorder or rename cases freely.
///
/// Decoding never traps: a journal tail may be torn or a disk may flip bits, so every
/// malformed input ends in a ``BinaryDecodingError``.
public enum CommandCodec {
    /// The format this build writes. Stored in every segment header so that a future build
    /// can still read old segments.
    public static let currentVersion: UInt8 = 1
    /// The formats this build can read.
    public static let supportedVersions: ClosedRange<UInt8> = 1...1

    // MARK: Encoding

    /// Appends the encoding of `envelope` in the current format.
    public static func encode(_ envelope: CommandEnvelope, into w: inout BinaryWriter) {
        w.write(envelope.sequence)
        w.write(envelope.timestamp)
        let command = envelope.command
        w.write(WireTag.command(command))
        switch command {
        case .deposit(let account, let amount), .withdraw(let account, let amount):
            w.write(account)
            w.write(amount)
        case .placeOrder(let request):
            encode(request, into: &w)
        case .cancelOrder(let account, let symbol, let order):
            w.write(account)
            w.write(symbol)
            encode(order, into: &w)
        case .amendOrder(let request):
            encode(request, into: &w)
        case .batchPlace(let requests):
            w.write(UInt64(requests.count))
            for request in requests { encode(request, into: &w) }
        case .batchAmend(let requests):
            w.write(UInt64(requests.count))
            for request in requests { encode(request, into: &w) }
        case .batchCancel(let account, let symbol, let orders):
            w.write(account)
            w.write(symbol)
            w.write(UInt64(orders.count))
            for order in orders { encode(order, into: &w) }
        case .cancelAll(let account, let symbol, let scope):
            w.write(account)
            w.writeOptional(symbol) { $0.write($1) }
            w.write(WireTag.cancelScope(scope))
        case .placeCondition(let request):
            encode(request, into: &w)
        case .cancelCondition(let account, let symbol, let id):
            w.write(account)
            w.write(symbol)
            w.write(id)
        case .placeStrategy(let request):
            encode(request, into: &w)
        case .setLeverage(let account, let symbol, let leverage):
            w.write(account)
            w.write(symbol)
            w.write(leverage)
        case .setMarginMode(let account, let symbol, let mode):
            w.write(account)
            w.write(symbol)
            w.write(WireTag.marginMode(mode))
        case .addSymbol(let spec), .updateSymbol(let spec):
            encode(spec, into: &w)
        case .setIndexPrice(let symbol, let price):
            w.write(symbol)
            w.write(price)
        case .depositInsuranceFund(let amount):
            w.write(amount)
        case .markPriceTick, .premiumSample, .dailyRollover:
            break
        case .settleFunding(let symbol):
            w.writeOptional(symbol) { $0.write($1) }
        }
    }

    /// The encoding of `envelope` as a new array (tests and tools; the journal reuses a buffer).
    public static func encode(_ envelope: CommandEnvelope) -> [UInt8] {
        var w = BinaryWriter(capacity: 64)
        encode(envelope, into: &w)
        return w.bytes
    }

    static func encode(_ r: OrderRequest, into w: inout BinaryWriter) {
        w.write(r.account)
        w.write(r.symbol)
        w.write(WireTag.side(r.side))
        w.write(WireTag.orderType(r.type))
        w.write(r.quantity)
        w.writeOptional(r.price) { $0.write($1) }
        w.write(WireTag.timeInForce(r.timeInForce))
        w.write(r.reduceOnly)
        w.writeOptional(r.clientOrderId) { $0.write($1.description) }
        w.write(WireTag.selfTradePrevention(r.selfTradePrevention))
    }

    static func encode(_ r: AmendRequest, into w: inout BinaryWriter) {
        w.write(r.account)
        w.write(r.symbol)
        encode(r.order, into: &w)
        w.writeOptional(r.price) { $0.write($1) }
        w.writeOptional(r.quantity) { $0.write($1) }
    }

    static func encode(_ reference: OrderReference, into w: inout BinaryWriter) {
        w.write(WireTag.orderReference(reference))
        switch reference {
        case .id(let id): w.write(id)
        case .client(let client): w.write(client.description)
        }
    }

    static func encode(_ r: ConditionRequest, into w: inout BinaryWriter) {
        w.write(r.account)
        w.write(r.symbol)
        w.write(WireTag.side(r.side))
        w.write(WireTag.conditionType(r.type))
        w.writeOptional(r.triggerPrice) { $0.write($1) }
        w.write(WireTag.triggerPriceType(r.triggerPriceType))
        w.writeOptional(r.price) { $0.write($1) }
        w.writeOptional(r.quantity) { $0.write($1) }
        w.write(r.closePosition)
        w.write(r.reduceOnly)
        w.writeOptional(r.clientOrderId) { $0.write($1.description) }
        w.writeOptional(r.callbackRate) { $0.write($1) }
        w.writeOptional(r.activationPrice) { $0.write($1) }
        w.write(WireTag.timeInForce(r.timeInForce))
        w.write(WireTag.selfTradePrevention(r.selfTradePrevention))
    }

    static func encode(_ r: StrategyRequest, into w: inout BinaryWriter) {
        w.write(r.account)
        w.write(WireTag.strategyType(r.type))
        w.writeOptional(r.clientStrategyId) { $0.write($1.description) }
        w.writeOptional(r.working) { encode($1, into: &$0) }
        w.writeOptional(r.pending) { encode($1, into: &$0) }
        w.write(UInt64(r.legs.count))
        for leg in r.legs { encode(leg, into: &w) }
    }

    static func encode(_ leg: StrategyLeg, into w: inout BinaryWriter) {
        w.write(WireTag.strategyLeg(leg))
        switch leg {
        case .order(let request): encode(request, into: &w)
        case .condition(let request): encode(request, into: &w)
        }
    }

    /// Every stored field of the spec, including the derived ones (`cum`, the funding caps,
    /// the impact notional), so that decoding restores the spec exactly as the engine saw it.
    static func encode(_ s: SymbolSpec, into w: inout BinaryWriter) {
        w.write(s.symbol)
        w.write(s.baseAsset)
        w.write(s.quoteAsset)
        w.write(WireTag.symbolStatus(s.status))
        w.write(s.tickSize)
        w.write(s.stepSize)
        w.write(s.minQty)
        w.write(s.maxQty)
        w.write(s.minNotional)
        w.write(s.priceBandRate)
        w.write(UInt64(s.leverageBrackets.count))
        for b in s.leverageBrackets {
            w.write(b.bracket)
            w.write(b.maxLeverage)
            w.write(b.notionalFloor)
            w.write(b.notionalCap)
            w.write(b.maintMarginRate)
            w.write(b.cum)
        }
        w.write(UInt64(s.feeTiers.count))
        for t in s.feeTiers {
            w.write(t.tier)
            w.write(t.minVolume30d)
            w.write(t.makerRate)
            w.write(t.takerRate)
        }
        w.write(s.fundingIntervalHours)
        w.write(s.interestRate)
        w.write(s.capRate)
        w.write(s.floorRate)
        w.write(s.impactNotional)
        w.write(s.maxOpenOrders)
    }

    // MARK: Decoding

    /// Decodes one envelope that fills `bytes` exactly; trailing bytes are an error.
    public static func decode(_ bytes: [UInt8], version: UInt8 = currentVersion) throws(BinaryDecodingError) -> CommandEnvelope {
        var reader = BinaryReader(bytes)
        let envelope = try decode(&reader, version: version)
        guard reader.isAtEnd else {
            throw .malformed(offset: reader.offset, reason: "\(reader.remaining) bytes after the command")
        }
        return envelope
    }

    /// Decodes one envelope at the reader's position, written in format `version`.
    public static func decode(_ r: inout BinaryReader, version: UInt8) throws(BinaryDecodingError) -> CommandEnvelope {
        guard supportedVersions.contains(version) else {
            throw .malformed(offset: r.offset, reason: "unsupported format version \(version)")
        }
        let sequence = try r.readUInt64()
        let timestamp = try r.readInt64()
        let tagOffset = r.offset
        let command: EngineCommand
        switch try r.readByte() {
        case 1: command = .deposit(account: try r.readUInt64(), amount: try r.read(Amount.self))
        case 2: command = .withdraw(account: try r.readUInt64(), amount: try r.read(Amount.self))
        case 3: command = .placeOrder(try orderRequest(&r))
        case 4:
            command = .cancelOrder(account: try r.readUInt64(), symbol: try string(&r), order: try orderReference(&r))
        case 5: command = .amendOrder(try amendRequest(&r))
        case 6:
            let count = try elementCount(&r)
            var requests: [OrderRequest] = []
            requests.reserveCapacity(count)
            for _ in 0..<count { requests.append(try orderRequest(&r)) }
            command = .batchPlace(requests)
        case 7:
            let count = try elementCount(&r)
            var requests: [AmendRequest] = []
            requests.reserveCapacity(count)
            for _ in 0..<count { requests.append(try amendRequest(&r)) }
            command = .batchAmend(requests)
        case 8:
            let account = try r.readUInt64()
            let symbol = try string(&r)
            let count = try elementCount(&r)
            var orders: [OrderReference] = []
            orders.reserveCapacity(count)
            for _ in 0..<count { orders.append(try orderReference(&r)) }
            command = .batchCancel(account: account, symbol: symbol, orders: orders)
        case 9:
            let account = try r.readUInt64()
            let symbol: String? = try r.readBool() ? try string(&r) : nil
            command = .cancelAll(account: account, symbol: symbol, scope: try WireTag.cancelScope(try r.readByte(), at: r.offset - 1))
        case 10: command = .placeCondition(try conditionRequest(&r))
        case 11:
            command = .cancelCondition(account: try r.readUInt64(), symbol: try string(&r), conditionOrderId: try r.readUInt64())
        case 12: command = .placeStrategy(try strategyRequest(&r))
        case 13: command = .setLeverage(account: try r.readUInt64(), symbol: try string(&r), leverage: try r.readInt())
        case 14:
            command = .setMarginMode(
                account: try r.readUInt64(), symbol: try string(&r),
                mode: try WireTag.marginMode(try r.readByte(), at: r.offset - 1))
        case 15: command = .addSymbol(try symbolSpec(&r))
        case 16: command = .updateSymbol(try symbolSpec(&r))
        case 17: command = .setIndexPrice(symbol: try string(&r), price: try r.read(Price.self))
        case 18: command = .depositInsuranceFund(amount: try r.read(Amount.self))
        case 19: command = .markPriceTick
        case 20: command = .premiumSample
        case 21: command = .settleFunding(symbol: try r.readBool() ? try string(&r) : nil)
        case 22: command = .dailyRollover
        case let tag: throw WireTag.unknown("command", tag, tagOffset)
        }
        return CommandEnvelope(sequence: sequence, timestamp: timestamp, command: command)
    }

    /// Reads only the sequence number at the start of a payload, for records that recovery
    /// skips because a snapshot already covers them.
    public static func sequence(of payload: [UInt8], at offset: Int = 0) throws(BinaryDecodingError) -> UInt64 {
        var reader = BinaryReader(payload, offset: offset)
        return try reader.readUInt64()
    }

    /// An array's element count, refused when the remaining input could not hold that many
    /// elements (each takes at least one byte), so garbage never reserves gigabytes.
    static func elementCount(_ r: inout BinaryReader) throws(BinaryDecodingError) -> Int {
        let count = try r.readUInt64()
        guard count <= UInt64(r.remaining) else {
            throw .malformed(offset: r.offset, reason: "count \(count) exceeds the remaining \(r.remaining) bytes")
        }
        return Int(count)
    }

    /// A length-prefixed UTF-8 string, validated straight from the input: symbol names fit
    /// a small string, so unlike ``BinaryReader/readString()`` this allocates nothing on
    /// the recovery path.
    static func string(_ r: inout BinaryReader) throws(BinaryDecodingError) -> String {
        let count = try r.readUInt64()
        guard count <= UInt64(r.remaining) else { throw .truncated(offset: r.offset) }
        let start = r.offset
        let raw = try r.readRaw(Int(count))
        // Symbol names and client ids are ASCII, which is valid UTF-8 as it stands, so they
        // skip `String(validating:)`: it is not specialised, and its run-time generic
        // lookups were a twelfth of recovery's time (a symbol name is in nearly every record).
        let text: String? = raw.withUnsafeBufferPointer { bytes in
            bytes.allSatisfy { $0 < 0x80 } ? String(decoding: bytes, as: UTF8.self) : String(validating: bytes, as: UTF8.self)
        }
        guard let text else {
            throw .malformed(offset: start, reason: "string is not UTF-8")
        }
        return text
    }

    static func clientOrderId(_ r: inout BinaryReader) throws(BinaryDecodingError) -> ClientOrderId {
        let start = r.offset
        let text = try string(&r)
        guard let id = ClientOrderId(text) else { throw .malformed(offset: start, reason: "invalid client id") }
        return id
    }

    static func optionalClientOrderId(_ r: inout BinaryReader) throws(BinaryDecodingError) -> ClientOrderId? {
        try r.readBool() ? try clientOrderId(&r) : nil
    }

    static func optional<T: FixedPointDecimal>(_ r: inout BinaryReader, _: T.Type) throws(BinaryDecodingError) -> T? {
        try r.readBool() ? try r.read(T.self) : nil
    }

    static func orderRequest(_ r: inout BinaryReader) throws(BinaryDecodingError) -> OrderRequest {
        let account = try r.readUInt64()
        let symbol = try string(&r)
        let side = try WireTag.side(try r.readByte(), at: r.offset - 1)
        let type = try WireTag.orderType(try r.readByte(), at: r.offset - 1)
        let quantity = try r.read(Quantity.self)
        let price = try optional(&r, Price.self)
        let timeInForce = try WireTag.timeInForce(try r.readByte(), at: r.offset - 1)
        let reduceOnly = try r.readBool()
        let clientOrderId = try optionalClientOrderId(&r)
        let stp = try WireTag.selfTradePrevention(try r.readByte(), at: r.offset - 1)
        return OrderRequest(
            account: account, symbol: symbol, side: side, type: type, quantity: quantity, price: price,
            timeInForce: timeInForce, reduceOnly: reduceOnly, clientOrderId: clientOrderId, selfTradePrevention: stp)
    }

    static func amendRequest(_ r: inout BinaryReader) throws(BinaryDecodingError) -> AmendRequest {
        let account = try r.readUInt64()
        let symbol = try string(&r)
        let order = try orderReference(&r)
        let price = try optional(&r, Price.self)
        let quantity = try optional(&r, Quantity.self)
        return AmendRequest(account: account, symbol: symbol, order: order, price: price, quantity: quantity)
    }

    static func orderReference(_ r: inout BinaryReader) throws(BinaryDecodingError) -> OrderReference {
        switch try r.readByte() {
        case 1: return .id(try r.readUInt64())
        case 2: return .client(try clientOrderId(&r))
        case let tag: throw WireTag.unknown("order reference", tag, r.offset - 1)
        }
    }

    static func conditionRequest(_ r: inout BinaryReader) throws(BinaryDecodingError) -> ConditionRequest {
        let account = try r.readUInt64()
        let symbol = try string(&r)
        let side = try WireTag.side(try r.readByte(), at: r.offset - 1)
        let type = try WireTag.conditionType(try r.readByte(), at: r.offset - 1)
        let triggerPrice = try optional(&r, Price.self)
        let triggerPriceType = try WireTag.triggerPriceType(try r.readByte(), at: r.offset - 1)
        let price = try optional(&r, Price.self)
        let quantity = try optional(&r, Quantity.self)
        let closePosition = try r.readBool()
        let reduceOnly = try r.readBool()
        let clientOrderId = try optionalClientOrderId(&r)
        let callbackRate = try optional(&r, Rate.self)
        let activationPrice = try optional(&r, Price.self)
        let timeInForce = try WireTag.timeInForce(try r.readByte(), at: r.offset - 1)
        let stp = try WireTag.selfTradePrevention(try r.readByte(), at: r.offset - 1)
        return ConditionRequest(
            account: account, symbol: symbol, side: side, type: type, triggerPrice: triggerPrice,
            triggerPriceType: triggerPriceType, price: price, quantity: quantity, closePosition: closePosition,
            reduceOnly: reduceOnly, clientOrderId: clientOrderId, callbackRate: callbackRate,
            activationPrice: activationPrice, timeInForce: timeInForce, selfTradePrevention: stp)
    }

    static func strategyRequest(_ r: inout BinaryReader) throws(BinaryDecodingError) -> StrategyRequest {
        let account = try r.readUInt64()
        let type = try WireTag.strategyType(try r.readByte(), at: r.offset - 1)
        let clientStrategyId = try optionalClientOrderId(&r)
        let working: StrategyLeg? = try r.readBool() ? try strategyLeg(&r) : nil
        let pending: StrategyLeg? = try r.readBool() ? try strategyLeg(&r) : nil
        let count = try elementCount(&r)
        var legs: [StrategyLeg] = []
        legs.reserveCapacity(count)
        for _ in 0..<count { legs.append(try strategyLeg(&r)) }
        return StrategyRequest(
            account: account, type: type, clientStrategyId: clientStrategyId, working: working, pending: pending,
            legs: legs)
    }

    static func strategyLeg(_ r: inout BinaryReader) throws(BinaryDecodingError) -> StrategyLeg {
        switch try r.readByte() {
        case 1: return .order(try orderRequest(&r))
        case 2: return .condition(try conditionRequest(&r))
        case let tag: throw WireTag.unknown("strategy leg", tag, r.offset - 1)
        }
    }

    /// Rebuilds a spec field by field. It starts from a spec with no brackets, because
    /// ``SymbolSpec``'s initialiser derives values with trapping arithmetic that garbage
    /// input could overflow; the stored derived values are then assigned as they were.
    static func symbolSpec(_ r: inout BinaryReader) throws(BinaryDecodingError) -> SymbolSpec {
        let symbol = try string(&r)
        let baseAsset = try string(&r)
        let quoteAsset = try string(&r)
        let status = try WireTag.symbolStatus(try r.readByte(), at: r.offset - 1)
        var spec = SymbolSpec(
            symbol: symbol, baseAsset: baseAsset, quoteAsset: quoteAsset, status: status,
            tickSize: .zero, stepSize: .zero, minQty: .zero, maxQty: .zero, minNotional: .zero,
            priceBandRate: .zero, leverageBrackets: [], feeTiers: [], capRate: .zero, floorRate: .zero,
            impactNotional: .zero)
        spec.tickSize = try r.read(Price.self)
        spec.stepSize = try r.read(Quantity.self)
        spec.minQty = try r.read(Quantity.self)
        spec.maxQty = try r.read(Quantity.self)
        spec.minNotional = try r.read(Amount.self)
        spec.priceBandRate = try r.read(Rate.self)
        let bracketCount = try elementCount(&r)
        var brackets: [LeverageBracket] = []
        brackets.reserveCapacity(bracketCount)
        for _ in 0..<bracketCount {
            brackets.append(LeverageBracket(
                bracket: try r.readInt(), maxLeverage: try r.readInt(), notionalFloor: try r.read(Amount.self),
                notionalCap: try r.read(Amount.self), maintMarginRate: try r.read(Rate.self),
                cum: try r.read(Amount.self)))
        }
        spec.leverageBrackets = brackets
        let tierCount = try elementCount(&r)
        var tiers: [FeeTier] = []
        tiers.reserveCapacity(tierCount)
        for _ in 0..<tierCount {
            tiers.append(FeeTier(
                tier: try r.readInt(), minVolume30d: try r.read(Amount.self), makerRate: try r.read(Rate.self),
                takerRate: try r.read(Rate.self)))
        }
        spec.feeTiers = tiers
        spec.fundingIntervalHours = try r.readInt()
        spec.interestRate = try r.read(Rate.self)
        spec.capRate = try r.read(Rate.self)
        spec.floorRate = try r.read(Rate.self)
        spec.impactNotional = try r.read(Amount.self)
        spec.maxOpenOrders = try r.readInt()
        return spec
    }
}
