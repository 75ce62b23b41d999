import SQLKit

/// A statement whose text is already complete (placeholders numbered from 1) and whose
/// values are bound in order. It goes through SQLKit like any query; it only skips
/// rebuilding the same placeholder list expression by expression for every batch.
struct BulkStatement: SQLExpression {
    let sql: String
    let binds: [any Encodable & Sendable]

    func serialize(to serializer: inout SQLSerializer) {
        serializer.write(sql)
        serializer.binds.append(contentsOf: binds)
    }
}
