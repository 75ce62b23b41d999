import PerpetuaCore

extension OrderRequest: BinaryCodable {
    public func encode(to w: inout BinaryWriter) {
        w.write(account); w.write(symbol); w.write(side); w.write(type); w.write(quantity); w.write(price)
        w.write(timeInForce); w.write(reduceOnly); w.write(clientOrderId); w.write(selfTradePrevention)
    }

    public init(from r: inout BinaryReader) throws {
        self.init(
            account: try r.readUInt64(), symbol: try r.readString(), side: try r.read(Side.self), type: try r.read(OrderType.self),
            quantity: try r.read(Quantity.self), price: try r.readOptional(Price.self), timeInForce: try r.read(TimeInForce.self),
            reduceOnly: try r.readBool(), clientOrderId: try r.readClientOrderId(),
            selfTradePrevention: try r.read(SelfTradePrevention.self))
    }
}

extension OrderReference: BinaryCodable {
    public func encode(to w: inout BinaryWriter) {
        switch self {
        case .id(let id): w.write(UInt8(1)); w.write(id)
        case .client(let client): w.write(UInt8(2)); w.write(client.description)
        }
    }

    public init(from r: inout BinaryReader) throws {
        switch try r.readByte() {
        case 1: self = .id(try r.readUInt64())
        case 2:
            let text = try r.readString()
            guard let id = ClientOrderId(text) else { throw BinaryDecodingError.malformed(offset: r.offset, reason: "invalid clientOrderId") }
            self = .client(id)
        case let tag: throw BinaryDecodingError.malformed(offset: r.offset - 1, reason: "unknown OrderReference tag \(tag)")
        }
    }
}

extension AmendRequest: BinaryCodable {
    public func encode(to w: inout BinaryWriter) {
        w.write(account); w.write(symbol); order.encode(to: &w); w.write(price); w.write(quantity)
    }

    public init(from r: inout BinaryReader) throws {
        self.init(account: try r.readUInt64(), symbol: try r.readString(), order: try OrderReference(from: &r),
                  price: try r.readOptional(Price.self), quantity: try r.readOptional(Quantity.self))
    }
}

extension ConditionRequest: BinaryCodable {
    public func encode(to w: inout BinaryWriter) {
        w.write(account); w.write(symbol); w.write(side); w.write(type); w.write(triggerPrice); w.write(triggerPriceType)
        w.write(price); w.write(quantity); w.write(closePosition); w.write(reduceOnly); w.write(clientOrderId)
        w.write(callbackRate); w.write(activationPrice); w.write(timeInForce); w.write(selfTradePrevention)
    }

    public init(from r: inout BinaryReader) throws {
        self.init(
            account: try r.readUInt64(), symbol: try r.readString(), side: try r.read(Side.self), type: try r.read(ConditionType.self),
            triggerPrice: try r.readOptional(Price.self), triggerPriceType: try r.read(TriggerPriceType.self),
            price: try r.readOptional(Price.self), quantity: try r.readOptional(Quantity.self), closePosition: try r.readBool(),
            reduceOnly: try r.readBool(), clientOrderId: try r.readClientOrderId(), callbackRate: try r.readOptional(Rate.self),
            activationPrice: try r.readOptional(Price.self), timeInForce: try r.read(TimeInForce.self),
            selfTradePrevention: try r.read(SelfTradePrevention.self))
    }
}

extension StrategyLeg: BinaryCodable {
    public func encode(to w: inout BinaryWriter) {
        switch self {
        case .order(let request): w.write(UInt8(1)); request.encode(to: &w)
        case .condition(let request): w.write(UInt8(2)); request.encode(to: &w)
        }
    }

    public init(from r: inout BinaryReader) throws {
        switch try r.readByte() {
        case 1: self = .order(try OrderRequest(from: &r))
        case 2: self = .condition(try ConditionRequest(from: &r))
        case let tag: throw BinaryDecodingError.malformed(offset: r.offset - 1, reason: "unknown StrategyLeg tag \(tag)")
        }
    }
}

