/// A JSON encoder that writes bytes as `encode(to:)` runs, with keys in the order they are
/// encoded.
///
/// Why not Foundation's `JSONEncoder`: it builds a tree of boxed values first and walks it
/// again to write, through generic wrappers resolved at run time. On the order path that was
/// 5.7 % of the whole process's samples (perf, `bench api`, 64 connections), more than the
/// engine itself. Responses here are plain trees of keyed objects, arrays, strings,
/// integers, booleans and nulls, which a single pass writes directly.
///
/// Output matches `JSONEncoder` with `.withoutEscapingSlashes` for those values; floating
/// point is written with Swift's shortest round-trip description (never used for money).
struct StreamingJSONEncoder {
    /// The JSON text of `value`.
    static func encode<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        let sink = JSONByteSink()
        sink.bytes.reserveCapacity(512)
        let encoder = StreamingEncoder(sink: sink, codingPath: [])
        try value.encode(to: encoder)
        encoder.finish()
        return sink.bytes
    }
}

/// The output buffer, shared by every nested encoder of one `encode` call.
final class JSONByteSink {
    var bytes: [UInt8] = []

    func write(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    func writeQuoted(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            var start = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: utf8[start..<index])
                start = index + 1
                switch byte {
                case UInt8(ascii: "\""): write("\\\"")
                case UInt8(ascii: "\\"): write("\\\\")
                case 0x0A: write("\\n")
                case 0x0D: write("\\r")
                case 0x09: write("\\t")
                case 0x08: write("\\b")
                case 0x0C: write("\\f")
                default:
                    let digits = Array("0123456789abcdef".utf8)
                    write("\\u00")
                    bytes.append(digits[Int(byte >> 4)])
                    bytes.append(digits[Int(byte & 0x0F)])
                }
            }
            bytes.append(contentsOf: utf8[start..<utf8.count])
        }
        bytes.append(UInt8(ascii: "\""))
    }

    func writeInteger<T: BinaryInteger>(_ value: T) {
        bytes.append(contentsOf: value.description.utf8)
    }
}

/// One value's encoder: it opens at most one container, closed by ``finish()`` once the
/// value's `encode(to:)` has returned.
final class StreamingEncoder: Encoder {
    enum Opened { case none, keyed, unkeyed, single }

    let sink: JSONByteSink
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var opened = Opened.none
    /// Whether the open container has an element (a comma goes before the next).
    var hasElements = false

    init(sink: JSONByteSink, codingPath: [any CodingKey]) {
        self.sink = sink
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if opened == .none {
            opened = .keyed
            sink.bytes.append(UInt8(ascii: "{"))
        }
        return KeyedEncodingContainer(StreamingKeyedContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if opened == .none {
            opened = .unkeyed
            sink.bytes.append(UInt8(ascii: "["))
        }
        return StreamingUnkeyedContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        StreamingSingleValueContainer(encoder: self)
    }

    /// Closes the container the value opened; a value that wrote nothing is `{}`.
    func finish() {
        switch opened {
        case .keyed: sink.bytes.append(UInt8(ascii: "}"))
        case .unkeyed: sink.bytes.append(UInt8(ascii: "]"))
        case .single: break
        case .none: sink.write("{}")
        }
    }

    /// A comma before every element but the first.
    func separate() {
        if hasElements { sink.bytes.append(UInt8(ascii: ",")) }
        hasElements = true
    }

    /// Encodes a nested value with its own encoder.
    func encodeNested<Value: Encodable>(_ value: Value, path: [any CodingKey]) throws {
        let child = StreamingEncoder(sink: sink, codingPath: path)
        try value.encode(to: child)
        child.finish()
    }
}

struct StreamingKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: StreamingEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    private func key(_ key: Key) {
        encoder.separate()
        encoder.sink.writeQuoted(key.stringValue)
        encoder.sink.bytes.append(UInt8(ascii: ":"))
    }

    mutating func encodeNil(forKey key: Key) throws {
        self.key(key)
        encoder.sink.write("null")
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        self.key(key)
        encoder.sink.write(value ? "true" : "false")
    }

    mutating func encode(_ value: String, forKey key: Key) throws {
        self.key(key)
        encoder.sink.writeQuoted(value)
    }

