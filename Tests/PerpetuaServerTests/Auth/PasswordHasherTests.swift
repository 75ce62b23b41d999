import PerpetuaServer
import Testing

@Suite("Password hashing")
struct PasswordHasherTests {
    @Test("bcrypt at the configured cost verifies the password and nothing else")
    func hashAndVerify() async throws {
        let hasher = try PasswordHasher(cost: 4)
        let hash = try await hasher.hash("correct-horse-42")
        #expect(hash.hasPrefix("$2") && hash.contains("$04$"))
        #expect(try await hasher.verify("correct-horse-42", hash: hash))
        #expect(try await !hasher.verify("correct-horse-43", hash: hash))
        #expect(try await !hasher.verify("anything", hash: "not a bcrypt hash"))
        try await hasher.verifyNobody("whatever")
    }

    @Test("passwords bcrypt would cut (NUL, over 72 bytes) never match")
    func truncation() async throws {
        let hasher = try PasswordHasher(cost: 4)
        let long = String(repeating: "a1", count: 36)
        let hash = try await hasher.hash(long)
        #expect(try await hasher.verify(long, hash: hash))
        #expect(try await !hasher.verify(long + "zzz", hash: hash))
        let short = try await hasher.hash("abcdefgh1")
        #expect(try await !hasher.verify("abcdefgh1\u{0}tail", hash: short))
    }

    @Test("the cost must be within bcrypt's bounds")
    func costBounds() {
        #expect(throws: (any Error).self) { try PasswordHasher(cost: 3) }
        #expect(throws: (any Error).self) { try PasswordHasher(cost: 32) }
    }
}
