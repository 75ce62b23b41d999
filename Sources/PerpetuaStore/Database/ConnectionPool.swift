/// A small bounded pool of connections. Callers lease a connection for the length of a
/// closure, so a transaction always runs on one connection; when every connection is in
/// use, callers queue in arrival order. Broken connections (a restarted PostgreSQL) are
/// dropped on return and replaced on the next lease.
actor ConnectionPool {
    private let capacity: Int
    private let connect: @Sendable () async throws -> PooledConnection
    private var idle: [PooledConnection] = []
    private var open = 0
    private var waiters: [CheckedContinuation<PooledConnection?, Never>] = []
    private var closed = false

    init(capacity: Int, connect: @escaping @Sendable () async throws -> PooledConnection) {
        precondition(capacity > 0)
        self.capacity = capacity
        self.connect = connect
    }

    /// Runs `body` with a leased connection and returns it to the pool afterwards.
    nonisolated func withConnection<R: Sendable>(
        _ body: @Sendable (PooledConnection) async throws -> R
    ) async throws -> R {
        let connection = try await acquire()
        do {
            let result = try await body(connection)
            await release(connection)
            return result
        } catch {
            await release(connection)
            throw error
        }
    }

    /// Closes every idle connection; leased ones close when they come back.
    func shutdown() async {
        closed = true
        let toClose = idle
        idle.removeAll()
        open -= toClose.count
        for waiter in waiters { waiter.resume(returning: nil) }
        waiters.removeAll()
        for connection in toClose { await connection.close() }
    }

    private func acquire() async throws -> PooledConnection {
        while true {
            if closed { throw PoolClosedError() }
            if let connection = idle.popLast() {
                if connection.isClosed() {
                    open -= 1
                    continue
                }
                return connection
            }
            if open < capacity {
                open += 1
                do {
                    return try await connect()
                } catch {
                    open -= 1
                    throw error
                }
            }
            let handed = await withCheckedContinuation { waiters.append($0) }
            if let handed { return handed }
        }
    }

    private func release(_ connection: PooledConnection) async {
        if closed || connection.isClosed() {
            open -= 1
            await connection.close()
            // A waiter can now open a fresh connection.
            if !waiters.isEmpty { waiters.removeFirst().resume(returning: nil) }
            return
        }
        if !waiters.isEmpty {
            waiters.removeFirst().resume(returning: connection)
        } else {
            idle.append(connection)
        }
    }
}
