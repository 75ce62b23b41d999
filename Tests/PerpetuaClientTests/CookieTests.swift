import PerpetuaClient
import Testing

@Suite("Set-Cookie")
struct CookieTests {
    @Test("the refresh cookie of API.md §2.1 is parsed with its attributes")
    func parse() throws {
        let cookie = try #require(SetCookie(header: "refresh_token=eyJ.abc-_~; HttpOnly; SameSite=Strict; Path=/v1; Secure"))
        #expect(cookie.name == "refresh_token")
        #expect(cookie.value == "eyJ.abc-_~")
        #expect(cookie.attributes == ["httponly": "", "samesite": "Strict", "path": "/v1", "secure": ""])
        #expect(!cookie.deletes)
        #expect(SetCookie(header: "no-equals-sign; Path=/") == nil)
        #expect(SetCookie(header: #"q="quoted value""#)?.value == "quoted value")
    }

    @Test("refresh_token is found among several Set-Cookie lines; a clearing line deletes it")
    func refreshToken() {
        let set = ResponseHeaders([
            (name: "set-cookie", value: "theme=dark; Path=/"),
            (name: "Set-Cookie", value: "refresh_token=r2; HttpOnly; SameSite=Strict; Path=/v1"),
        ])
        #expect(SetCookie.refreshToken(in: set) == .some("r2"))
        let cleared = ResponseHeaders([(name: "Set-Cookie", value: "refresh_token=; Max-Age=0; Path=/v1")])
        #expect(SetCookie.refreshToken(in: cleared) == .some(nil))
        let expired = ResponseHeaders([
            (name: "Set-Cookie", value: "refresh_token=x; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/v1"),
        ])
        #expect(SetCookie.refreshToken(in: expired) == .some(nil))
        #expect(SetCookie.refreshToken(in: ResponseHeaders([])) == nil)
    }
}
