/// The answer to a deposit or withdrawal: the wallet balance after it.
public struct WalletBalance: Codable, Sendable, Hashable {
    public var balance: String
}
