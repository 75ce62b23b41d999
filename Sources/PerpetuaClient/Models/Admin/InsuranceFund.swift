/// `GET /v1/admin/insurance-fund`: the fund's balance and the exchange's fee income.
public struct InsuranceFund: Codable, Sendable, Hashable {
    public var balance: String
    public var feeIncome: String
}
