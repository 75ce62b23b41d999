/// What `POST /v1/private/order/batch-cancel-all` cancels.
public enum CancelAllScope: String, Sendable, Hashable {
    /// Normal orders.
    case normal = "NORMAL"
    /// Condition orders.
    case condition = "CONDITION"
    /// Both.
    case all = "ALL"
}