extension StrategyRequest: BinaryCodable {
    public func encode(to w: inout BinaryWriter) {
        w.write(account); w.write(type); w.write(clientStrategyId)
        w.writeOptional(working) { $1.encode(to: &$0) }
        w.writeOptional(pending) { $1.encode(to: &$0) }
        w.write(legs.count)
        for leg in legs { leg.encode(to: &w) }
    }

    public init(from r: inout BinaryReader) throws {
        let account = try r.readUInt64()
        let type = try r.read(StrategyType.self)
        let clientId = try r.readClientOrderId()
        let working = try r.readOptional { try StrategyLeg(from: &$0) }
        let pending = try r.readOptional { try StrategyLeg(from: &$0) }
        let count = try r.readInt()
        guard count >= 0, count <= 64 else { throw BinaryDecodingError.malformed(offset: r.offset, reason: "too many legs") }
        var legs: [StrategyLeg] = []
        for _ in 0..<count { legs.append(try StrategyLeg(from: &r)) }
        self.init(account: account, type: type, clientStrategyId: clientId, working: working, pending: pending, legs: legs)
    }
}

extension SymbolSpec: BinaryCodable {
    public func encode(to w: inout BinaryWriter) {
        w.write(symbol); w.write(baseAsset); w.write(quoteAsset); w.write(status); w.write(tickSize); w.write(stepSize)
        w.write(minQty); w.write(maxQty); w.write(minNotional); w.write(priceBandRate)
        w.write(leverageBrackets.count)
        for b in leverageBrackets {
            w.write(b.bracket); w.write(b.maxLeverage); w.write(b.notionalFloor); w.write(b.notionalCap); w.write(b.maintMarginRate)
        }
        w.write(feeTiers.count)
        for t in feeTiers { w.write(t.tier); w.write(t.minVolume30d); w.write(t.makerRate); w.write(t.takerRate) }
        w.write(fundingIntervalHours); w.write(interestRate); w.write(capRate); w.write(floorRate); w.write(impactNotional)
        w.write(maxOpenOrders)
    }

    public init(from r: inout BinaryReader) throws {
        let symbol = try r.readString(), base = try r.readString(), quote = try r.readString()
        let status = try r.read(SymbolStatus.self)
        let tick = try r.read(Price.self), step = try r.read(Quantity.self)
        let minQty = try r.read(Quantity.self), maxQty = try r.read(Quantity.self)
        let minNotional = try r.read(Amount.self), band = try r.read(Rate.self)
        let bracketCount = try r.readInt()
        guard bracketCount >= 0, bracketCount <= 1000 else { throw BinaryDecodingError.malformed(offset: r.offset, reason: "too many brackets") }
        var brackets: [LeverageBracket] = []
        for _ in 0..<bracketCount {
            brackets.append(LeverageBracket(
                bracket: try r.readInt(), maxLeverage: try r.readInt(), notionalFloor: try r.read(Amount.self),
                notionalCap: try r.read(Amount.self), maintMarginRate: try r.read(Rate.self)))
        }
        let tierCount = try r.readInt()
        guard tierCount >= 0, tierCount <= 1000 else { throw BinaryDecodingError.malformed(offset: r.offset, reason: "too many fee tiers") }
        var tiers: [FeeTier] = []
        for _ in 0..<tierCount {
            tiers.append(FeeTier(tier: try r.readInt(), minVolume30d: try r.read(Amount.self), makerRate: try r.read(Rate.self),
                                 takerRate: try r.read(Rate.self)))
        }
        self.init(
            symbol: symbol, baseAsset: base, quoteAsset: quote, status: status, tickSize: tick, stepSize: step,
            minQty: minQty, maxQty: maxQty, minNotional: minNotional, priceBandRate: band, leverageBrackets: brackets,
            feeTiers: tiers, fundingIntervalHours: try r.readInt(), interestRate: try r.read(Rate.self),
            capRate: try r.read(Rate.self), floorRate: try r.read(Rate.self), impactNotional: try r.read(Amount.self),
            maxOpenOrders: try r.readInt())
    }
}
