import Foundation

/// A fixed set of connections handed out one caller at a time. A caller that finds none free waits
/// (bounded by `timeout`) instead of opening more, so the engine never sees more than `count`.
final class ConnectionPool<C: AnyObject>: @unchecked Sendable {
    // @unchecked: `idle` is only touched under `condition`; a connection is used by one thread at a time.
    private let condition = NSCondition()
    private var idle: [C]
    private var closed = false
    private let timeout: TimeInterval

    init(_ connections: [C], timeout: TimeInterval = 30) {
        idle = connections
        self.timeout = timeout
    }

    func with<T>(_ body: (C) throws -> T) throws -> T {
        let connection = try checkOut()
        defer { checkIn(connection) }
        return try body(connection)
    }

    private func checkOut() throws -> C {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date(timeIntervalSinceNow: timeout)
        while idle.isEmpty {
            if closed { throw DatabaseError(.unavailable, "the database has been closed") }
            if !condition.wait(until: deadline) {
                throw DatabaseError(.busy, "no database connection became free within \(Int(timeout)) s")
            }
        }
        return idle.removeLast()
    }

    private func checkIn(_ connection: C) {
        condition.lock()
        idle.append(connection)
        condition.signal()
        condition.unlock()
    }

    /// Takes every connection out for good (used by `close`).
    func drain() -> [C] {
        condition.lock()
        defer { condition.unlock() }
        let all = idle
        idle = []
        closed = true
        condition.broadcast()
        return all
    }
}
