/// The page parameters of the history endpoints (API.md §1): `limit` (default 100, max
/// 500), a `startTime`/`endTime` window in ms, and the `cursor` of the previous page's
/// ``Page/nextCursor``.
public struct PageRequest: Sendable, Hashable {
    public var limit: Int?
    public var startTime: Int64?
    public var endTime: Int64?
    public var cursor: String?

    public init(limit: Int? = nil, startTime: Int64? = nil, endTime: Int64? = nil, cursor: String? = nil) {
        self.limit = limit
        self.startTime = startTime
        self.endTime = endTime
        self.cursor = cursor
    }

    /// The request for the page after `page`, or `nil` when `page` was the last one.
    public func next<Item>(after page: Page<Item>) -> PageRequest? {
        guard let cursor = page.nextCursor else { return nil }
        var request = self
        request.cursor = cursor
        return request
    }
}
