/// A value bound into a bulk statement, in one of the storage classes SQLite and
/// PostgreSQL share. The projector builds its rows from these instead of `Encodable`
/// existentials so that binding costs a switch, not a dynamic cast per value.
enum SQLValue: Sendable, Hashable {
    case integer(Int64)
    case text(String)
    case blob([UInt8])
    case null
}
