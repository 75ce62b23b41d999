/// Whether an API key may be used (API.md §5.3).
public enum ApiKeyStatus: String, Hashable, Sendable, CaseIterable {
    case enabled = "ENABLED"
    case disabled = "DISABLED"
}
