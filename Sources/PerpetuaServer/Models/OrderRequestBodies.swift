import Foundation
import PerpetuaCore
import PerpetuaEngine

/// The `Order` request of API.md §5.4, as sent.
struct PlaceOrderBody: Decodable, Sendable {
    var symbol: String
    var side: String
    var type: String
    var quantity: DecimalField
    var price: DecimalField?
    var timeInForce: String?
    var reduceOnly: Bool?
    var clientOrderId: String?
    var selfTradePrevention: String?

    /// The engine's request, every field checked; 12002 for an unknown symbol.
    func parse(account: UInt64, exchange: Exchange) throws -> OrderRequest {
        let spec = try exchange.tradingSymbol(symbol)
        let type: OrderType = try parseEnum("type", type)
        let price = try self.price?.price("price")
        if type == .limit, price == nil { throw APIError.invalid("price", "is required for a LIMIT order") }
        if type == .market, price != nil { throw APIError.invalid("price", "must not be sent with a MARKET order") }
        return OrderRequest(
            account: account, symbol: spec.symbol, side: try parseEnum("side", side), type: type,
            quantity: try quantity.quantity("quantity"), price: price,
            timeInForce: try parseEnum("timeInForce", timeInForce, default: type == .market ? .ioc : .gtc),
            reduceOnly: reduceOnly ?? false, clientOrderId: try parseClientOrderId("clientOrderId", clientOrderId),
            selfTradePrevention: try parseEnum("selfTradePrevention", selfTradePrevention, default: .cancelTaker))
    }
}

/// The `ConditionOrder` request of API.md §5.4.
struct PlaceConditionBody: Decodable, Sendable {
    var symbol: String
    var side: String
    var type: String
    var triggerPrice: DecimalField?
    var triggerPriceType: String?
    var price: DecimalField?
    var quantity: DecimalField?
    var closePosition: Bool?
    var reduceOnly: Bool?
    var clientOrderId: String?
    var callbackRate: DecimalField?
    var activationPrice: DecimalField?
    var timeInForce: String?
    var selfTradePrevention: String?

    func parse(account: UInt64, exchange: Exchange) throws -> ConditionRequest {
        let spec = try exchange.tradingSymbol(symbol)
        let type: ConditionType = try parseEnum("type", type)
        let closePosition = closePosition ?? false
        let quantity = try self.quantity?.quantity("quantity")
        if closePosition, quantity != nil { throw APIError.invalid("quantity", "must not be sent with closePosition: true") }
        if !closePosition, quantity == nil { throw APIError.invalid("quantity", "is required unless closePosition is true") }
        let price = try self.price?.price("price")
        if type.placesLimitOrder, price == nil { throw APIError.invalid("price", "is required for \(type.rawValue)") }
        if !type.placesLimitOrder, price != nil { throw APIError.invalid("price", "is only for STOP_LIMIT and TAKE_PROFIT_LIMIT") }
        let trigger = try triggerPrice?.price("triggerPrice")
        let callback = try callbackRate?.rate("callbackRate")
        if type == .trailingStopMarket {
            guard let callback else { throw APIError.invalid("callbackRate", "is required for TRAILING_STOP_MARKET") }
            guard callback.units >= 100_000, callback.units <= 10_000_000 else {
                throw APIError.invalid("callbackRate", "must be between 0.001 and 0.1, got \(callback)")
            }
        } else {
            if trigger == nil { throw APIError.invalid("triggerPrice", "is required for \(type.rawValue)") }
            if callback != nil { throw APIError.invalid("callbackRate", "is only for TRAILING_STOP_MARKET") }
            if activationPrice != nil { throw APIError.invalid("activationPrice", "is only for TRAILING_STOP_MARKET") }
        }
        return ConditionRequest(
            account: account, symbol: spec.symbol, side: try parseEnum("side", side), type: type, triggerPrice: trigger,
            triggerPriceType: try parseEnum("triggerPriceType", triggerPriceType, default: .last), price: price,
            quantity: quantity, closePosition: closePosition, reduceOnly: reduceOnly ?? false,
            clientOrderId: try parseClientOrderId("clientOrderId", clientOrderId), callbackRate: callback,
            activationPrice: try activationPrice?.price("activationPrice"),
            timeInForce: try parseEnum("timeInForce", timeInForce, default: .gtc),
            selfTradePrevention: try parseEnum("selfTradePrevention", selfTradePrevention, default: .cancelTaker))
    }
}

/// A strategy leg as sent: a normal order, or a condition order when it has a condition
/// type (or a trigger price).
struct StrategyLegBody: Decodable, Sendable {
    var order: PlaceOrderBody?
    var condition: PlaceConditionBody?

    init(from decoder: any Decoder) throws {
        let probe = try decoder.container(keyedBy: ProbeKeys.self)
        let type = try probe.decodeIfPresent(String.self, forKey: .type)
        if let type, ConditionType(rawValue: type) != nil {
            condition = try PlaceConditionBody(from: decoder)
        } else {
            order = try PlaceOrderBody(from: decoder)
        }
    }

    enum ProbeKeys: String, CodingKey { case type }

    func parse(account: UInt64, exchange: Exchange) throws -> StrategyLeg {
        if let condition { return .condition(try condition.parse(account: account, exchange: exchange)) }
        return .order(try order!.parse(account: account, exchange: exchange))
    }
}

