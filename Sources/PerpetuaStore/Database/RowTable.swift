/// A table as the projector writes it: which columns, in which order, and what happens
/// when a row's key already exists. The multi-row INSERT text for a full chunk is built
/// once and reused, so a batch costs one statement per few thousand values.
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

    /// Values bound per statement. Well under SQLite's 32,766 and PostgreSQL's 65,535
    /// parameters; larger statements measured no faster.
    static let valuesPerStatement = 8_000

    var rowsPerStatement: Int { max(1, Self.valuesPerStatement / columns.count) }

    /// `INSERT INTO "t" ("a","b") VALUES (?1,?2),(?3,?4) ON CONFLICT …` for `rows` rows,
    /// with the placeholder syntax of `flavor`.
    func insertSQL(rows: Int, flavor: SQLFlavor) -> String {
        var sql = "INSERT INTO \"\(name)\" ("
        sql += columns.map { "\"\($0)\"" }.joined(separator: ",")
        sql += ") VALUES "
        sql.reserveCapacity(sql.utf8.count + rows * columns.count * 8 + 256)
        let marker: Character = flavor == .sqlite ? "?" : "$"
        var index = 0
        for row in 0..<rows {
            if row > 0 { sql += "," }
            sql += "("
            for column in 0..<columns.count {
                index += 1
                if column > 0 { sql += "," }
                sql.append(marker)
                sql += String(index)
            }
            sql += ")"
        }
        switch conflict {
        case .ignore:
            sql += " ON CONFLICT DO NOTHING"
        case .update(let key):
            sql += " ON CONFLICT (" + key.map { "\"\($0)\"" }.joined(separator: ",") + ") DO UPDATE SET "
            sql += columns.filter { !key.contains($0) }.map { "\"\($0)\" = excluded.\"\($0)\"" }.joined(separator: ",")
        }
        return sql
    }
}