    mutating func encode(_ value: Int, forKey key: Key) throws { self.key(key); encoder.sink.writeInteger(value) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { self.key(key); encoder.sink.writeInteger(value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { self.key(key); encoder.sink.writeInteger(value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { self.key(key); encoder.sink.writeInteger(value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { self.key(key); encoder.sink.writeInteger(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { self.key(key); encoder.sink.writeInteger(value) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { self.key(key); encoder.sink.writeInteger(value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { self.key(key); encoder.sink.writeInteger(value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { self.key(key); encoder.sink.writeInteger(value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { self.key(key); encoder.sink.writeInteger(value) }

    mutating func encode(_ value: Double, forKey key: Key) throws {
        self.key(key)
        encoder.sink.bytes.append(contentsOf: value.description.utf8)
    }

    mutating func encode(_ value: Float, forKey key: Key) throws {
        self.key(key)
        encoder.sink.bytes.append(contentsOf: value.description.utf8)
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        self.key(key)
        try encoder.encodeNested(value, path: encoder.codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        preconditionFailure("StreamingJSONEncoder: nested containers are not supported; encode a value instead")
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        preconditionFailure("StreamingJSONEncoder: nested containers are not supported; encode a value instead")
    }

    mutating func superEncoder() -> any Encoder {
        preconditionFailure("StreamingJSONEncoder: superEncoder is not supported")
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        preconditionFailure("StreamingJSONEncoder: superEncoder is not supported")
    }
}

struct StreamingUnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: StreamingEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }
    var count = 0

    mutating func encodeNil() throws {
        encoder.separate()
        count += 1
        encoder.sink.write("null")
    }

    mutating func encode(_ value: String) throws {
        encoder.separate()
        count += 1
        encoder.sink.writeQuoted(value)
    }

    mutating func encode(_ value: Bool) throws {
        encoder.separate()
        count += 1
        encoder.sink.write(value ? "true" : "false")
    }

    mutating func encode(_ value: Int) throws {
        encoder.separate()
        count += 1
        encoder.sink.writeInteger(value)
    }

    mutating func encode(_ value: Int64) throws {
        encoder.separate()
        count += 1
        encoder.sink.writeInteger(value)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.separate()
        count += 1
        try encoder.encodeNested(value, path: encoder.codingPath)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        preconditionFailure("StreamingJSONEncoder: nested containers are not supported; encode a value instead")
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        preconditionFailure("StreamingJSONEncoder: nested containers are not supported; encode a value instead")
    }

    mutating func superEncoder() -> any Encoder {
        preconditionFailure("StreamingJSONEncoder: superEncoder is not supported")
    }
}

struct StreamingSingleValueContainer: SingleValueEncodingContainer {
    let encoder: StreamingEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    private func begin() { encoder.opened = .single }

    mutating func encodeNil() throws { begin(); encoder.sink.write("null") }
    mutating func encode(_ value: Bool) throws { begin(); encoder.sink.write(value ? "true" : "false") }
    mutating func encode(_ value: String) throws { begin(); encoder.sink.writeQuoted(value) }
    mutating func encode(_ value: Double) throws { begin(); encoder.sink.bytes.append(contentsOf: value.description.utf8) }
    mutating func encode(_ value: Float) throws { begin(); encoder.sink.bytes.append(contentsOf: value.description.utf8) }
    mutating func encode(_ value: Int) throws { begin(); encoder.sink.writeInteger(value) }
    mutating func encode(_ value: Int8) throws { begin(); encoder.sink.writeInteger(value) }
    mutating func encode(_ value: Int16) throws { begin(); encoder.sink.writeInteger(value) }
    mutating func encode(_ value: Int32) throws { begin(); encoder.sink.writeInteger(value) }
    mutating func encode(_ value: Int64) throws { begin(); encoder.sink.writeInteger(value) }
    mutating func encode(_ value: UInt) throws { begin(); encoder.sink.writeInteger(value) }
    mutating func encode(_ value: UInt8) throws { begin(); encoder.sink.writeInteger(value) }
    mutating func encode(_ value: UInt16) throws { begin(); encoder.sink.writeInteger(value) }
    mutating func encode(_ value: UInt32) throws { begin(); encoder.sink.writeInteger(value) }
    mutating func encode(_ value: UInt64) throws { begin(); encoder.sink.writeInteger(value) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        // The value's own encoding replaces this one: write it in place.
        begin()
        let child = StreamingEncoder(sink: encoder.sink, codingPath: encoder.codingPath)
        try value.encode(to: child)
        child.finish()
    }
}
