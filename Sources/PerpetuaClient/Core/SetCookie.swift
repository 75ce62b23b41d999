/// One `Set-Cookie` header line, reduced to what the client needs: the cookie's name and
/// value, and whether the line deletes it.
public struct SetCookie: Sendable, Hashable {
    public var name: String
    public var value: String
    /// The attributes after the first `;`, names lower-cased (`httponly`, `path`, …); an
    /// attribute without `=` has an empty value.
    public var attributes: [String: String]

    /// Parses `name=value; Attr; Attr=x`; `nil` when there is no `name=` before the first `;`.
    public init?(header: String) {
        var parts = header.split(separator: ";", omittingEmptySubsequences: false).makeIterator()
        guard let first = parts.next(), let equals = first.firstIndex(of: "=") else { return nil }
        let name = first[..<equals].trimmingSpaces()
        guard !name.isEmpty else { return nil }
        self.name = name
        var value = first[first.index(after: equals)...].trimmingSpaces()
        if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
            value = String(value.dropFirst().dropLast())
        }
        self.value = value
        var attributes: [String: String] = [:]
        while let part = parts.next() {
            if let eq = part.firstIndex(of: "=") {
                attributes[part[..<eq].trimmingSpaces().lowercased()] = part[part.index(after: eq)...].trimmingSpaces()
            } else {
                let key = part.trimmingSpaces().lowercased()
                if !key.isEmpty { attributes[key] = "" }
            }
        }
        self.attributes = attributes
    }

    /// Whether the line removes the cookie: an empty value, `Max-Age` ≤ 0, or an `Expires`
    /// in 1970 (the usual way of clearing one).
    public var deletes: Bool {
        if value.isEmpty { return true }
        if let maxAge = attributes["max-age"], let seconds = Int(maxAge), seconds <= 0 { return true }
        if let expires = attributes["expires"], expires.contains("1970") { return true }
        return false
    }

    /// The `refresh_token` cookie's new state from a response's `Set-Cookie` lines:
    /// `.some(value)` when set, `.some(nil)` when deleted, `nil` when not mentioned.
    public static func refreshToken(in headers: ResponseHeaders) -> String?? {
        var result: String?? = nil
        for line in headers.values("Set-Cookie") {
            guard let cookie = SetCookie(header: line), cookie.name == "refresh_token" else { continue }
            result = .some(cookie.deletes ? nil : cookie.value)
        }
        return result
    }
}

extension Substring {
    func trimmingSpaces() -> String {
        var slice = self[...]
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
