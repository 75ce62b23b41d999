/// An optional value as a SQLKit bind: the value itself when present (so drivers take
/// their fast path for plain integers and strings), a typed NULL otherwise.
@inline(__always)
func nullable<T: Encodable & Sendable>(_ value: T?) -> any Encodable & Sendable {
    if let value { return value }
    return T?.none
}
