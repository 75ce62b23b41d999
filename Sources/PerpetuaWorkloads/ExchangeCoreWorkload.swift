import PerpetuaCore
import PerpetuaEngine

/// The exchange-core mix of DESIGN.md: one symbol, 1,000 accounts, about 1,000 live orders
/// spread over about 750 price levels, and a command stream of 9 % GTC limit, 3 % IOC,
/// 6 % cancel and 82 % move, of which about 6 % trade.
///
/// It is the workload exchange-core quotes its latency on, and unlike an insert-only load
/// it exercises what a live venue mostly does: moving and cancelling orders, creating and
/// emptying levels. The generator simulates every command against ``ModelBook`` so that
/// cancels and moves always name a live order and the fast book's fill and resting counts
/// are known in advance, which gives the same kind of correctness gate as the Liquibook
/// workload. Everything follows from the seed.
public struct ExchangeCoreWorkload: Sendable {
    /// The knobs of the generator. The defaults reproduce the exchange-core mix; the
    /// steering constants were tuned by measuring the generated stream.
    public struct Configuration: Hashable, Sendable {
        /// Accounts the orders are spread over (owners 1...accounts).
        public var accounts = 1_000
        /// The number of live orders the generator steers towards.
        public var targetLiveOrders = 1_000
        /// Mixed commands run after the initial orders are placed, untimed, before the
        /// measured commands start.
        public var warmUpCommands = 100_000
        /// The price around which the book starts and towards which it is pulled back.
        public var centerPriceTicks: Int64 = 1_000_000
        /// How far behind the opposite best a passive order may be placed, in ticks; sets
        /// how many levels the live orders spread over.
        public var passiveWidthTicks = 840
        /// How far through the opposite best an IOC or aggressive GTC order is priced, in
        /// ticks (a crossing move goes to the opposite best itself).
        public var aggressiveDepthTicks = 3
        /// Passive orders are 1...maxPassiveLots lots.
        public var maxPassiveLots = 200
        /// IOC and aggressive GTC orders are at most this many lots, and less than what the
        /// first maker they meet has left (unless it has one lot), so a taker trades at the
        /// best level without clearing it.
        public var maxAggressiveLots = 10
        /// The chance, per 1,000, that a GTC order is priced to trade when the book is at
        /// its target size; it rises above the target and falls below it.
        public var aggressiveGTCPerMille = 300
        /// The chance, per 10,000, that a move crosses the spread at the target size; it
        /// steers like ``aggressiveGTCPerMille``.
        public var crossingMovePerTenThousand = 60
        /// How hard the book is steered to its target size: the chances above are scaled
        /// by `1 + gain × (live − target) / target`, clamped to 0...2.
        public var steeringGain = 10

        public init() {}
    }

    /// The generator settings this workload was built with.
    public var configuration: Configuration
    /// Commands that bring the book from empty to its steady state.
    public var warmUp: [WorkloadCommand]
    /// The measured commands.
    public var commands: [WorkloadCommand]
    /// What the generator's model saw over the measured commands.
    public var statistics: ExchangeCoreStatistics
    /// The highest order id used.
    public var highestOrderId: UInt64
    /// The most orders live at once, warm-up included.
    public var peakLiveOrders: Int

    /// Generates `commandCount` measured commands (after the warm-up) from `seed`.
    public init(commandCount: Int, seed: UInt64 = 1, configuration: Configuration = Configuration()) {
        precondition(commandCount >= 0, "command count must not be negative")
        self.configuration = configuration
        var generator = ExchangeCoreGenerator(seed: seed, configuration: configuration)
        warmUp = generator.warmUp()
        commands = generator.generate(count: commandCount)
        statistics = generator.statistics
        highestOrderId = generator.highestOrderId
        peakLiveOrders = generator.peakLiveOrders
    }

    /// The workload ready to run, gated on the model's counts.
    public var workload: MatchingWorkload {
        MatchingWorkload(
            name: "exchange-core",
            warmUp: warmUp,
            commands: commands,
            // Twice the peak, so the book's order slab and id index never grow or crowd.
            bookCapacity: max(4_096, 2 * peakLiveOrders),
            expectation: WorkloadExpectation(
                fills: statistics.fills,
                resting: statistics.restingAtEnd,
                tradeCommands: statistics.tradeCommands,
                source: "the generator's reference model"
            )
        )
    }
}

/// What the exchange-core generator's model observed over the measured commands: the
/// achieved mix, to compare with the one the workload promises.
public struct ExchangeCoreStatistics: Hashable, Sendable {
    public var commands = 0
    public var gtcOrders = 0
    public var iocOrders = 0
    public var cancels = 0
    public var moves = 0
    /// Commands that produced at least one trade.
    public var tradeCommands = 0
    /// Trade events.
    public var fills = 0
    /// Live orders and non-empty levels summed over every command, for the means.
    public var liveOrderSum = 0
    public var levelSum = 0
    public var minLiveOrders = Int.max
    public var maxLiveOrders = 0
    /// Orders resting after the last command.
    public var restingAtEnd = 0
    public var bidLevelsAtEnd = 0
    public var askLevelsAtEnd = 0

    public init() {}

    /// Share of commands that traded.
    public var tradeRatio: Double { commands == 0 ? 0 : Double(tradeCommands) / Double(commands) }
    /// Mean live orders after each command.
    public var meanLiveOrders: Double { commands == 0 ? 0 : Double(liveOrderSum) / Double(commands) }
    /// Mean non-empty price levels (both sides) after each command.
    public var meanLevels: Double { commands == 0 ? 0 : Double(levelSum) / Double(commands) }
}
