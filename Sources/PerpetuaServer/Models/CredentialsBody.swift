/// `{username, password}` of login and registration.
struct CredentialsBody: Decodable, Sendable {
    var username: String
    var password: String
}
