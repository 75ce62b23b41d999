import Crypto
import Foundation

/// Seals API secrets at rest with AES-GCM under the server's master key (API.md §2.2):
/// the database holds only nonce ‖ ciphertext ‖ tag, useless without the key.
public struct SecretBox: Sendable {
    private let key: SymmetricKey

    /// `masterKey` must be 32 bytes.
    public init(masterKey: [UInt8]) throws {
        guard masterKey.count == 32 else {
            throw PerpetuaServerError.configuration("the master key must be 32 bytes (base64 of 32 random bytes), got \(masterKey.count)")
        }
        key = SymmetricKey(data: masterKey)
    }

    /// The combined AES-GCM box of `plaintext` under a fresh random nonce.
    public func seal(_ plaintext: String) throws -> [UInt8] {
        let box = try AES.GCM.seal(Data(plaintext.utf8), using: key)
        return Array(box.combined!)
    }

    /// The plaintext, or nil when the box was not sealed under this key or was altered.
    public func open(_ sealed: [UInt8]) -> String? {
        guard let box = try? AES.GCM.SealedBox(combined: sealed),
              let plain = try? AES.GCM.open(box, using: key) else { return nil }
        return String(decoding: plain, as: UTF8.self)
    }
}
