import PerpetuaStore

/// A page on the wire (API.md §1): `{"items": [...], "nextCursor": "…" | null}`.
struct PageResource<Item: Encodable & Sendable>: Encodable, Sendable {
    var items: [Item]
    var nextCursor: String?

    enum CodingKeys: String, CodingKey { case items, nextCursor }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        if let nextCursor { try container.encode(nextCursor, forKey: .nextCursor) } else { try container.encodeNil(forKey: .nextCursor) }
    }

    init<Stored>(_ page: Page<Stored>, transform: (Stored) -> Item) {
        items = page.items.map(transform)
        nextCursor = page.nextCursor
    }

    init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

extension APIRequest {
    /// `limit`, `startTime`, `endTime` and `cursor` (API.md §1), checked.
    func pageRequest() throws -> PageRequest {
        let limit = try integerQuery("limit", in: 1...Int64(PageRequest.maximumLimit)) ?? Int64(PageRequest.defaultLimit)
        let start = try integerQuery("startTime", in: 0...Int64.max)
        let end = try integerQuery("endTime", in: 0...Int64.max)
        if let start, let end, start > end {
            throw APIError.invalid("startTime", "must not be after endTime")
        }
        let cursor = query("cursor").flatMap { $0.isEmpty ? nil : $0 }
        return PageRequest(limit: Int(limit), startTime: start, endTime: end, cursor: cursor)
    }
}

/// Store errors as API errors: a bad cursor or range is the client's to fix.
func mapStoreError(_ error: any Error) -> any Error {
    guard let storeError = error as? StoreError else { return error }
    switch storeError {
    case .invalidCursor:
        return APIError.invalid("cursor", "is not a cursor this endpoint returned; start again without it")
    case .invalidLimit(let limit, let maximum):
        return APIError.invalid("limit", "must be between 1 and \(maximum), got \(limit)")
    case .invalidTimeRange:
        return APIError.invalid("startTime", "must not be after endTime")
    case .apiKeyLimit:
        return APIError(storeError.perpetuaError)
    default:
        return error
    }
}
