/// One page of a history (API.md §1): items newest first, and the cursor of the next page
/// (`nil` on the last one). Pass it back with ``PageRequest/next(after:)``.
public struct Page<Item: Decodable & Sendable>: Decodable, Sendable {
    public var items: [Item]
    public var nextCursor: String?

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

extension Page: Equatable where Item: Equatable {}
extension Page: Hashable where Item: Hashable {}
