/// Which order a cancel, move or query means: the server's id or the client's.
public enum OrderReference: Sendable, Hashable {
    case orderId(String)
    case clientOrderId(String)

    var orderId: String? {
        if case .orderId(let id) = self { return id }
        return nil
    }

    var clientOrderId: String? {
        if case .clientOrderId(let id) = self { return id }
        return nil
    }
}
