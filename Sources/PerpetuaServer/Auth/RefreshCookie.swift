import HTTPTypes
import Hummingbird

/// The `refresh_token` cookie of API.md §2.1. `HttpOnly` keeps it from scripts (an XSS
/// cannot steal it), `SameSite=Strict` keeps other sites from sending it, and `Path=/v1`
/// limits it to the API. `Secure` is added when configured (behind TLS), since browsers
/// drop Secure cookies on plain-HTTP development servers.
enum RefreshCookie {
    static let name = "refresh_token"

    /// `Set-Cookie` value that stores `token` for `maxAgeSeconds`.
    static func set(_ token: String, maxAgeSeconds: Int64, secure: Bool) -> String {
        "\(name)=\(token); HttpOnly; SameSite=Strict; Path=/v1; Max-Age=\(maxAgeSeconds)" + (secure ? "; Secure" : "")
    }

    /// `Set-Cookie` value that makes the browser drop the cookie.
    static func clear(secure: Bool) -> String {
        "\(name)=; HttpOnly; SameSite=Strict; Path=/v1; Max-Age=0" + (secure ? "; Secure" : "")
    }

    /// The refresh token the request carries, if any.
    static func token(in request: Request) -> String? {
        let cookies = Cookies(from: request.headers[values: .cookie])
        guard let value = cookies[name]?.value, !value.isEmpty else { return nil }
        return value
    }
}
