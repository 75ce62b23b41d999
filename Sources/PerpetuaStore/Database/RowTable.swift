/// A table as the projector writes it: which columns, in which order, and what happens
/// when a row's key already exists. Rows go in as multi-row INSERTs of a few thousand
/// values; the statement text is assembled from precomputed pieces.
struct RowTable: Sendable {
    /// What an INSERT does with a row whose key exists.
    enum Conflict: Sendable {
        /// Keep the existing row: replaying a batch must not duplicate or fail.
        case ignore
        /// Overwrite every other column with the new values (upsert by key).
        case update(key: [String])
    }

    let name: String
    let columns: [String]
    let conflict: Conflict

    /// Values bound per statement: well under SQLite's 32,766 and PostgreSQL's 65,535
    /// parameters. SQLite compiles a multi-row VALUES list into code that grows with it, and
    /// measured faster per row at about 4,000 values than at 8,000 or more.
    static let valuesPerStatement = 4_000

    var rowsPerStatement: Int { max(1, Self.valuesPerStatement / columns.count) }

    /// On SQLite `OR ROLLBACK`: a multi-row INSERT whose NOT NULL checks may abort it
    /// otherwise keeps a statement journal, a copy of every page the statement touches
    /// first, so that it can undo itself alone (a tenth of the projector writer's time).
    /// The projector rolls the whole transaction back on any error anyway. Key conflicts
    /// are the `ON CONFLICT` clause's, not this.
    private func prefix(_ flavor: SQLFlavor) -> String {
        let verb = flavor == .sqlite ? "INSERT OR ROLLBACK INTO" : "INSERT INTO"
        return verb + " \"\(name)\" (" + columns.map { "\"\($0)\"" }.joined(separator: ",") + ") VALUES "
    }

    private var suffix: String {
        switch conflict {
        case .ignore:
            " ON CONFLICT DO NOTHING"
        case .update(let key):
            " ON CONFLICT (" + key.map { "\"\($0)\"" }.joined(separator: ",") + ") DO UPDATE SET "
                + columns.filter { !key.contains($0) }.map { "\"\($0)\" = excluded.\"\($0)\"" }.joined(separator: ",")
        }
    }

    /// `INSERT INTO "t" ("a","b") VALUES (?,?),(?,?) ON CONFLICT …` for `rows` rows. SQLite
    /// gets anonymous `?` placeholders (positional, and without the bookkeeping SQLite does
    /// for numbered ones); PostgreSQL needs `$1, $2, …`.
    func insertSQL(rows: Int, flavor: SQLFlavor) -> String {
        precondition(rows > 0)
        switch flavor {
        case .sqlite:
            let group = "(" + String(repeating: "?,", count: columns.count - 1) + "?)"
            return prefix(flavor) + String(repeating: group + ",", count: rows - 1) + group + suffix
        case .postgres:
            var bytes: [UInt8] = Array(prefix(flavor).utf8)
            bytes.reserveCapacity(bytes.count + rows * columns.count * 7 + 256)
            var index = 0
            for row in 0..<rows {
                if row > 0 { bytes.append(UInt8(ascii: ",")) }
                bytes.append(UInt8(ascii: "("))
                for column in 0..<columns.count {
                    index += 1
                    if column > 0 { bytes.append(UInt8(ascii: ",")) }
                    bytes.append(UInt8(ascii: "$"))
                    bytes.append(contentsOf: String(index).utf8)
                }
                bytes.append(UInt8(ascii: ")"))
            }
            bytes.append(contentsOf: suffix.utf8)
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
