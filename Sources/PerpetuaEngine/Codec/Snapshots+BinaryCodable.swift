import PerpetuaCore

extension Fill: BinaryCodable {
    public func encode(to w: inout BinaryWriter) {
        w.write(tradeId); w.write(price); w.write(quantity); w.write(fee); w.write(role); w.write(realizedPnl)
    }

    public init(from r: inout BinaryReader) throws {
        self.init(tradeId: try r.readUInt64(), price: try r.read(Price.self), quantity: try r.read(Quantity.self),
                  fee: try r.read(Amount.self), role: try r.read(LiquidityRole.self), realizedPnl: try r.read(Amount.self))
    }
}

extension OrderSnapshot: BinaryCodable {
    public func encode(to w: inout BinaryWriter) {
        w.write(orderId); w.write(account); w.write(symbol); w.write(clientOrderId); w.write(side); w.write(type)
        w.write(price); w.write(quantity); w.write(executedQuantity); w.write(cumulativeQuote.units); w.write(status)
        w.write(timeInForce); w.write(reduceOnly); w.write(selfTradePrevention); w.write(source)
        w.writeOptional(cancelReason) { $0.write($1) }
        w.write(conditionOrderId); w.write(strategyId); w.write(createTime); w.write(updateTime)
        w.writeOptional(lastFill) { $1.encode(to: &$0) }
    }

    public init(from r: inout BinaryReader) throws {
        self.init(
            orderId: try r.readUInt64(), account: try r.readUInt64(), symbol: try r.readString(),
            clientOrderId: try r.readClientOrderId(), side: try r.read(Side.self), type: try r.read(OrderType.self),
            price: try r.readOptional(Price.self), quantity: try r.read(Quantity.self),
            executedQuantity: try r.read(Quantity.self), cumulativeQuote: ExactProduct(units: try r.readInt128()),
            status: try r.read(OrderStatus.self), timeInForce: try r.read(TimeInForce.self), reduceOnly: try r.readBool(),
            selfTradePrevention: try r.read(SelfTradePrevention.self), source: try r.read(OrderSource.self),
            cancelReason: try r.readOptional { try $0.read(CancelReason.self) },
            conditionOrderId: try r.readOptionalUInt64(), strategyId: try r.readOptionalUInt64(),
            createTime: try r.readInt64(), updateTime: try r.readInt64(), lastFill: try r.readOptional { try Fill(from: &$0) })
    }
}

extension ConditionSnapshot: BinaryCodable {
    public func encode(to w: inout BinaryWriter) {
        w.write(conditionOrderId); request.encode(to: &w); w.write(status); w.write(trailingExtreme); w.write(activated)
        w.write(triggeredOrderId); w.write(strategyId)
        w.writeOptional(rejectCode) { $0.write(Int64($1.rawValue)) }
        w.writeOptional(cancelReason) { $0.write($1) }
        w.write(createTime); w.write(updateTime)
    }

    public init(from r: inout BinaryReader) throws {
        self.init(
            conditionOrderId: try r.readUInt64(), request: try ConditionRequest(from: &r), status: try r.read(ConditionStatus.self),
            trailingExtreme: try r.readOptional(Price.self), activated: try r.readBool(), triggeredOrderId: try r.readOptionalUInt64(),
            strategyId: try r.readOptionalUInt64(),
            rejectCode: try r.readOptional { reader -> ErrorCode in
                let raw = try reader.readInt()
                guard let code = ErrorCode(rawValue: raw) else {
                    throw BinaryDecodingError.malformed(offset: reader.offset, reason: "unknown error code \(raw)")
                }
                return code
            },
            cancelReason: try r.readOptional { try $0.read(CancelReason.self) },
            createTime: try r.readInt64(), updateTime: try r.readInt64())
    }
}

extension StrategySnapshot: BinaryCodable {
    public func encode(to w: inout BinaryWriter) {
        w.write(strategyId); w.write(account); w.write(type); w.write(clientStrategyId); w.write(status)
        w.write(legs.count)
        for leg in legs {
            w.write(leg.role); leg.leg.encode(to: &w); w.write(leg.orderId); w.write(leg.conditionOrderId)
        }
        w.write(createTime); w.write(updateTime)
    }

    public init(from r: inout BinaryReader) throws {
        let id = try r.readUInt64(), account = try r.readUInt64(), type = try r.read(StrategyType.self)
        let clientId = try r.readClientOrderId(), status = try r.read(StrategyStatus.self)
        let count = try r.readInt()
        guard count >= 0, count <= 64 else { throw BinaryDecodingError.malformed(offset: r.offset, reason: "too many legs") }
        var legs: [StrategyLegState] = []
        for _ in 0..<count {
            legs.append(StrategyLegState(role: try r.read(StrategyLegState.Role.self), leg: try StrategyLeg(from: &r),
                                         orderId: try r.readOptionalUInt64(), conditionOrderId: try r.readOptionalUInt64()))
        }
        self.init(strategyId: id, account: account, type: type, clientStrategyId: clientId, status: status, legs: legs,
                  createTime: try r.readInt64(), updateTime: try r.readInt64())
    }
}
