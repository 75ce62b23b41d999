/// A closed order's client id, kept until the retention window passes.
struct ClosedClientId: Hashable, Sendable {
    var time: Int64
    var key: ClientKey
    var orderId: UInt64
}
