/// A failure with its catalogue code, a message for the client and the details that help
/// fix it (`field`, `tickSize`, `serverTime`, …), which the API sends as `data`.
public struct PerpetuaError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The catalogue entry.
    public var code: ErrorCode
    /// The client-facing message.
    public var message: String
    /// Details for `data`, keyed by their JSON field names; values are already strings in
    /// the canonical API form.
    public var details: [String: String]

    /// Creates an error whose message is the catalogue template filled from `details`;
    /// a placeholder without a detail shows as `?`.
    public init(_ code: ErrorCode, _ details: [String: String] = [:]) {
        self.code = code
        self.details = details
        self.message = Self.fill(code.messageTemplate, with: details)
    }

    /// Creates an error with an explicit message.
    public init(_ code: ErrorCode, message: String, details: [String: String] = [:]) {
        self.code = code
        self.message = message
        self.details = details
    }

    /// An invalid-parameter error (12001) naming the field and what is wrong with it.
    public static func invalid(_ field: String, _ reason: String) -> PerpetuaError {
        PerpetuaError(.invalidParameter, ["field": field, "reason": reason])
    }

    public var description: String { "\(code.rawValue) \(code.name): \(message)" }

    static func fill(_ template: String, with details: [String: String]) -> String {
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            let key = String(rest[rest.index(after: open)..<close])
            result += details[key] ?? "?"
            rest = rest[rest.index(after: close)...]
        }
        result += rest
        return result
    }
}

extension DecimalParseError {
    /// The catalogue error for this failure in `field`: excess precision is 13003 for a
    /// price and 13004 for a quantity, everything else 12001.
    public func error(field: String, kind: DecimalFieldKind) -> PerpetuaError {
        switch (self, kind) {
        case (.tooPrecise, .price):
            PerpetuaError(.priceNotOnTick, message: "\(field) \(explanation)", details: ["field": field])
        case (.tooPrecise, .quantity):
            PerpetuaError(.quantityNotOnStep, message: "\(field) \(explanation)", details: ["field": field])
        default:
            PerpetuaError.invalid(field, explanation)
        }
    }
}

/// What a decimal field holds, which decides the catalogue code of a precision error.
public enum DecimalFieldKind: Sendable {
    case price, quantity, other
}
