import NIOCore
import Synchronization

/// The connections of one event loop that have messages to write, and the one task on that
/// loop that writes them.
///
/// A depth update reaches a thousand connections spread over a few event loops: marking
/// them here costs one `execute` per loop and update, where each connection scheduling its
/// own write would wake the loop a thousand times.
final class StreamFlusher: Sendable {
    private struct Marks: Sendable {
        var connections: [StreamConnection] = []
        var scheduled = false
    }

    let eventLoop: any EventLoop
    private let marks = Mutex(Marks())

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    /// Notes that `connection` has queued messages; its queue is written on the next run.
    func mark(_ connection: StreamConnection) {
        let schedule = marks.withLock { marks -> Bool in
            marks.connections.append(connection)
            guard !marks.scheduled else { return false }
            marks.scheduled = true
            return true
        }
        if schedule { eventLoop.execute { self.run() } }
    }

    private func run() {
        let connections = marks.withLock { marks -> [StreamConnection] in
            marks.scheduled = false
            defer { marks.connections = [] }
            return marks.connections
        }
        for connection in connections { connection.writeQueued() }
    }
}
