import Foundation

/// The server database: a pool of libpq connections (ARCHITECTURE.md "Storage").
public final class PostgresDatabase: Database, @unchecked Sendable {
    // @unchecked: connections are only reached through the pool, one thread at a time.
    public let dialect = SQLDialect.postgres
    private let pool: ConnectionPool<PostgresConnection>

    /// Connects `size` times. An unreachable server fails within `connect_timeout` (5 s unless the URL
    /// sets it), so a typo in `--db` is reported in seconds, not minutes.
    public init(url: String, size: Int = 4) throws {
        var conninfo = url
        if !conninfo.contains("connect_timeout") {
            conninfo += conninfo.contains("?") ? "&connect_timeout=5" : "?connect_timeout=5"
        }
        var connections: [PostgresConnection] = []
        for _ in 0..<max(1, size) {
            let connection = try PostgresConnection(conninfo: conninfo)
            try connection.executeScript("SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC';")
            connections.append(connection)
        }
        pool = ConnectionPool(connections)
    }

    public func read<T>(_ body: (Connection) throws -> T) throws -> T {
        try pool.with { connection in
            try connection.ensureHealthy()
            return try body(connection)
        }
    }

    public func write<T>(_ body: (Connection) throws -> T) throws -> T {
        try pool.with { connection in
            try connection.ensureHealthy()
            try connection.executeScript("BEGIN")
            do {
                let result = try body(connection)
                try connection.executeScript("COMMIT")
                return result
            } catch {
                try? connection.executeScript("ROLLBACK")
                throw error
            }
        }
    }

    /// None: telling whether anything changed would take a query (or LISTEN on every write), which
    /// is the work a stamp is meant to save; nothing is reused on PostgreSQL.
    public func changeStamp() -> ChangeStamp? { nil }

    public func close() { _ = pool.drain() }
}
