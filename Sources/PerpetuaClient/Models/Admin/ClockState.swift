/// `GET|POST /v1/admin/clock`: the server's clock and whether it runs by itself.
public struct ClockState: Codable, Sendable, Hashable {
    public var time: Int64
    /// `WALL` or `MANUAL`.
    public var mode: String
}
