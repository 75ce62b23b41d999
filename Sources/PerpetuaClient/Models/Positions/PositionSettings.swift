/// `GET /v1/private/position/settings`: a symbol's leverage and margin mode for the user,
/// and the largest notional that leverage allows.
public struct PositionSettings: Codable, Sendable, Hashable {
    public var symbol: String
    public var leverage: Int
    /// `CROSS` or `ISOLATED`.
    public var marginMode: String
    public var maxNotional: String
}
