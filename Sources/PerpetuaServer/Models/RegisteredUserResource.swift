/// What registration answers: the new account. It does not log in: the client calls
/// login next, so there is one way to get a session and one place that throttles it.
struct RegisteredUserResource: Encodable, Sendable {
    var userId: String
    var username: String
    var createdAt: Int64
}
