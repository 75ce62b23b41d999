import PerpetuaEngine

/// One step of a matching workload: the three things a client does to a book.
///
/// Workloads are built ahead of time as arrays of these so that a benchmark's timed loop
/// does nothing but feed the book; generating a command (random numbers, bookkeeping)
/// never shows up in the measurement.
public enum WorkloadCommand: Hashable, Sendable {
    /// Place a new order (GTC or IOC limit in the built-in workloads).
    case place(BookOrder)
    /// Cancel a live order.
    case cancel(orderId: UInt64)
    /// Move a live order: new price, same total quantity.
    case amend(orderId: UInt64, priceTicks: Int64, lots: Int64)
}
