/// How long an order stays live (API.md §5.4).
public enum TimeInForce: String, Sendable, CaseIterable, Hashable {
    /// Good till cancelled: the unfilled rest rests on the book.
    case gtc = "GTC"
    /// Immediate or cancel: fills what it can now, the rest is cancelled.
    case ioc = "IOC"
    /// Fill or kill: fills completely now or is rejected without any fill (13011).
    case fok = "FOK"
    /// Post only: rejected (13009) when any part would take liquidity.
    case postOnly = "POST_ONLY"
}
