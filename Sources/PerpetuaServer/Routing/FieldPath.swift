/// The name a 12001 gives a field of a request body: its whole path, as a client would
/// write it to reach the value (`orders[3].price`, `leverageBrackets[0].maxLeverage`),
/// so that an error in a nested or repeated field points at the one value to fix.
enum FieldPath {
    /// `body` for the body itself (an empty path).
    static func name(_ codingPath: [any CodingKey]) -> String {
        var name = ""
        for key in codingPath {
            if let index = key.intValue {
                name += "[\(index)]"
            } else {
                name += name.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return name.isEmpty ? "body" : name
    }
}
