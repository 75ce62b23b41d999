import PerpetuaCore
/// Reads the `permissions` of a key, ticket or embed token: a non-empty subset of
/// `READ`/`TRADE`, upper case as every enum of the API, duplicates ignored.
enum PermissionList {
    /// The permissions in canonical order (`READ` before `TRADE`), or 12001 naming `field`.
    static func parse(_ values: [String], field: String = "permissions") throws -> [Permission] {
        guard !values.isEmpty else {
            throw APIError.invalid(field, "must hold at least one of READ, TRADE")
        }
        var found = Set<Permission>()
        for (index, value) in values.enumerated() {
            guard let permission = Permission(rawValue: value) else {
                let hint = Permission(rawValue: value.uppercased()).map { "; did you mean \($0.rawValue)?" } ?? ""
                throw APIError.invalid("\(field)[\(index)]", "must be READ or TRADE, got \"\(value)\"\(hint)")
            }
            found.insert(permission)
        }
        return Permission.allCases.filter(found.contains)
    }

    /// As ``parse(_:field:)``, and within what `granted` allows: an agent never gets more than
    /// the session that minted its ticket (10007 otherwise).
    static func parse(_ values: [String], within granted: Set<Permission>, field: String = "permissions") throws -> [Permission] {
        let permissions = try parse(values, field: field)
        if let missing = permissions.first(where: { !granted.contains($0) }) {
            throw APIError(
                .permissionDenied, message: "your session does not have \(missing.rawValue), so it cannot grant it",
                data: ["field": field, "permission": missing.rawValue])
        }
        return permissions
    }
}
