import PerpetuaCore
import PerpetuaEngine

/// The journal's numeric tag for every enum case it stores, written out as explicit tables.
///
/// The journal outlives the code that wrote it, so a tag must never depend on the order in
/// which cases are declared or on their `rawValue` strings: reordering or renaming a case
/// in the engine must not change what an old journal means. Each table maps a case to a
/// fixed number and back; a new case gets a new number, and a number is never reused.
/// Tag 0 is never written, so a run of zero bytes never decodes as a value.
enum WireTag {
    // MARK: Commands

    /// The tag of each ``EngineCommand`` case.
    static func command(_ command: EngineCommand) -> UInt8 {
        switch command {
        case .deposit: 1
        case .withdraw: 2
        case .placeOrder: 3
        case .cancelOrder: 4
        case .amendOrder: 5
        case .batchPlace: 6
        case .batchAmend: 7
        case .batchCancel: 8
        case .cancelAll: 9
        case .placeCondition: 10
        case .cancelCondition: 11
        case .placeStrategy: 12
        case .setLeverage: 13
        case .setMarginMode: 14
        case .addSymbol: 15
        case .updateSymbol: 16
        case .setIndexPrice: 17
        case .depositInsuranceFund: 18
        case .markPriceTick: 19
        case .premiumSample: 20
        case .settleFunding: 21
        case .dailyRollover: 22
        }
    }

    // MARK: Order fields

    static func side(_ value: Side) -> UInt8 {
        switch value {
        case .buy: 1
        case .sell: 2
        }
    }

    static func side(_ tag: UInt8, at offset: Int) throws(BinaryDecodingError) -> Side {
        switch tag {
        case 1: .buy
        case 2: .sell
        default: throw unknown("side", tag, offset)
        }
    }

    static func orderType(_ value: OrderType) -> UInt8 {
        switch value {
        case .limit: 1
        case .market: 2
        }
    }

    static func orderType(_ tag: UInt8, at offset: Int) throws(BinaryDecodingError) -> OrderType {
        switch tag {
        case 1: .limit
        case 2: .market
        default: throw unknown("order type", tag, offset)
        }
    }

    static func timeInForce(_ value: TimeInForce) -> UInt8 {
        switch value {
        case .gtc: 1
        case .ioc: 2
        case .fok: 3
        case .postOnly: 4
        }
    }

    static func timeInForce(_ tag: UInt8, at offset: Int) throws(BinaryDecodingError) -> TimeInForce {
        switch tag {
        case 1: .gtc
        case 2: .ioc
        case 3: .fok
        case 4: .postOnly
        default: throw unknown("time in force", tag, offset)
        }
    }

    static func selfTradePrevention(_ value: SelfTradePrevention) -> UInt8 {
        switch value {
        case .cancelTaker: 1
        case .cancelMaker: 2
        case .cancelBoth: 3
        case .none: 4
        }
    }

    static func selfTradePrevention(_ tag: UInt8, at offset: Int) throws(BinaryDecodingError) -> SelfTradePrevention {
        switch tag {
        case 1: .cancelTaker
        case 2: .cancelMaker
        case 3: .cancelBoth
        case 4: SelfTradePrevention.none
        default: throw unknown("self-trade prevention", tag, offset)
        }
    }

    static func orderReference(_ value: OrderReference) -> UInt8 {
        switch value {
        case .id: 1
        case .client: 2
        }
    }

    static func cancelScope(_ value: CancelScope) -> UInt8 {
        switch value {
        case .normal: 1
        case .condition: 2
        case .all: 3
        }
    }

    static func cancelScope(_ tag: UInt8, at offset: Int) throws(BinaryDecodingError) -> CancelScope {
        switch tag {
        case 1: .normal
        case 2: .condition
        case 3: .all
        default: throw unknown("cancel scope", tag, offset)
        }
    }

    static func marginMode(_ value: MarginMode) -> UInt8 {
        switch value {
        case .cross: 1
        case .isolated: 2
        }
    }

    static func marginMode(_ tag: UInt8, at offset: Int) throws(BinaryDecodingError) -> MarginMode {
        switch tag {
        case 1: .cross
        case 2: .isolated
        default: throw unknown("margin mode", tag, offset)
        }
    }

    // MARK: Condition and strategy fields

    static func conditionType(_ value: ConditionType) -> UInt8 {
        switch value {
        case .stopMarket: 1
        case .stopLimit: 2
        case .takeProfitMarket: 3
        case .takeProfitLimit: 4
        case .trailingStopMarket: 5
        }
    }

    static func conditionType(_ tag: UInt8, at offset: Int) throws(BinaryDecodingError) -> ConditionType {
        switch tag {
        case 1: .stopMarket
        case 2: .stopLimit
        case 3: .takeProfitMarket
        case 4: .takeProfitLimit
        case 5: .trailingStopMarket
        default: throw unknown("condition type", tag, offset)
        }
    }

    static func triggerPriceType(_ value: TriggerPriceType) -> UInt8 {
        switch value {
        case .last: 1
        case .mark: 2
        case .index: 3
        }
    }

    static func triggerPriceType(_ tag: UInt8, at offset: Int) throws(BinaryDecodingError) -> TriggerPriceType {
        switch tag {
        case 1: .last
        case 2: .mark
        case 3: .index
        default: throw unknown("trigger price type", tag, offset)
        }
    }

    static func strategyType(_ value: StrategyType) -> UInt8 {
        switch value {
        case .oto: 1
        case .oco: 2
        case .otoco: 3
        }
    }

    static func strategyType(_ tag: UInt8, at offset: Int) throws(BinaryDecodingError) -> StrategyType {
        switch tag {
        case 1: .oto
        case 2: .oco
        case 3: .otoco
        default: throw unknown("strategy type", tag, offset)
        }
    }

    static func strategyLeg(_ value: StrategyLeg) -> UInt8 {
        switch value {
        case .order: 1
        case .condition: 2
        }
    }

    // MARK: Symbol fields

    static func symbolStatus(_ value: SymbolStatus) -> UInt8 {
        switch value {
        case .trading: 1
        case .suspended: 2
        case .reduceOnly: 3
        }
    }

    static func symbolStatus(_ tag: UInt8, at offset: Int) throws(BinaryDecodingError) -> SymbolStatus {
        switch tag {
        case 1: .trading
        case 2: .suspended
        case 3: .reduceOnly
        default: throw unknown("symbol status", tag, offset)
        }
    }

    /// The error for a tag no table knows.
    static func unknown(_ what: String, _ tag: UInt8, _ offset: Int) -> BinaryDecodingError {
        .malformed(offset: offset, reason: "unknown \(what) tag \(tag)")
    }
}
