/// What registration accepts as a username and a password (API.md §2.1), each refusal a
/// 12001 that says what to change.
enum CredentialRules {
    static let usernameLength = 3...32
    /// bcrypt reads at most 72 bytes; a longer password would be cut silently.
    static let passwordBytes = 8...72

    /// Letters, digits, `_`, `.` and `-`, starting with a letter or digit: names that read
    /// the same in every font and log, and need no escaping in a URL or a shell.
    static func checkUsername(_ username: String) throws {
        guard usernameLength.contains(username.count) else {
            throw APIError.invalid("username", "must be \(usernameLength.lowerBound) to \(usernameLength.upperBound) characters long, got \(username.count)")
        }
        let allowed = username.utf8.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
        guard allowed else {
            throw APIError.invalid("username", "may contain only the letters A-Z and a-z, digits, '_', '.' and '-'")
        }
        guard let first = username.utf8.first, isAlphanumeric(first) else {
            throw APIError.invalid("username", "must start with a letter or a digit")
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (65...90).contains(byte) || (97...122).contains(byte) || (48...57).contains(byte)
    }

    /// 8 to 72 bytes with at least one letter and one digit, no control characters, and not
    /// containing the username.
    static func checkPassword(_ password: String, username: String) throws {
        let bytes = password.utf8.count
        guard bytes >= passwordBytes.lowerBound else {
            throw APIError.invalid("password", "must be at least \(passwordBytes.lowerBound) characters long")
        }
        guard bytes <= passwordBytes.upperBound else {
            throw APIError.invalid("password", "must be at most \(passwordBytes.upperBound) bytes in UTF-8 (bcrypt ignores the rest), got \(bytes)")
        }
        guard !password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw APIError.invalid("password", "must not contain control characters")
        }
        guard password.contains(where: \.isLetter), password.contains(where: \.isNumber) else {
            throw APIError.invalid("password", "must contain at least one letter and one digit")
        }
        guard !password.lowercased().contains(username.lowercased()) else {
            throw APIError.invalid("password", "must not contain the username")
        }
    }
}
