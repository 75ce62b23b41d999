import Crypto
import PerpetuaStore

/// An API key as the authenticator keeps it between requests: the record and a pre-keyed
/// HMAC, copied per request (0.5 µs a signature instead of re-keying each time).
struct CachedApiKey: Sendable {
    var record: ApiKeyRecord
    let mac: HMAC<SHA256>
    let permissions: Set<Permission>
    let whitelist: [IPAddressRange]
    /// When `lastUsedAt` was last written (ms), to write it at most once a minute.
    var touchedAt: Int64

    init(record: ApiKeyRecord, secret: String) {
        self.record = record
        mac = HMAC<SHA256>(key: SymmetricKey(data: Array(secret.utf8)))
        permissions = Set(record.permissions.compactMap(Permission.init(rawValue:)))
        whitelist = record.ipWhitelist.compactMap(IPAddressRange.init)
        touchedAt = record.lastUsedAt ?? 0
    }
}
