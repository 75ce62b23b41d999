import PerpetuaCore
@testable import PerpetuaServer
import PerpetuaStore
import Testing

/// The live kline bar of a stream subscription, seeded from the store.
@Suite("Kline tracker")
struct KlineTrackerTests {
    static let t0: Int64 = 1_763_683_200_000

    static func price(_ text: String) -> Price { try! Price(parsing: text) }
    static func quantity(_ text: String) -> Quantity { try! Quantity(parsing: text) }

    @Test("commands the seed bar already holds are not counted again; later ones are")
    func skipsWhatTheSeedHolds() throws {
        // The store's bar holds two trades, of commands up to sequence 12 (the projector ran
        // ahead of the fan-out, which has published only up to 10).
        let seed = Kline(
            openTime: Self.t0, closeTime: Self.t0 + 59_999, open: Self.price("100"), high: Self.price("104"), low: Self.price("100"),
            close: Self.price("104"), volume: Self.quantity("3"),
            quoteVolume: ExactProduct(units: ExactProduct(Self.price("100"), Self.quantity("2")).units + ExactProduct(Self.price("104"), Self.quantity("1")).units),
            tradeCount: 2)
        var tracker = KlineTracker(interval: .oneMinute, bar: seed, seededThrough: 12)
        // A command up to 12, published after the seed was read, is already in the bar.
        tracker.record(price: Self.price("104"), quantity: Self.quantity("1"), time: Self.t0 + 2_000, sequence: 12)
        #expect(tracker.bar == seed)
        // Sequence 13 is new.
        tracker.record(price: Self.price("99"), quantity: Self.quantity("0.5"), time: Self.t0 + 3_000, sequence: 13)
        let bar = try #require(tracker.bar)
        #expect(bar.tradeCount == 3 && bar.volume == Self.quantity("3.5") && bar.low == Self.price("99") && bar.close == Self.price("99"))
    }
}
