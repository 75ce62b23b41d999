import PerpetuaCore

/// Rows for one table collected during a batch, as a flat list of values in column
/// order, cut into multi-row statements at the end. Values are appended field by field
/// (``int(_:)``, ``text(_:)``, …, then ``endRow()``) so that a row costs no allocation.
struct RowBuffer {
    let table: RowTable
    private(set) var values: [SQLValue] = []
    private(set) var rowCount = 0

    init(_ table: RowTable, rows: Int = 0) {
        self.table = table
        values.reserveCapacity(rows * table.columns.count)
    }

    var isEmpty: Bool { rowCount == 0 }

    mutating func int(_ value: Int64) { values.append(.integer(value)) }
    mutating func id(_ value: UInt64) { values.append(.integer(Int64(bitPattern: value))) }
    mutating func fixed(_ value: some FixedPointDecimal) { values.append(.integer(value.units)) }
    mutating func bool(_ value: Bool) { values.append(.integer(value ? 1 : 0)) }
    mutating func text(_ value: String) { values.append(.text(value)) }
    mutating func blob(_ value: [UInt8]) { values.append(.blob(value)) }
    mutating func int(_ value: Int64?) { values.append(value.map { .integer($0) } ?? .null) }
    mutating func id(_ value: UInt64?) { values.append(value.map { .integer(Int64(bitPattern: $0)) } ?? .null) }
    mutating func fixed(_ value: (some FixedPointDecimal)?) { values.append(value.map { .integer($0.units) } ?? .null) }
    mutating func text(_ value: String?) { values.append(value.map { .text($0) } ?? .null) }

    /// Closes the row begun since the last call.
    mutating func endRow() {
        rowCount += 1
        assert(values.count == rowCount * table.columns.count, "\(table.name): row \(rowCount) has the wrong number of values")
    }

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
            result.append(BulkStatement(
                sql: sql, values: values[(start * width)..<((start + rows) * width)], flavor: flavor, reusable: rows == perStatement))
            start += rows
        }
        return result
    }
}
