/// The store was closed while a caller waited for a connection.
struct PoolClosedError: Error, CustomStringConvertible {
    var description: String { "the store is closed" }
}
