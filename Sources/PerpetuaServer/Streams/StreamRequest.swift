import Foundation
import PerpetuaCore
import PerpetuaStore

/// A parsed inbound message of the public endpoint: `{"op": "subscribe"|"unsubscribe",
/// "id": …, "args": [{"channel": …, "symbol": …, "interval"?: …, "priceType"?: …}]}`.
struct StreamRequest: Sendable {
    enum Op: String, Sendable {
        case subscribe
        case unsubscribe
    }

    /// A refusal: the `id` to echo (JSON text), the catalogue code and what to fix.
    struct Failure: Error, Sendable {
        var id: String
        var code: ErrorCode
        var message: String
    }

    var op: Op
    /// The request's `id` as JSON text (`null` when absent), echoed in every reply.
    var id: String
    var keys: [StreamChannelKey]

    static let channelList = StreamChannelKey.Kind.allCases.map(\.rawValue).joined(separator: ", ")

    /// Parses and validates a message against the known symbols; never throws anything but
    /// a ``Failure``.
    static func parse(_ text: String, market: MarketData) throws(Failure) -> StreamRequest {
        func fail(_ id: String, _ message: String, _ code: ErrorCode = .invalidParameter) -> Failure {
            Failure(id: id, code: code, message: message)
        }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else {
            throw fail("null", #"message is not a JSON object; send {"op": "subscribe", "id": 1, "args": [{"channel": "depth", "symbol": "BTCUSDT"}]} or the text ping"#)
        }
        let id = Self.idText(text, present: object["id"])
        guard let id else { throw fail("null", "id must be a number or a string") }
        guard let opText = object["op"] as? String else { throw fail(id, "op is required: subscribe or unsubscribe") }
        guard let op = Op(rawValue: opText) else { throw fail(id, "op must be subscribe or unsubscribe, got \"\(opText)\"") }
        guard let args = object["args"] as? [Any], !args.isEmpty else {
            throw fail(id, #"args must be a non-empty array of {"channel", "symbol"} objects"#)
        }
        var keys: [StreamChannelKey] = []
        for (index, item) in args.enumerated() {
            guard let arg = item as? [String: Any] else { throw fail(id, "args[\(index)] must be an object") }
            guard let channelText = arg["channel"] as? String else {
                throw fail(id, "args[\(index)].channel is required: one of \(channelList)")
            }
            guard let kind = StreamChannelKey.Kind(rawValue: channelText) else {
                throw fail(id, "args[\(index)].channel \"\(channelText)\" is unknown; use one of \(channelList)")
            }
            guard let symbolText = arg["symbol"] as? String, !symbolText.isEmpty else {
                throw fail(id, "args[\(index)].symbol is required")
            }
            guard market.spec(symbolText) != nil else {
                let error = SymbolName.notFound(symbolText, known: market.allSpecs.map(\.symbol))
                throw fail(id, error.message, error.code)
            }
            var key = StreamChannelKey(kind: kind, symbol: symbolText)
            if kind == .kline {
                guard let intervalText = arg["interval"] as? String, let interval = KlineInterval(rawValue: intervalText) else {
                    throw fail(id, "args[\(index)].interval must be one of \(KlineInterval.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                let typeText = (arg["priceType"] as? String) ?? "TRADE"
                guard let priceType = KlinePriceType(rawValue: typeText) else {
                    throw fail(id, "args[\(index)].priceType must be TRADE, MARK or INDEX, got \"\(typeText)\"")
                }
                key.interval = interval
                key.priceType = priceType
            }
            if !keys.contains(key) { keys.append(key) }
        }
        return StreamRequest(op: op, id: id, keys: keys)
    }

    /// The id of a message that is answered without being parsed otherwise (a message past
    /// the rate limit), as JSON text; `null` when it cannot be read.
    static func replyId(_ text: String) -> String {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else { return "null" }
        return idText(text, present: object["id"]) ?? "null"
    }

    /// The id as JSON text: integers and strings (up to 64 characters) are echoed; absent or
    /// null is `null`; anything else is refused (nil). Read with a decoder, which tells an
    /// integer from a boolean on every platform.
    static func idText(_ text: String, present value: Any?) -> String? {
        guard let value, !(value is NSNull) else { return "null" }
        guard let probe = try? JSONDecoder().decode(IdProbe.self, from: Data(text.utf8)) else { return nil }
        switch probe.id {
        case .integer(let integer): return String(integer)
        case .string(let string): return string.count <= 64 ? StreamJSON.quote(string) : nil
        case nil: return nil
        }
    }

    private struct IdProbe: Decodable {
        enum Value: Decodable {
            case integer(Int64)
            case string(String)

            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let integer = try? container.decode(Int64.self) {
                    self = .integer(integer)
                } else {
                    self = .string(try container.decode(String.self))
                }
            }
        }

        var id: Value?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try? container.decodeIfPresent(Value.self, forKey: .id)
        }

        enum CodingKeys: String, CodingKey { case id }
    }

    /// The error reply.
    static func errorReply(id: String, code: ErrorCode, message: String) -> String {
        #"{"event":"error","id":\#(id),"code":\#(code.rawValue),"msg":\#(StreamJSON.quote(message))}"#
    }
}
