import Foundation

/// A position in a newest-first history: the (time, id) of the last row a page returned.
/// The next page asks for rows strictly before it in (time DESC, id DESC) order, a keyset
/// that rows inserted meanwhile cannot shift, unlike an offset.
///
/// On the wire it is opaque: base64url (no padding) of `v1:<time>:<id>`, so clients do not
/// build cursors by hand and the format can change under a new version tag.
struct PageCursor: Hashable, Sendable {
    var time: Int64
    var id: Int64

    init(time: Int64, id: Int64) {
        self.time = time
        self.id = id
    }

    init(encoded: String) throws(StoreError) {
        guard encoded.utf8.count <= 64 else { throw .invalidCursor }
        var base64 = encoded.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.utf8.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else {
            throw .invalidCursor
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "v1", let time = Int64(parts[1]), let id = Int64(parts[2]) else {
            throw .invalidCursor
        }
        self.time = time
        self.id = id
    }

    var encoded: String {
        Data("v1:\(time):\(id)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
