import PerpetuaCore

/// A value with a stable binary form for the journal and snapshots. Enums are written by
/// explicit numeric tags (see ``WireTag``), never by declaration order or raw string, so
/// that reordering or renaming a case cannot silently change the format.
public protocol BinaryCodable {
    func encode(to writer: inout BinaryWriter)
    init(from reader: inout BinaryReader) throws
}

/// An enum with explicit, stable wire tags.
public protocol WireTag: CaseIterable, Equatable {
    /// The tag written for each case; each must be unique and never change.
    var wireTag: UInt8 { get }
}

extension WireTag {
    public func encode(to writer: inout BinaryWriter) { writer.write(wireTag) }

    public static func decode(from reader: inout BinaryReader) throws -> Self {
        let tag = try reader.readByte()
        guard let value = allCases.first(where: { $0.wireTag == tag }) else {
            throw BinaryDecodingError.malformed(offset: reader.offset - 1, reason: "unknown \(Self.self) tag \(tag)")
        }
        return value
    }
}

extension Side: WireTag { public var wireTag: UInt8 { self == .buy ? 1 : 2 } }
extension OrderType: WireTag { public var wireTag: UInt8 { self == .limit ? 1 : 2 } }
extension TimeInForce: WireTag {
    public var wireTag: UInt8 {
        switch self { case .gtc: 1; case .ioc: 2; case .fok: 3; case .postOnly: 4 }
    }
}
extension SelfTradePrevention: WireTag {
    public var wireTag: UInt8 {
        switch self { case .cancelTaker: 1; case .cancelMaker: 2; case .cancelBoth: 3; case .none: 4 }
    }
}
extension SymbolStatus: WireTag {
    public var wireTag: UInt8 {
        switch self { case .trading: 1; case .suspended: 2; case .reduceOnly: 3 }
    }
}
extension MarginMode: WireTag { public var wireTag: UInt8 { self == .cross ? 1 : 2 } }
extension CancelScope: WireTag {
    public var wireTag: UInt8 {
        switch self { case .normal: 1; case .condition: 2; case .all: 3 }
    }
}
extension CancelScope: CaseIterable { public static var allCases: [CancelScope] { [.normal, .condition, .all] } }
extension MarginMode: CaseIterable { public static var allCases: [MarginMode] { [.cross, .isolated] } }
extension OrderSource: WireTag, CaseIterable {
    public static var allCases: [OrderSource] { [.user, .condition, .strategy, .liquidation, .adl] }
    public var wireTag: UInt8 {
        switch self { case .user: 1; case .condition: 2; case .strategy: 3; case .liquidation: 4; case .adl: 5 }
    }
}
extension OrderStatus: WireTag, CaseIterable {
    public static var allCases: [OrderStatus] { [.new, .partiallyFilled, .filled, .canceled, .rejected, .expired] }
    public var wireTag: UInt8 {
        switch self { case .new: 1; case .partiallyFilled: 2; case .filled: 3; case .canceled: 4; case .rejected: 5; case .expired: 6 }
    }
}
extension LiquidityRole: WireTag, CaseIterable {
    public static var allCases: [LiquidityRole] { [.maker, .taker] }
    public var wireTag: UInt8 { self == .maker ? 1 : 2 }
}
extension CancelReason: WireTag {
    public var wireTag: UInt8 {
        switch self {
        case .user: 1; case .immediateOrCancel: 2; case .priceBand: 3; case .selfTradePrevention: 4; case .reduceOnly: 5
        case .liquidation: 6; case .strategy: 7; case .marketClosed: 8; case .insufficientMargin: 9
        }
    }
}
extension ConditionType: WireTag {
    public var wireTag: UInt8 {
        switch self {
        case .stopMarket: 1; case .stopLimit: 2; case .takeProfitMarket: 3; case .takeProfitLimit: 4; case .trailingStopMarket: 5
        }
    }
}
extension TriggerPriceType: WireTag {
    public var wireTag: UInt8 {
        switch self { case .last: 1; case .mark: 2; case .index: 3 }
    }
}
extension ConditionStatus: WireTag, CaseIterable {
    public static var allCases: [ConditionStatus] { [.untriggered, .triggered, .canceled, .expired, .rejected] }
    public var wireTag: UInt8 {
        switch self { case .untriggered: 1; case .triggered: 2; case .canceled: 3; case .expired: 4; case .rejected: 5 }
    }
}
extension StrategyType: WireTag, CaseIterable {
    public static var allCases: [StrategyType] { [.oto, .oco, .otoco] }
    public var wireTag: UInt8 {
        switch self { case .oto: 1; case .oco: 2; case .otoco: 3 }
    }
}
extension StrategyStatus: WireTag, CaseIterable {
    public static var allCases: [StrategyStatus] { [.new, .working, .completed, .canceled] }
    public var wireTag: UInt8 {
        switch self { case .new: 1; case .working: 2; case .completed: 3; case .canceled: 4 }
    }
}
extension StrategyLegState.Role: WireTag, CaseIterable {
    public static var allCases: [StrategyLegState.Role] { [.working, .pending, .leg] }
    public var wireTag: UInt8 {
        switch self { case .working: 1; case .pending: 2; case .leg: 3 }
    }
}

extension BinaryWriter {
    public mutating func write(_ value: some WireTag) { value.encode(to: &self) }
    public mutating func write(_ value: ClientOrderId?) { writeOptional(value) { $0.write($1.description) } }
    public mutating func write(_ value: UInt64?) { writeOptional(value) { $0.write($1) } }
    public mutating func write<T: FixedPointDecimal>(_ value: T?) { writeOptional(value) { $0.write($1.units) } }
}

extension BinaryReader {
    public mutating func read<T: WireTag>(_: T.Type) throws -> T { try T.decode(from: &self) }

    public mutating func readClientOrderId() throws -> ClientOrderId? {
        try readOptional { reader -> ClientOrderId in
            let text = try reader.readString()
            guard let id = ClientOrderId(text) else {
                throw BinaryDecodingError.malformed(offset: reader.offset, reason: "invalid clientOrderId \(text)")
            }
            return id
        }
    }

    public mutating func readOptionalUInt64() throws -> UInt64? { try readOptional { try $0.readUInt64() } }

    public mutating func readOptional<T: FixedPointDecimal>(_: T.Type) throws -> T? {
        try readOptional { T(units: try $0.readInt64()) }
    }
}
