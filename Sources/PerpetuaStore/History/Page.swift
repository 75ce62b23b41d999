/// One page of a history, newest first (API.md §1 `{items, nextCursor}`).
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    /// Pass back as `cursor` for the next (older) page; nil on the last page.
    public var nextCursor: String?

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

extension Page: Equatable where Item: Equatable {}
