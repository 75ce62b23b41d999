import PerpetuaCore
import PerpetuaEngine

/// A prepared matching benchmark: the commands to replay into a fresh book, how large a
/// book they need, and what the book must report at the end.
///
/// Both `perpetua bench matching` and the `Benchmarks/` package run these, so the numbers
/// they print describe the same work.
public struct MatchingWorkload: Sendable {
    /// The workload's name in reports (`liquibook`, `exchange-core`).
    public var name: String
    /// Commands applied untimed before the measured ones, to bring the book to a steady
    /// state. Empty for workloads that start from an empty book.
    public var warmUp: [WorkloadCommand]
    /// The measured commands.
    public var commands: [WorkloadCommand]
    /// The `capacity` to build the book with: the most orders (and order ids) the run
    /// needs, so the timed loop never grows an array or faults in a fresh page.
    public var bookCapacity: Int
    /// The book's price band. The workloads set no reference price, so it never binds; it
    /// is wide in case a book derives one.
    public var priceBandRate: Rate
    /// What a correct book reports over the measured commands, when known.
    public var expectation: WorkloadExpectation?

    public init(
        name: String, warmUp: [WorkloadCommand] = [], commands: [WorkloadCommand], bookCapacity: Int,
        priceBandRate: Rate = Rate(units: fixedPointOne / 2), expectation: WorkloadExpectation? = nil
    ) {
        self.name = name
        self.warmUp = warmUp
        self.commands = commands
        self.bookCapacity = bookCapacity
        self.priceBandRate = priceBandRate
        self.expectation = expectation
    }

    /// A fresh, empty book sized for this workload.
    public func makeBook() -> OrderBook {
        OrderBook(priceBandRate: priceBandRate, capacity: bookCapacity)
    }
}

/// The counts a correct book must reach on a workload: the correctness gate that keeps a
/// fast but wrong book from posting a benchmark number.
public struct WorkloadExpectation: Hashable, Sendable {
    /// Trade events over the measured commands.
    public var fills: Int
    /// Orders resting on the book after the last command.
    public var resting: Int
    /// Measured commands that produced at least one trade, when known.
    public var tradeCommands: Int?
    /// Where the numbers come from (`DESIGN.md`, the generator's reference model).
    public var source: String

    public init(fills: Int, resting: Int, tradeCommands: Int? = nil, source: String) {
        self.fills = fills
        self.resting = resting
        self.tradeCommands = tradeCommands
        self.source = source
    }

    /// A sentence describing every count that differs from this expectation, or `nil`
    /// when the run matches. Any rejected command is a failure: the built-in workloads
    /// only issue commands that a correct book accepts.
    public func mismatch(in counts: MatchingCounts) -> String? {
        var problems: [String] = []
        if counts.fills != fills { problems.append("fills \(counts.fills), expected \(fills)") }
        if counts.resting != resting { problems.append("resting \(counts.resting), expected \(resting)") }
        if let tradeCommands, counts.tradeCommands != tradeCommands {
            problems.append("trading commands \(counts.tradeCommands), expected \(tradeCommands)")
        }
        if counts.rejected != 0 { problems.append("\(counts.rejected) commands rejected, expected none") }
        if problems.isEmpty { return nil }
        return problems.joined(separator: "; ") + " (expected counts from \(source))"
    }
}
