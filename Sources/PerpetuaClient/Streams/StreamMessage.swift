import Foundation

/// One message from a Perpetua WebSocket stream (API.md §6), decoded by its shape.
public enum StreamMessage: Sendable, Hashable {
    /// `{"event": "subscribe"|"unsubscribe", "id", "arg"}`.
    case reply(event: String, id: JSONValue, arg: JSONValue)
    /// `{"event": "error", "id", "code", "msg"}`.
    case error(id: JSONValue, code: Int, message: String)
    /// A `depth`, `depth5` or `depth20` message.
    case depth(DepthMessage)
    /// Any other public channel (`trades`, `ticker`, `kline`, `markPrice`): the whole
    /// message, whose `data` holds the payload.
    case channel(channel: String, symbol: String, message: JSONValue)
    /// A private event `{event, eventTime, seq, data}`.
    case event(PrivateEvent)
    /// The answer to the text `ping`.
    case pong

    private static let decoder = JSONDecoder()

    /// Decodes a text frame; nil when it has none of the known shapes.
    public static func decode(_ text: String) -> StreamMessage? {
        if text == "pong" { return .pong }
        let data = Data(text.utf8)
        guard let value = try? decoder.decode(JSONValue.self, from: data) else { return nil }
        if let channel = value.channel?.stringValue {
            if channel == "depth" || channel == "depth5" || channel == "depth20" {
                return (try? decoder.decode(DepthMessage.self, from: data)).map { .depth($0) }
            }
            return .channel(channel: channel, symbol: value.symbol?.stringValue ?? "", message: value)
        }
        guard let event = value.event?.stringValue else { return nil }
        switch event {
        case "subscribe", "unsubscribe":
            return .reply(event: event, id: value.id ?? .null, arg: value.arg ?? .null)
        case "error":
            return .error(
                id: value.id ?? .null, code: Int(value.code?.stringValue ?? "") ?? 0, message: value.msg?.stringValue ?? "")
        default:
            return (try? decoder.decode(PrivateEvent.self, from: data)).map { .event($0) }
        }
    }
}

/// A depth message: `action` "snapshot" (the whole book, or the top N) or "update"
/// (changed levels with absolute quantities, "0" removing a level).
public struct DepthMessage: Codable, Sendable, Hashable {
    public struct Body: Codable, Sendable, Hashable {
        public var seq: Int64
        /// The `seq` of the message before (-1 on a snapshot).
        public var prevSeq: Int64
        public var bids: [DepthLevel]
        public var asks: [DepthLevel]
        public var checksum: Int32
        public var time: Int64
    }

    public var channel: String
    public var symbol: String
    public var action: String
    public var data: Body

    public var isSnapshot: Bool { action == "snapshot" }
}

/// A private event (API.md §6.2): `ORDER_UPDATE`, `POSITION_UPDATE`, `BALANCE_UPDATE`, …
public struct PrivateEvent: Codable, Sendable, Hashable {
    public var event: String
    public var eventTime: Int64
    /// Per connection, from 1 without gaps: a jump means events were lost.
    public var seq: Int64
    public var data: JSONValue
}

/// A subscription argument of the public stream.
public struct StreamArgument: Sendable, Hashable, Encodable {
    public var channel: String
    public var symbol: String
    public var interval: String?
    public var priceType: String?

    public init(channel: String, symbol: String, interval: String? = nil, priceType: String? = nil) {
        self.channel = channel
        self.symbol = symbol
        self.interval = interval
        self.priceType = priceType
    }

    public static func depth(_ symbol: String) -> StreamArgument { StreamArgument(channel: "depth", symbol: symbol) }
}
