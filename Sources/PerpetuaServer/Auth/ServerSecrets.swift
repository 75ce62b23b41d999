import Crypto
import Foundation

/// The server's secrets: the operator token, the master key of API secrets, and the JWT
/// signing key. Each comes from the configuration, else from a file in the data directory,
/// else is generated into that file (mode 0600) on first start, so restarts keep them.
public struct ServerSecrets: Sendable {
    public var adminToken: String
    /// Whether the admin token was generated now (the operator must be told).
    public var adminTokenGenerated: Bool
    public var masterKey: [UInt8]
    public var jwtKey: [UInt8]

    public static func load(configuration: ServerConfiguration, environment: [String: String]) throws -> ServerSecrets {
        let directory = configuration.dataDirectory + "/secrets"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var generated = false
        let admin: String
        if let token = configuration.adminToken ?? environment["PERPETUA_ADMIN_TOKEN"], !token.isEmpty {
            admin = token
        } else {
            (admin, generated) = try fileSecret(directory + "/admin-token") { "adm_" + hex(random(24)) }
        }
        let master: [UInt8]
        if let configured = configuration.masterKey {
            guard let bytes = Data(base64Encoded: configured), bytes.count == 32 else {
                throw PerpetuaServerError.configuration("masterKey must be base64 of exactly 32 bytes")
            }
            master = Array(bytes)
        } else {
            let (text, _) = try fileSecret(directory + "/master.key") { Data(random(32)).base64EncodedString() }
            guard let bytes = Data(base64Encoded: text), bytes.count == 32 else {
                throw PerpetuaServerError.configuration("\(directory)/master.key must hold base64 of 32 bytes")
            }
            master = Array(bytes)
        }
        let jwt: [UInt8]
        if let configured = configuration.jwtSecret, !configured.isEmpty {
            guard configured.utf8.count >= 32 else {
                throw PerpetuaServerError.configuration("jwtSecret must be at least 32 characters")
            }
            jwt = Array(configured.utf8)
        } else {
            jwt = Array(try fileSecret(directory + "/jwt.key") { hex(random(32)) }.0.utf8)
        }
        return ServerSecrets(adminToken: admin, adminTokenGenerated: generated, masterKey: master, jwtKey: jwt)
    }

    /// The file's trimmed content, or `make()` written to a new file readable by the owner only.
    static func fileSecret(_ path: String, make: () -> String) throws -> (String, generated: Bool) {
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
            return (text.trimmingCharacters(in: .whitespacesAndNewlines), false)
        }
        let value = make()
        guard FileManager.default.createFile(atPath: path, contents: Data((value + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
            throw PerpetuaServerError.configuration("cannot write \(path)")
        }
        return (value, true)
    }

    static func random(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}

/// Lower-case hex, written by hand: `String(format:)` costs 20× more (DESIGN.md).
func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
    let digits = Array("0123456789abcdef".utf8)
    var out = [UInt8]()
    out.reserveCapacity(64)
    for byte in bytes {
        out.append(digits[Int(byte >> 4)])
        out.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
}
