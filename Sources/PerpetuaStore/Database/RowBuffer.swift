/// Rows for one table collected during a batch, as a flat list of values in column
/// order, cut into multi-row statements at the end.
struct RowBuffer {
    let table: RowTable
    private(set) var values: [any Encodable & Sendable] = []
    private(set) var rowCount = 0

    init(_ table: RowTable) {
        self.table = table
    }

    /// Appends one row; `row` must have one value per column.
    mutating func append(_ row: any Encodable & Sendable...) {
        assert(row.count == table.columns.count, "\(table.name): \(row.count) values for \(table.columns.count) columns")
        values.append(contentsOf: row)
        rowCount += 1
    }

    var isEmpty: Bool { rowCount == 0 }

    /// The statements that insert every row, reusing the cached text of a full chunk.
    func statements(flavor: SQLFlavor, cache: inout [String: String]) -> [BulkStatement] {
        guard rowCount > 0 else { return [] }
        let perStatement = table.rowsPerStatement
        let width = table.columns.count
        var result: [BulkStatement] = []
        var start = 0
        while start < rowCount {
            let rows = min(perStatement, rowCount - start)
            let sql: String
            if rows == perStatement {
                let key = "\(table.name)#\(rows)"
                if let cached = cache[key] {
                    sql = cached
                } else {
                    sql = table.insertSQL(rows: rows, flavor: flavor)
                    cache[key] = sql
                }
            } else {
                sql = table.insertSQL(rows: rows, flavor: flavor)
            }
            result.append(BulkStatement(sql: sql, binds: Array(values[(start * width)..<((start + rows) * width)])))
            start += rows
        }
        return result
    }
}

/// An optional value as a bind: the value itself when present (so drivers take their
/// fast path for plain integers and strings), a typed NULL otherwise.
@inline(__always)
func nullable<T: Encodable & Sendable>(_ value: T?) -> any Encodable & Sendable {
    if let value { return value }
    return T?.none
}
