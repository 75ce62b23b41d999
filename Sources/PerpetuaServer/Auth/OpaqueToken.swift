import Crypto

/// The random bearer strings the server hands out (refresh tokens, agent tickets, embed
/// tokens, listen keys, API keys and secrets) and the digest the store keeps instead of a
/// token. A token carries 256 random bits, so it cannot be guessed and needs no salt: the
/// store holds SHA-256 of it, and a leaked database gives nobody a usable token.
enum OpaqueToken {
    /// `prefix` followed by `bytes` random bytes in lower-case hex. The prefix tells a person
    /// (and a secret scanner) what a leaked string is.
    static func make(prefix: String, bytes: Int = 32) -> String {
        prefix + hex(ServerSecrets.random(bytes))
    }

    /// Lower-case hex SHA-256 of the token: what the store looks tokens up by.
    static func hash(_ token: String) -> String {
        hex(SHA256.hash(data: Array(token.utf8)))
    }
}
