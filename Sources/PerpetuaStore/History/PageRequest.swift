/// The pagination parameters of API.md §1, already parsed: a page size, an optional
/// inclusive time window, and the cursor of the previous page.
public struct PageRequest: Hashable, Sendable {
    /// The page size API.md §1 gives when the client names none.
    public static let defaultLimit = 100
    /// The largest page API.md §1 allows.
    public static let maximumLimit = 500

    public var limit: Int
    /// Only rows at or after this time (ms).
    public var startTime: Int64?
    /// Only rows at or before this time (ms).
    public var endTime: Int64?
    /// `nextCursor` of the previous page, as the client sent it back.
    public var cursor: String?

    public init(limit: Int = PageRequest.defaultLimit, startTime: Int64? = nil, endTime: Int64? = nil, cursor: String? = nil) {
        self.limit = limit
        self.startTime = startTime
        self.endTime = endTime
        self.cursor = cursor
    }

    /// Checks the limit and the time window, and decodes the cursor.
    func validated() throws(StoreError) -> (limit: Int, after: PageCursor?) {
        guard (1...Self.maximumLimit).contains(limit) else { throw .invalidLimit(limit, maximum: Self.maximumLimit) }
        if let startTime, let endTime, startTime > endTime { throw .invalidTimeRange }
        guard let cursor else { return (limit, nil) }
        return (limit, try PageCursor(encoded: cursor))
    }
}
