import Foundation
import PerpetuaClient
import PerpetuaCore

/// Why an admin command failed, in one line for the operator: the server's code, name and
/// message for an API error, the address that could not be reached for a transport error.
public struct AdminCommandError: Error, CustomStringConvertible, Sendable {
    /// The line to print on standard error.
    public var message: String
    /// The API error code, when the server answered with one.
    public var code: Int?

    public init(message: String, code: Int? = nil) {
        self.message = message
        self.code = code
    }

    init(_ error: PerpetuaClientError, server: String) {
        switch error {
        case .api(let code, let message, let status, let data):
            let name = ErrorCode(rawValue: code).map { " \($0.name)" } ?? ""
            var line = "error \(code)\(name): \(message) (HTTP \(status))"
            if case .object(let fields) = data, !fields.isEmpty { line += " \(data)" }
            if code == 10003 { line += "; check --token or PERPETUA_ADMIN_TOKEN" }
            self.init(message: line, code: code)
        case .transport(let underlying):
            self.init(message: "cannot reach the server at \(server): \(underlying); is `perpetua serve` running there?")
        default:
            self.init(message: "\(error)")
        }
    }

    public var description: String { message }
}

/// Where the operator token comes from: `--token`, else `PERPETUA_ADMIN_TOKEN`, else the
/// token `perpetua serve` generated into `DATA/secrets/admin-token` when `--data` is given.
public enum AdminToken {
    public static func resolve(flag: String?, environment: [String: String], dataDirectory: String?) throws(AdminCommandError) -> String {
        if let flag, !flag.isEmpty { return flag }
        if let token = environment["PERPETUA_ADMIN_TOKEN"], !token.isEmpty { return token }
        if let dataDirectory {
            let path = dataDirectory + "/secrets/admin-token"
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw AdminCommandError(message: "no operator token: \(path) cannot be read; pass --token or set PERPETUA_ADMIN_TOKEN")
            }
            let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !token.isEmpty { return token }
        }
        throw AdminCommandError(
            message: "no operator token: pass --token, set PERPETUA_ADMIN_TOKEN, or give --data DIR of the server (it reads DIR/secrets/admin-token)")
    }
}
