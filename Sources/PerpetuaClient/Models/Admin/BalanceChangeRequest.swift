/// The body of `POST /v1/admin/deposit` and `POST /v1/admin/withdraw`.
public struct BalanceChangeRequest: Encodable, Sendable, Hashable {
    public var userId: String
    /// `USDT`.
    public var asset: String
    /// A positive canonical decimal.
    public var amount: String

    public init(userId: String, asset: String = "USDT", amount: String) {
        self.userId = userId
        self.asset = asset
        self.amount = amount
    }
}
