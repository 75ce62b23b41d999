import PerpetuaCore
import PerpetuaStore

/// The rules of API keys (API.md §2.2) that creation and updates share: labels, IP
/// whitelists, and when a key expires.
struct ApiKeyPolicy: Sendable {
    let settings: AuthSettings
    static let labelLength = 1...64
    static let dayMs: Int64 = 86_400_000
    /// The longest explicit lifetime of a key with a whitelist (10 years).
    static let maxExpiresInDays = 3650

    /// A label of 1 to 64 characters without control characters.
    func checkLabel(_ label: String) throws -> String {
        guard Self.labelLength.contains(label.count) else {
            throw APIError.invalid("label", "must be 1 to \(Self.labelLength.upperBound) characters long, got \(label.count)")
        }
        guard !label.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw APIError.invalid("label", "must not contain control characters")
        }
        return label
    }

    /// The whitelist with duplicates removed, in the order given; 12001 naming the bad entry.
    func checkWhitelist(_ entries: [String]) throws -> [String] {
        guard entries.count <= settings.maxWhitelistEntries else {
            throw APIError(
                .invalidParameter,
                message: "invalid parameter ipWhitelist: at most \(settings.maxWhitelistEntries) entries, got \(entries.count)",
                data: ["field": "ipWhitelist", "max": String(settings.maxWhitelistEntries)])
        }
        var seen = Set<String>()
        var out: [String] = []
        for (index, entry) in entries.enumerated() {
            guard IPAddressRange(entry) != nil else {
                throw APIError.invalid(
                    "ipWhitelist[\(index)]",
                    "\"\(entry)\" is not an IPv4/IPv6 address or CIDR block such as 203.0.113.7, 203.0.113.0/24 or 2001:db8::/32")
            }
            if seen.insert(entry).inserted { out.append(entry) }
        }
        return out
    }

    /// When a new key expires (ms), or nil for never: a key without a whitelist expires after
    /// `expiresInDays` or else the configured default, and may not outlive the default,
    /// because the expiry is what limits the damage of a leaked key that works from anywhere.
    /// A key with a whitelist expires only when asked to.
    func expiry(createdAt: Int64, whitelist: [String], expiresInDays: Int?) throws -> Int64? {
        let longest = whitelist.isEmpty ? settings.apiKeyExpiryDays : Self.maxExpiresInDays
        if let days = expiresInDays {
            guard (1...longest).contains(days) else {
                let why = whitelist.isEmpty ? " for a key without an IP whitelist (add one to allow up to \(Self.maxExpiresInDays))" : ""
                throw APIError(
                    .invalidParameter, message: "invalid parameter expiresInDays: must be 1 to \(longest)\(why), got \(days)",
                    data: ["field": "expiresInDays", "max": String(longest)])
            }
            return createdAt + Int64(days) * Self.dayMs
        }
        return whitelist.isEmpty ? createdAt + Int64(settings.apiKeyExpiryDays) * Self.dayMs : nil
    }

    /// Why an expired key expired and what to do instead (API.md §2.2: the 10006 message
    /// says both). The record keeps no flag for `expiresInDays`, but the rules above leave
    /// only one way for each kind of key to have an expiry: a key with a whitelist has one
    /// only when it was asked for (adding a whitelist drops the default one, keeps an asked
    /// one); a key without one has the default lifetime, or else a lifetime that was asked
    /// for (at creation, or before its whitelist was removed).
    func expiryReason(_ key: ApiKeyRecord, expiredAt: Int64) -> String {
        let lifetime = expiredAt - key.createdAt
        let askedFor = lifetime > 0 && lifetime % Self.dayMs == 0
            ? "it was created with expiresInDays \(lifetime / Self.dayMs)" : "it was created to expire then"
        if !key.ipWhitelist.isEmpty {
            return "\(askedFor); create a new key: with an IP whitelist and without expiresInDays it does not expire"
        }
        let limit = settings.apiKeyExpiryDays
        let reason = expiredAt == key.createdAt + Int64(limit) * Self.dayMs
            ? "keys without an IP whitelist expire after the default limit of \(limit) days" : askedFor
        return "\(reason); create a new key: with an IP whitelist it does not expire, without one it lasts at most \(limit) days"
    }

    /// The expiry after the whitelist of `key` becomes `whitelist`; `.none` when it stays.
    /// Removing the whitelist makes the key expire as a key created without one (counted
    /// from its creation, never later than it already did). Adding one to a key that had
    /// the default expiry makes it permanent; an expiry that was asked for is kept.
    func expiryAfterWhitelistChange(_ key: ApiKeyRecord, to whitelist: [String]) -> Int64?? {
        let defaultExpiry = key.createdAt + Int64(settings.apiKeyExpiryDays) * Self.dayMs
        switch (key.ipWhitelist.isEmpty, whitelist.isEmpty) {
        case (false, true):
            return .some(min(key.expiresAt ?? defaultExpiry, defaultExpiry))
        case (true, false):
            return key.expiresAt == defaultExpiry ? .some(nil) : .none
        default:
            return .none
        }
    }
}
