import HummingbirdBcrypt
import NIOPosix

/// Username and password rules, and bcrypt off the cooperative pool (a hash at cost 10
/// takes tens of milliseconds; doing it on the pool would stall every other request).
enum Credentials {
    static func checkUsername(_ name: String) throws {
        guard (3...32).contains(name.count), name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) }) else {
            throw APIError.invalid("username", "must be 3 to 32 characters of letters, digits, _ . -")
        }
    }

    static func checkPassword(_ password: String) throws {
        guard (8...72).contains(password.utf8.count) else {
            throw APIError.invalid("password", "must be 8 to 72 bytes long")
        }
    }

    static func hash(_ password: String, cost: UInt8) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    static func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }
}
