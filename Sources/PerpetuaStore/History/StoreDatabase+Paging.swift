import SQLKit

extension StoreDatabase {
    /// One newest-first page of `table`, keyset-paginated on (`timeColumn`, `idColumn`)
    /// (API.md §1). Fetches one row more than the limit to know whether another page
    /// exists; the cursor is the last returned row's key, so rows inserted while a client
    /// pages never shift or repeat what it sees.
    func page<Item: Sendable>(
        table: String, timeColumn: String, idColumn: String, filters: [(String, any Encodable & Sendable)],
        request: PageRequest, decode: @escaping @Sendable (any SQLRow) throws -> Item
    ) async throws -> Page<Item> {
        let (limit, after) = try request.validated()
        return try await read { db in
            let query = db.select().column("*").from(table)
            for (column, value) in filters { query.where(SQLIdentifier(column), .equal, value) }
            if let start = request.startTime { query.where(SQLIdentifier(timeColumn), .greaterThanOrEqual, start) }
            if let end = request.endTime { query.where(SQLIdentifier(timeColumn), .lessThanOrEqual, end) }
            if let after {
                query.where(group: { group in
                    group.where(SQLIdentifier(timeColumn), .lessThan, after.time)
                        .orWhere(group: {
                            $0.where(SQLIdentifier(timeColumn), .equal, after.time)
                                .where(SQLIdentifier(idColumn), .lessThan, after.id)
                        })
                })
            }
            query.orderBy(timeColumn, .descending).orderBy(idColumn, .descending).limit(limit + 1)
            let rows = try await query.all()
            var items: [Item] = []
            items.reserveCapacity(min(rows.count, limit))
            var last: PageCursor?
            for row in rows.prefix(limit) {
                items.append(try decode(row))
                last = PageCursor(time: try row.int(timeColumn), id: try row.int(idColumn))
            }
            return Page(items: items, nextCursor: rows.count > limit ? last?.encoded : nil)
        }
    }
}
