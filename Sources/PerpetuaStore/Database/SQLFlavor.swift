/// Which SQL dialect a store speaks. SQLKit hides most differences; the few it does not
/// (how a write transaction starts, locking during migrations) switch on this.
enum SQLFlavor: String, Sendable {
    case sqlite
    case postgres
}
