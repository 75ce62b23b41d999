import Foundation
import PerpetuaCore

/// The rows of an index replay file: `time,symbol,price` per line, time in milliseconds
/// since the epoch, price a canonical decimal string. A header line (`time,symbol,price`),
/// blank lines and lines starting with `#` are skipped. Rows are kept per symbol in time
/// order.
public struct IndexReplaySchedule: Sendable, Hashable {
    /// One price and the exchange time from which it holds.
    public struct Point: Sendable, Hashable {
        public var time: Int64
        public var price: Price
    }

    /// Rows per symbol, sorted by time (stable for equal times: the later line wins).
    public private(set) var points: [String: [Point]] = [:]

    /// Parses `text`; a bad line throws a message with its line number.
    public init(csv text: String) throws(IndexReplayError) {
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if lineNumber == 1 && fields.first?.lowercased() == "time" { continue }
            guard fields.count == 3 else {
                throw IndexReplayError(line: lineNumber, message: "expected time,symbol,price, got \(fields.count) fields")
            }
            guard let time = Int64(fields[0]), time >= 0 else {
                throw IndexReplayError(line: lineNumber, message: "time must be milliseconds since the epoch, got \"\(fields[0])\"")
            }
            let symbol = fields[1].uppercased()
            guard !symbol.isEmpty else { throw IndexReplayError(line: lineNumber, message: "the symbol is empty") }
            let price: Price
            do {
                price = try Price(parsing: fields[2])
            } catch {
                throw IndexReplayError(line: lineNumber, message: "price must be a decimal such as 65000.5, got \"\(fields[2])\"")
            }
            guard price.units > 0 else { throw IndexReplayError(line: lineNumber, message: "price must be positive") }
            points[symbol, default: []].append(Point(time: time, price: price))
        }
        for symbol in points.keys {
            // A stable sort: equal times keep file order, so the later line is the one that holds.
            points[symbol] = points[symbol]!.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
        }
    }

    /// Reads and parses the file at `path`.
    public init(contentsOfFile path: String) throws(IndexReplayError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw IndexReplayError(line: 0, message: "cannot read \(path)")
        }
        try self.init(csv: String(decoding: data, as: UTF8.self))
    }

    /// The index of the last point of `symbol` at or before `time`, searching from `start`.
    func lastDue(_ symbol: String, at time: Int64, from start: Int) -> Int? {
        guard let list = points[symbol] else { return nil }
        var index = start
        var found: Int?
        while index < list.count, list[index].time <= time {
            found = index
            index += 1
        }
        return found
    }
}

/// A replay file that cannot be used: the line (1-based; 0 for the file itself) and why.
public struct IndexReplayError: Error, CustomStringConvertible, Sendable, Equatable {
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "line \(line): \(message)" : message }
}
