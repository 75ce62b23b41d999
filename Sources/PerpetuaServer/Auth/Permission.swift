/// What a credential may do (API.md §2.2): READ for account data, TRADE for orders and
/// positions. Granted separately; TRADE does not imply READ.
public enum Permission: String, Hashable, Sendable, CaseIterable, Codable {
    case read = "READ"
    case trade = "TRADE"
}
