/// `GET /v1/private/user/info` (API.md §5.2). The fee figures are the account's tier on the
/// exchange's fee schedule for its 30-day volume; the rates are null while no symbol exists.
struct UserInfoResource: Encodable, Sendable {
    var userId: String
    var username: String
    @Null var nickname: String?
    var createdAt: Int64
    var feeTier: Int
    @Null var makerRate: String?
    @Null var takerRate: String?
}
