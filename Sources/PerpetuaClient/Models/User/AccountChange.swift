/// One row of `GET /v1/private/user/account-change-log`.
public struct AccountChange: Codable, Sendable, Hashable {
    public var id: String
    /// `DEPOSIT`, `WITHDRAW`, `REALIZED_PNL`, `TRADE_FEE`, `FUNDING_FEE`, `LIQUIDATION_FEE`,
    /// `INSURANCE_CLEAR`, `ADL` or `ADJUSTMENT`.
    public var type: String
    public var asset: String
    /// Signed: negative for money leaving the wallet.
    public var amount: String
    public var balanceAfter: String
    public var symbol: String?
    /// The trade, order or funding the change comes from.
    public var refId: String?
    public var time: Int64
}