/// The `Strategy` request of API.md §5.4.
struct PlaceStrategyBody: Decodable, Sendable {
    var type: String
    var clientStrategyId: String?
    var working: StrategyLegBody?
    var pending: PendingLegs?
    var legs: [StrategyLegBody]?

    /// `pending` as sent: one order (OTO), or for OTOCO the take-profit and stop pair
    /// (API.md §5.4: "`working` then an OCO pair (`pending` take-profit and stop)"), which
    /// is the same as sending the pair as `legs`.
    enum PendingLegs: Decodable, Sendable {
        case one(StrategyLegBody)
        case pair([StrategyLegBody])

        init(from decoder: any Decoder) throws {
            if var list = try? decoder.unkeyedContainer() {
                var legs: [StrategyLegBody] = []
                while !list.isAtEnd { legs.append(try list.decode(StrategyLegBody.self)) }
                self = .pair(legs)
            } else {
                self = .one(try StrategyLegBody(from: decoder))
            }
        }
    }

    func parse(account: UInt64, exchange: Exchange) throws -> StrategyRequest {
        let type: StrategyType = try parseEnum("type", type)
        var pending: StrategyLegBody?
        var legs = legs
        var legsName = "legs"
        switch self.pending {
        case .one(let leg): pending = leg
        case .pair(let pair):
            guard type == .otoco else { throw APIError.invalid("pending", "must be one order for \(type.rawValue); a list is only for OTOCO's take-profit and stop") }
            guard legs == nil else { throw APIError.invalid("pending", "send the OTOCO pair either as pending or as legs, not both") }
            guard pair.count == 2 else { throw APIError.invalid("pending", "must hold exactly two orders (take-profit and stop) for OTOCO, got \(pair.count)") }
            legs = pair
            legsName = "pending"
        case nil: break
        }
        switch type {
        case .oto:
            guard working != nil else { throw APIError.invalid("working", "is required for OTO") }
            guard pending != nil else { throw APIError.invalid("pending", "is required for OTO") }
            if legs?.isEmpty == false { throw APIError.invalid("legs", "is only for OCO and OTOCO") }
        case .oco:
            guard legs?.count == 2 else { throw APIError.invalid("legs", "must hold exactly two orders for OCO") }
            if working != nil || pending != nil { throw APIError.invalid("working", "OCO takes only legs") }
        case .otoco:
            guard working != nil else { throw APIError.invalid("working", "is required for OTOCO") }
            let pair = (legs ?? []).count == 2 ? legs! : nil
            guard pair != nil || pending != nil else {
                throw APIError.invalid("legs", "OTOCO needs the take-profit and stop pair as two legs")
            }
        }
        var parsedLegs: [StrategyLeg] = []
        for (index, leg) in (legs ?? []).enumerated() {
            do { parsedLegs.append(try leg.parse(account: account, exchange: exchange)) } catch let error as APIError {
                throw Self.prefixed(error, "\(legsName)[\(index)]")
            }
        }
        func parseNamed(_ leg: StrategyLegBody?, _ name: String) throws -> StrategyLeg? {
            guard let leg else { return nil }
            do { return try leg.parse(account: account, exchange: exchange) } catch let error as APIError { throw Self.prefixed(error, name) }
        }
        return StrategyRequest(
            account: account, type: type, clientStrategyId: try parseClientOrderId("clientStrategyId", clientStrategyId),
            working: try parseNamed(working, "working"), pending: try parseNamed(pending, "pending"), legs: parsedLegs)
    }

    static func prefixed(_ error: APIError, _ prefix: String) -> APIError {
        var error = error
        if var details = error.data as? [String: String], let field = details["field"] {
            details["field"] = "\(prefix).\(field)"
            if let reason = details["reason"] {
                error.message = PerpetuaError.invalid("\(prefix).\(field)", reason).message
            } else {
                error.message = error.message.replacingOccurrences(of: field, with: "\(prefix).\(field)")
            }
            error.data = details
        }
        return error
    }
}

/// `{symbol, orderId | clientOrderId}`.
struct OrderReferenceBody: Decodable, Sendable {
    var symbol: String
    var orderId: IdField?
    var clientOrderId: String?

    func reference() throws -> OrderReference {
        switch (orderId, clientOrderId) {
        case (let id?, nil): return .id(id.value)
        case (nil, let client?): return .client(try parseClientOrderId("clientOrderId", client)!)
        case (.some, .some): throw APIError.invalid("orderId", "send either orderId or clientOrderId, not both")
        case (nil, nil): throw APIError.invalid("orderId", "orderId or clientOrderId is required")
        }
    }
}

/// `move`: a new price and/or quantity.
struct MoveOrderBody: Decodable, Sendable {
    var symbol: String?
    var orderId: IdField?
    var clientOrderId: String?
    var price: DecimalField?
    var quantity: DecimalField?

    func parse(account: UInt64, symbol: String) throws -> AmendRequest {
        let reference = try OrderReferenceBody(symbol: symbol, orderId: orderId, clientOrderId: clientOrderId).reference()
        let price = try self.price?.price("price")
        let quantity = try self.quantity?.quantity("quantity")
        if price == nil, quantity == nil { throw APIError.invalid("price", "send a new price, a new quantity, or both") }
        return AmendRequest(account: account, symbol: symbol, order: reference, price: price, quantity: quantity)
    }
}
