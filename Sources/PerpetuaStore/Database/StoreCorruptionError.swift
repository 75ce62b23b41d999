/// A row that does not decode into the types the schema promises: a corrupted database or a
/// row written by a newer build.
struct StoreCorruptionError: Error, CustomStringConvertible {
    var column: String
    var value: String
    var description: String { "unexpected value \(value) in column \(column)" }
}
