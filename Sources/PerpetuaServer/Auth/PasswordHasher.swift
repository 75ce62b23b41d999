import HummingbirdBcrypt
import NIOPosix
import Synchronization

/// bcrypt hashing and verification of passwords (API.md §2.1), run on NIO's blocking thread
/// pool because one hash takes hundreds of milliseconds at a production cost and would
/// otherwise stall a cooperative-pool thread that other requests need.
public final class PasswordHasher: Sendable {
    /// log2 of bcrypt's rounds for new hashes.
    public let cost: Int
    /// A hash of a random password at ``cost``, made on first use: a login for an unknown
    /// username is verified against it so that it takes as long as one for a real user.
    private let dummy = Mutex<String?>(nil)

    /// bcrypt's own bounds: 4 (tests) to 31.
    public init(cost: Int) throws {
        guard (4...31).contains(cost) else {
            throw PerpetuaServerError.configuration("auth.bcryptCost must be between 4 and 31, got \(cost)")
        }
        self.cost = cost
    }

    /// The bcrypt hash of `password` with a fresh salt.
    public func hash(_ password: String) async throws -> String {
        let cost = UInt8(cost)
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` matches `hash`. bcrypt reads a C string of at most 72 bytes, so a
    /// password with a NUL byte or more than 72 bytes would be compared by a prefix only:
    /// such a password never matches (registration refuses them).
    public func verify(_ password: String, hash: String) async throws -> Bool {
        let usable = Self.isHashable(password)
        let matched = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(usable ? password : "", hash: hash) }
        return usable && matched
    }

    /// Spends the time a verification of a real user's password takes, for a username that
    /// does not exist, so that the answer's timing does not tell whether it does.
    public func verifyNobody(_ password: String) async throws {
        _ = try await verify(password, hash: try await dummyHash())
    }

    /// Makes the dummy hash now, so that even the first login for an unknown username takes
    /// no longer than one for a real user.
    public func prepare() async throws {
        _ = try await dummyHash()
    }

    /// Whether bcrypt sees all of `password`: at most 72 bytes and no NUL.
    static func isHashable(_ password: String) -> Bool {
        password.utf8.count <= 72 && !password.utf8.contains(0)
    }

    private func dummyHash() async throws -> String {
        if let known = dummy.withLock({ $0 }) { return known }
        let made = try await hash(OpaqueToken.make(prefix: "", bytes: 16))
        return dummy.withLock { value in
            if let value { return value }
            value = made
            return made
        }
    }
}
