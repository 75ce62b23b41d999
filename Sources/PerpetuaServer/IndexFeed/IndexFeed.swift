import Logging
import PerpetuaCore
import PerpetuaEngine
import PerpetuaJournal
import ServiceLifecycle
import Synchronization

/// Moves index prices for the symbols whose feed (``IndexFeedSettings``) is simulated or
/// replayed; symbols on the operator feed are left to `POST /v1/admin/index-price`.
///
/// Every `intervalMilliseconds` of wall time it takes one ``step()``: a simulated symbol
/// walks one step from its current index; a replayed symbol gets the price of the last CSV
/// row whose time the exchange clock has reached (rows in between are skipped, the index
/// being a level, not a flow). With a manual clock, nothing replays until the operator moves
/// the clock. Each price is an ordinary `setIndexPrice` command through the sequencer, so it
/// is journaled and replayable.
public final class IndexFeed: Service {
    let exchange: Exchange
    let settings: IndexFeedSettings
    let schedule: IndexReplaySchedule?
    let logger: Logger
    private let state: Mutex<State>

    struct State {
        var walk: IndexRandomWalk
        /// Per replayed symbol, the next row not yet applied.
        var cursors: [String: Int] = [:]
        /// Symbols of the file the exchange does not list (warned once).
        var warned: Set<String> = []
    }

    /// A feed on `exchange` as `settings` say; reads the replay file when a symbol replays.
    public init(exchange: Exchange, settings: IndexFeedSettings, logger: Logger) throws(IndexReplayError) {
        self.exchange = exchange
        self.settings = settings
        self.logger = logger
        let replays = settings.defaultMode == .replay || settings.symbols.values.contains(.replay)
        if replays, let file = settings.replayFile {
            schedule = try IndexReplaySchedule(contentsOfFile: file)
        } else if replays {
            throw IndexReplayError(line: 0, message: "indexFeeds.replayFile must name a CSV file when a feed is replay")
        } else {
            schedule = nil
        }
        state = Mutex(State(walk: IndexRandomWalk(seed: settings.seed)))
    }

    /// Whether any symbol needs this service (some feed is not the operator's).
    public static func isNeeded(_ settings: IndexFeedSettings) -> Bool {
        settings.defaultMode != .operator || settings.symbols.values.contains { $0 != .operator }
    }

    /// Steps until graceful shutdown begins or the exchange stops.
    public func run() async {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await self.step()
                } catch let error as PerpetuaError where error.code == .serviceUnavailable {
                    return
                } catch {
                    self.logger.warning("index feed: \(error)")
                }
                try? await Task.sleep(for: .milliseconds(self.settings.intervalMilliseconds))
            }
        }
    }

    /// One step for every listed symbol; returns the prices it set (for tests and logs).
    @discardableResult
    public func step() async throws -> [String: Price] {
        var set: [String: Price] = [:]
        let now = exchange.now
        for spec in exchange.market.allSpecs {
            switch settings.mode(of: spec.symbol) {
            case .operator:
                continue
            case .simulated:
                let symbol = spec.symbol
                guard let index = try await exchange.read({ $0.market(symbol)?.indexPrice }) else { continue }
                let next = state.withLock { $0.walk.step(index, tick: spec.tickSize.units) }
                try await setIndex(symbol, next)
                set[symbol] = next
            case .replay:
                guard let schedule else { continue }
                let due = state.withLock { state -> IndexReplaySchedule.Point? in
                    let start = state.cursors[spec.symbol] ?? 0
                    guard let last = schedule.lastDue(spec.symbol, at: now, from: start) else { return nil }
                    state.cursors[spec.symbol] = last + 1
                    return schedule.points[spec.symbol]![last]
                }
                if let due {
                    try await setIndex(spec.symbol, due.price)
                    set[spec.symbol] = due.price
                }
            }
        }
        if let schedule {
            let listed = Set(exchange.market.allSpecs.map(\.symbol))
            let unknown = state.withLock { state -> [String] in
                let missing = schedule.points.keys.filter { !listed.contains($0) && !state.warned.contains($0) }
                state.warned.formUnion(missing)
                return missing.sorted()
            }
            for symbol in unknown { logger.warning("index replay: \(symbol) is not listed; its rows wait until it is") }
        }
        return set
    }

    private func setIndex(_ symbol: String, _ price: Price) async throws {
        let result = try await exchange.submit(.setIndexPrice(symbol: symbol, price: price)).result
        if let error = result.error { throw error }
    }
}
