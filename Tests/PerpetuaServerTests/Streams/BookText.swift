import PerpetuaClient

/// Books as text for comparison (a file of its own: the engine has a `DepthLevel` too).
enum BookText {
    typealias Levels = [DepthLevel]

    /// Every level, `price=qty`, bids then asks.
    static func text(bids: [DepthLevel], asks: [DepthLevel]) -> String {
        bids.map { "\($0.price)=\($0.quantity)" }.joined(separator: ",") + "|" + asks.map { "\($0.price)=\($0.quantity)" }.joined(separator: ",")
    }
}
