import Foundation

/// Encodes stream payloads once, as the text every subscriber receives.
enum StreamJSON {
    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    /// A JSON string literal.
    static func quote(_ text: String) -> String { encode(text) }
}
